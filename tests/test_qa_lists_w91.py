"""w91: how a clerk reads the items of an enumeration (sentences written for these tests, in the documents' style)."""

from __future__ import annotations

import pytest

from retriever.qa.extractors.lists import items_after_noun
from retriever.qa.question import analyze_question


def _items(question: str, text: str) -> str | None:
    found = items_after_noun(analyze_question(question), text, 0, len(text))
    return text[slice(*found)] if found else None


@pytest.mark.parametrize("question, text, expected", [
    # examples after "như", a qualifier between the noun and "như"; items separated by ";"
    ("Kế hoạch nhắc những phong trào thi đua nào?",
     ("- Đẩy mạnh các phong trào thi đua do Ủy ban nhân dân tỉnh phát động như Phong trào Ngày thứ Bảy xanh;\n"
     "Phong trào Dân vận khéo; Phong trào Xã hội học tập. Các sở báo cáo kết quả."),
     "Phong trào Ngày thứ Bảy xanh;\nPhong trào Dân vận khéo; Phong trào Xã hội học tập"),
    # examples in parentheses after "Ví dụ:"
    ("Những lĩnh vực nào được ưu tiên chuyển đổi số?",
     "Ưu tiên các lĩnh vực có nhiều giao dịch với người dân (Ví dụ: Y tế, giáo dục, đất đai) để triển khai trước.",
     "Y tế, giáo dục, đất đai"),
    # the members in parentheses right after the noun
    ("Sở phối hợp với những bệnh viện nào?",
     "Sở Y tế phối hợp với các bệnh viện (Bệnh viện Đa khoa tỉnh, Bệnh viện Sản Nhi, Bệnh viện Lao) để khám sàng lọc.",
     "Bệnh viện Đa khoa tỉnh, Bệnh viện Sản Nhi, Bệnh viện Lao"),
    # a quoted motto: its words to the closing mark
    ("Chỉ thị yêu cầu làm theo những khẩu hiệu nào?",
     "thực hiện theo khẩu hiệu “chủ động, kịp thời, hiệu quả, an toàn” trong mọi tình huống.",
     "chủ động, kịp thời, hiệu quả, an toàn"),
    # the fields after "về", to the clause's end
    ("Khi thẩm định phải xem xét những yếu tố nào?",
     "Hội đồng xem xét các yếu tố về dân số, diện tích, truyền thống văn hóa; bảo đảm ổn định.",
     "dân số, diện tích, truyền thống văn hóa"),
    # short items right after a plural noun ("các"/"những" announces several things)
    ("Những buổi lễ nào chỉ tổ chức trong gia đình?",
     "Các buổi lễ đầy tháng, thôi nôi, mừng thọ chỉ tổ chức trong phạm vi gia đình.",
     "đầy tháng, thôi nôi, mừng thọ chỉ tổ chức trong phạm vi gia đình"),
])
def test_items_named_after_the_asked_noun(question, text, expected):
    assert _items(question, text) == expected


@pytest.mark.parametrize("question, text", [
    # the noun followed by its own complement and a new clause, not by items: no plural before the noun
    ("Cơ quan yêu cầu giải trình những nội dung gì?",
     "Trường hợp cần làm rõ nội dung báo cáo, Quản tài viên, doanh nghiệp quản lý có quyền yêu cầu giải trình."),
    # a parenthesis that names, not lists
    ("Những cơ quan nào chủ trì?", "Các cơ quan (sau đây gọi là cơ quan chủ trì) phải báo cáo hằng quý."),
    # "như sau": the items come after the colon, read as a lead-in elsewhere
    ("Kế hoạch gồm những nội dung gì?", "Kế hoạch gồm các nội dung như sau: tuyên truyền, kiểm tra."),
])
def test_no_items_without_an_enumeration_after_the_noun(question, text):
    assert _items(question, text) is None


@pytest.mark.parametrize("question, kind", [
    # a body noun heading another noun names no body
    ("Chương trình đào tạo phải bảo đảm những tính chất gì?", "what"),
    ("Kế hoạch ưu tiên những ngành nghề nào?", "list"),
    ("Đề án khuyến khích những ngành sản xuất nào đầu tư vào khu công nghiệp?", "list"),
    # the administrative units a new one is formed from are places, listed
    ("Xã Tân Hòa mới được hình thành từ những đơn vị nào?", "list"),
    # … while bodies stay bodies
    ("Những đơn vị nào phải báo cáo kết quả trước ngày 15/12?", "agencies"),
    ("Công văn gửi những tỉnh nào?", "agencies"),
])
def test_which_nouns_name_bodies(question, kind):
    assert analyze_question(question).kind.value == kind


def test_the_places_merged_into_a_new_unit_are_its_answer():
    from retriever.qa.extractors.lists import named_places

    question = analyze_question("Phường Hòa Bình mới được hình thành từ những đơn vị nào?")
    text = ("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của Phường 3 (thành phố Bạc Liêu), xã Hòa Bình và "
            "xã Vĩnh Hậu thành phường mới có tên gọi là phường Hòa Bình.")
    found = [(text[s:e], own) for s, e, own in named_places(question, text, 0, len(text))]
    # a numbered ward opens its name with the capitalised noun; the question's own place is marked as such
    assert ("Phường 3", False) in found and ("xã Vĩnh Hậu", False) in found
    assert ("xã Hòa Bình", True) in found


def test_a_place_after_the_plural_noun_qualifies_it():
    # "các tuyến đường ở A, B, C": the places say where the roads are, they are no roads
    assert _items("Những tuyến đường nào bị ngập?", "Các tuyến đường ở Hòa Xuân, Hòa Quý, Hòa Hải bị ngập sâu.") is None
