"""Legal basis read the way a clerk reads a preamble: every act a "Căn cứ" line names (several on one line, an
amending act whole, a first line printed right under the title), a plan's "Thực hiện …" opener; and questions
that ask several bodies or a sum of money read as such (synthetic documents parsed for real; no model, no index)."""

from __future__ import annotations

import pytest
from test_qa_extractors import Corpus

from corpus.vietnamese import match_key
from retriever.qa.extractors.acts import basis_acts
from retriever.qa.question import analyze_question, detect_kind
from retriever.qa.records import act_designation

DECREE = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 188/2025/NĐ-CP
Hà Nội, ngày 01 tháng 7 năm 2025

NGHỊ ĐỊNH
QUY ĐỊNH CHI TIẾT VÀ HƯỚNG DẪN THI HÀNH MỘT SỐ ĐIỀU CỦA LUẬT BẢO HIỂM Y TẾ
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Căn cứ Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008; Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế
ngày 13 tháng 6 năm 2014; Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 27 tháng 11 năm 2024;
Căn cứ Nghị định số 54/2019/NĐ-CP ngày 19 tháng 6 năm 2019 của Chính phủ quy định về kinh doanh dịch vụ karaoke;
Nghị định số 148/2024/NĐ-CP ngày 12 tháng 11 năm 2024 của Chính phủ sửa đổi, bổ sung một số điều Nghị định số
54/2019/NĐ-CP ngày 19 tháng 6 năm 2019 của Chính phủ quy định về kinh doanh dịch vụ karaoke;
Căn cứ Nghị quyết số 66.18/2026/NQ-CP của Chính phủ phân quyền, cắt giảm thủ tục hành chính;
Theo đề nghị của Bộ trưởng Bộ Y tế;
Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Bảo hiểm y tế.

Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết về đối tượng tham gia bảo hiểm y tế.
Căn cứ báo cáo của Ủy ban nhân dân cấp xã, Ủy ban nhân dân cấp huyện tổng hợp danh sách.

TM. CHÍNH PHỦ
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Lê Thành Long
"""

PLAN = """ỦY BAN NHÂN DÂN
TỈNH AN BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 542/KH-UBND
An Bình, ngày 20 tháng 11 năm 2024

KẾ HOẠCH
Củng cố y tế cơ sở trên địa bàn tỉnh

