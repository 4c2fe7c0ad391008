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
     "- Đẩy mạnh các phong trào thi đua do Ủy ban nhân dân tỉnh phát động như Phong trào Ngày thứ Bảy xanh;\n"
     "Phong trào Dân vận khéo; Phong trào Xã hội học tập. Các sở báo cáo kết quả.",
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