Thực hiện Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng Chính phủ, Quyết định số 1093/QĐ-BYT ngày
02/5/2024 của Bộ Y tế và Kế hoạch số 229-KH/TU ngày 18/3/2024 của Tỉnh ủy (sau đây gọi tắt là Quyết định số
281/QĐ-TTg, Quyết định số 1093/QĐ-BYT và Kế hoạch số 229-KH/TU), UBND tỉnh ban hành Kế hoạch thực hiện như sau:
I. MỤC ĐÍCH YÊU CẦU
1. Nâng cao chất lượng y tế cơ sở.
- Thực hiện Quyết định số 999/QĐ-UBND ngày 01/01/2024 về trạm y tế.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Minh Khoa
"""


class Document(Corpus):
    """A whole synthetic document (its own header and preamble), parsed for real."""

    def __init__(self, tmp_path, text: str, name: str = "document.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        self._load(path)


def _acts(text: str) -> list[str]:
    return [" ".join(text[s:e].split()) for s, e in basis_acts(text, 0, len(text))]


def test_every_act_of_one_basis_line():
    acts = _acts("Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008; Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm "
                 "y tế ngày 13 tháng 6 năm 2014;\nCăn cứ Luật Dược;")
    assert acts == ["Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008",
                    "Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 13 tháng 6 năm 2014"]


def test_an_amending_act_and_an_amended_act_stay_whole():
    amending = "Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức ngày 25 tháng 11 năm 2019"
    assert _acts(amending + ";") == [amending]
    amended = "Luật Doanh nghiệp số 59/2020/QH14 được sửa đổi, bổ sung bởi Luật số 03/2022/QH15 và Luật số 76/2025/QH15"
    assert _acts(amended + ";") == [amended]
    # "quy định chi tiết và hướng dẫn thi hành" goes on with the same act
    assert len(_acts("Nghị định số 105/2014/NĐ-CP của Chính phủ quy định chi tiết và hướng dẫn thi hành một số "
                     "điều của Luật bảo hiểm y tế;")) == 1


def test_a_dotted_number_and_a_short_name_clause_do_not_end_the_act():
    assert _acts("Nghị quyết số 66.18/2026/NQ-CP của Chính phủ phân quyền;") == [
        "Nghị quyết số 66.18/2026/NQ-CP của Chính phủ phân quyền"]
    assert _acts("Quyết định số 281/QĐ-TTg, Quyết định số 1093/QĐ-BYT và Kế hoạch số 229-KH/TU (sau đây gọi tắt là "
                 "Quyết định số 281/QĐ-TTg), UBND tỉnh ban hành") == [
        "Quyết định số 281/QĐ-TTg", "Quyết định số 1093/QĐ-BYT", "Kế hoạch số 229-KH/TU"]


def test_an_amending_act_is_designated_by_what_it_amends():
    assert act_designation("Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 13 tháng 6 năm 2014") == \
        "Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế"


def test_legal_basis_under_the_title_and_on_the_same_line(tmp_path):
    doc = Document(tmp_path, DECREE)
    route = doc.route()

    def ask(question: str) -> str:
        answer = route.facts(analyze_question(question), doc.doc_id)
        assert answer is not None, question
        for quote in answer.quotes:  # verbatim
            assert doc.text[quote.start:quote.end] == quote.text
        return answer.answer

    # the first "Căn cứ" line is printed right under the title (one unit with it)
    assert ask("Nghị định 188/2025/NĐ-CP căn cứ luật nào về tổ chức Chính phủ?").startswith("Luật Tổ chức Chính phủ")
    # the second act of a line
    assert "sửa đổi, bổ sung" in ask("Nghị định 188/2025/NĐ-CP căn cứ luật sửa đổi nào về bảo hiểm y tế?")
    # the act whose own title names karaoke, not the one that amends it
    assert ask("Nghị định 188/2025/NĐ-CP căn cứ nghị định nào về kinh doanh dịch vụ karaoke?").startswith(
        "Nghị định số 54/2019/NĐ-CP")
    assert "148/2024/NĐ-CP" in ask("Nghị định 188/2025/NĐ-CP căn cứ nghị định nào sửa đổi Nghị định 54/2019?")
    assert "66.18/2026/NQ-CP" in ask("Nghị định 188/2025/NĐ-CP căn cứ nghị quyết nào của Chính phủ?")
    # a broad question lists the acts; an instruction in an article ("Căn cứ báo cáo của …") is no act
    listed = ask("Nghị định 188/2025/NĐ-CP được ban hành căn cứ những văn bản nào?")
    assert "Luật Tổ chức Chính phủ" in listed and "báo cáo" not in listed


def test_a_plans_basis_is_the_acts_its_opening_line_carries_out(tmp_path):
    doc = Document(tmp_path, PLAN)
    route = doc.route()
    answer = route.facts(analyze_question("Kế hoạch 542/KH-UBND căn cứ quyết định nào của Bộ Y tế?"), doc.doc_id)
    assert answer is not None and answer.answer.startswith("Quyết định số 1093/QĐ-BYT")
    listed = route.facts(analyze_question("Kế hoạch 542/KH-UBND được ban hành trên cơ sở những văn bản nào?"),
                         doc.doc_id)
    assert listed is not None
    assert "281/QĐ-TTg" in listed.answer and "229-KH/TU" in listed.answer
    assert "999/QĐ-UBND" not in listed.answer  # a task below carries out an act; it is no basis of the plan


@pytest.mark.parametrize("question, kind", [
    ("Các bộ, ngành nào phải báo cáo Thủ tướng kết quả thực hiện?", "agencies"),
    ("cac so, ban, nganh nao phoi hop thuc hien", "agencies"),
    ("Sở nào chủ trì và cơ quan nào phối hợp thẩm định hồ sơ?", "agencies"),
    ("Những ai chịu trách nhiệm thi hành quyết định này?", "agencies"),
    ("Sở nào chủ trì thẩm định hồ sơ?", "agency"),
    ("Ngân sách tỉnh bố trí bao nhiêu tỷ đồng cho chương trình?", "amount"),
    ("Mỗi trạm y tế được cấp bao nhiêu triệu đồng?", "amount"),
    ("tong von dau tu cua du an la bao nhieu", "amount"),
    ("Cá nhân đạt giải nhất được thưởng bao nhiêu?", "amount"),
    ("Người tham gia đóng bao nhiêu mỗi tháng?", "amount"),
    ("Mỗi năm kiểm tra bao nhiêu lần?", "number"),
    ("Có bao nhiêu trạm y tế được đầu tư?", "number"),
    ("Ngân sách hỗ trợ bao nhiêu dự án?", "number"),
    # typed without diacritics: "mã số nào" is no "Sở nào"; "bãi bỏ mấy" still "how many"
    ("cuc hai quan xep thanh den led vao nhom ma so nao", "code"),  # w148: a code asked, read as CODE
    ("so nao chu tri tham dinh", "agency"),
    ("quyet dinh 1609/QD-UBND bai bo may thu tuc hanh chinh", "number"),  # how many repealed
])
def test_several_bodies_and_sums_of_money(question, kind):
    assert detect_kind(question).value == kind


# ---------------------------------------------------------------- repeals: the act's own repeal clause, not the word

REPEALING = """ỦY BAN NHÂN DÂN
TỈNH AN BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 46/2025/QĐ-UBND
An Bình, ngày 20 tháng 11 năm 2025

QUYẾT ĐỊNH
VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG, BÃI BỎ THEO NGHỊ QUYẾT 66/NQ-CP

Căn cứ Thông tư số 104/2024/TT-BQP ngày 27/11/2024 của Bộ trưởng Bộ Quốc phòng thay thế, bãi bỏ một số quy định;
Theo đề nghị của Giám đốc Sở Y tế.

QUYẾT ĐỊNH:
Điều 1. Khuyến khích thay thế vật tư hư hỏng bằng vật tư tiết kiệm năng lượng.
Điều 2. Trường hợp các văn bản quy phạm pháp luật viện dẫn tại Quyết định này được sửa đổi, bổ sung hoặc thay thế
thì thực hiện theo văn bản mới.
Điều 3. Cụm từ “Sở Lao động” được thay thế bằng cụm từ “Sở Nội vụ” theo quy định tại Quyết định số 22/2025/QĐ-TTg.
"""
ITS_OWN_CLAUSE = """Điều 4. Hiệu lực thi hành
1. Quyết định này có hiệu lực từ ngày 01 tháng 12 năm 2025.
2. Bãi bỏ Quyết định số 15/2019/QĐ-UBND ngày 02 tháng 7 năm 2019 của Ủy ban nhân dân tỉnh.
"""
SIGNED = """
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Minh Khoa
"""


def test_no_repeal_read_off_a_title_a_cited_act_a_general_clause_or_a_wording(tmp_path):
    doc = Document(tmp_path, REPEALING + SIGNED)
    assert doc.route().facts(analyze_question("Quyết định 46/2025/QĐ-UBND bãi bỏ văn bản nào?"), doc.doc_id) is None


def test_the_acts_own_repeal_clause_answers(tmp_path):
    doc = Document(tmp_path, REPEALING + ITS_OWN_CLAUSE + SIGNED)
    answer = doc.route().facts(analyze_question("Quyết định 46/2025/QĐ-UBND bãi bỏ văn bản nào?"), doc.doc_id)
    assert answer is not None and "15/2019/QĐ-UBND" in answer.answer


ADOPTED = """ỦY BAN THƯỜNG VỤ QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1655/NQ-UBTVQH15
Hà Nội, ngày 16 tháng 6 năm 2025

NGHỊ QUYẾT
Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh An Bình năm 2025

Căn cứ Nghị quyết số 76/2025/UBTVQH15 ngày 14 tháng 4 năm 2025 của Ủy ban Thường vụ Quốc hội, được thông qua ngày
14 tháng 4 năm 2025;

QUYẾT NGHỊ:
Điều 1. Sắp xếp các đơn vị hành chính cấp xã của tỉnh An Bình.
Điều 2. Hiệu lực thi hành
1. Nghị quyết này có hiệu lực thi hành từ ngày được thông qua.
Nghị quyết này được Ủy ban Thường vụ Quốc hội khóa XV thông qua ngày 16 tháng 6 năm 2025.

TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI
CHỦ TỊCH
Trần Thanh Mẫn
"""


def test_in_force_from_its_adoption_gives_the_adoption_date(tmp_path):
    doc = Document(tmp_path, ADOPTED)
    answer = doc.route().facts(analyze_question("Nghị quyết 1655/NQ-UBTVQH15 có hiệu lực từ ngày nào?"), doc.doc_id)
    assert answer is not None and "thông qua" in answer.answer and "16 tháng 6 năm 2025" in answer.answer
    assert all(doc.text[q.start:q.end] == q.text for q in answer.quotes)
    assert any("16 tháng 6 năm 2025" in q.text for q in answer.quotes)


def test_the_act_a_decree_details_is_read_off_its_scope_article(tmp_path):
    body = DECREE.replace("Nghị định này quy định chi tiết về đối tượng tham gia bảo hiểm y tế.",
                          "Nghị định này quy định chi tiết một số điều của Luật Bảo hiểm y tế số 25/2008/QH12 đã được "
                          "sửa đổi, bổ sung một số điều theo Luật số 46/2014/QH13, Luật số 51/2024/QH15 và Luật số "
                          "90/2025/QH15, bao gồm: đối tượng tham gia bảo hiểm y tế.")
    doc = Document(tmp_path, body)
    answer = doc.route().answer(analyze_question("Nghị định 188/2025/NĐ-CP quy định chi tiết luật nào?"))
    assert answer is not None and answer.answer == "Luật Bảo hiểm y tế số 25/2008/QH12"
    assert all(doc.text[q.start:q.end] == q.text for q in answer.quotes)
    # no such act of the type asked: not this reading
    assert doc.route().detailed_act(analyze_question("Nghị định 188/2025/NĐ-CP hướng dẫn thông tư nào?"),
                                    doc.doc_id) is None


@pytest.mark.parametrize("question, kind", [
    ("Những văn bản nào căn cứ Nghị định 39/2022/NĐ-CP?", "document"),  # the acts citing it
    ("Văn bản nào là căn cứ để ban hành Quyết định 87/2025/QĐ-UBND?", "legal_basis"),
    ("Nghị định 123/2026/NĐ-CP quy định chi tiết luật nào?", "document"),
])
def test_who_cites_and_what_is_cited(question, kind):
    assert detect_kind(question).value == kind


def test_the_issuer_printed_in_capitals_in_the_header(tmp_path):
    doc = Document(tmp_path, DECREE)
    answer = doc.route().answer(analyze_question("Nghị định 188/2025/NĐ-CP do cơ quan nào ban hành?"))
    assert answer is not None and match_key(answer.answer) == "chinh phu"
    assert all(doc.text[q.start:q.end] == q.text for q in answer.quotes) and "CHÍNH PHỦ" in answer.quotes[0].text


def test_the_basis_line_of_the_act_the_question_describes(tmp_path):
    # a rule on forest fires cites the forestry law and the fire law; "luật nào về phòng cháy, chữa cháy" is the latter
    from tests.test_qa_extractors import Corpus

    corpus = Corpus(tmp_path, "Căn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15;\n\n"
                              "Căn cứ Luật Lâm nghiệp số 16/2017/QH14 về phòng cháy rừng của tỉnh;\n\n"
                              "Điều 1. Ban hành kèm theo Quyết định này Quy định phòng cháy, chữa cháy rừng.\n")
    span = corpus.extract("Quy định phòng cháy, chữa cháy rừng của tỉnh An Bình căn cứ luật nào về phòng cháy, chữa cháy?")
    assert "55/2024/QH15" in span.text
