"""Whose fact a record question asks (w116): the document's own record (its "Căn cứ" lines, its repeal clause, its
date) or something inside it — a procedure's own legal basis, the act that repealed an act a list describes, a duty to
issue something by a date — and which act a "<type> nào" names (the one asked, not the one the question is about).
Synthetic documents written in the style of the corpus, parsed for real."""

from __future__ import annotations

from test_qa_extractors import Corpus, extract_in_unit

from retriever.qa.extractors.acts import (
    LegalBasisExtractor,
    RepealsExtractor,
    asked_doer_verb,
    asks_of_procedure,
)
from retriever.qa.question import analyze_question
from retriever.qa.records.consolidated import consolidated_type

_LIST_OF_REPEALED = """Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản hết hiệu lực toàn bộ.
Điều 2. Bãi bỏ Quyết định số 10/2020/QĐ-UBND ngày 05/3/2020 của Ủy ban nhân dân tỉnh.

DANH MỤC VĂN BẢN HẾT HIỆU LỰC TOÀN BỘ
STT
Tên loại văn bản
Lý do hết hiệu lực
1
Quyết định số 59/2015/QĐ-TTg ngày 19/11/2015 của
Thủ tướng Chính phủ ban hành chuẩn nghèo tiếp cận đa
chiều áp dụng cho giai đoạn 2016-2020
Được bãi bỏ bởi Quyết định số 25/2022/QĐ-TTg
ngày 12/12/2022 của Thủ tướng Chính phủ
2
Thông tư số 36/2021/TT-BLĐTBXH ngày 31/12/2021 quy định mức điều chỉnh tiền lương
Được thay thế bởi Thông tư số 01/2023/TT-BLĐTBXH ngày 03/01/2023
"""

_TABLE_OF_PROCEDURES = """Điều 1. Công bố kèm theo Quyết định này Danh mục thủ tục hành chính lĩnh vực chính sách.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

DANH MỤC THỦ TỤC HÀNH CHÍNH
STT
Tên thủ tục hành chính
Thời gian giải quyết
Căn cứ pháp lý
1
Thủ tục giải quyết chế độ miễn học phí đối với con đẻ của hạ sĩ quan, binh sĩ tại ngũ.
01 ngày
- Luật Nghĩa vụ quân sự năm 2015;
- Nghị định số 27/2016/NĐ-CP ngày 06/4/2016 của Chính phủ quy định một số chế độ, chính sách đối với hạ sĩ quan,
binh sĩ phục vụ tại ngũ;
- Thông tư số 95/2016/TT-BQP ngày 28/6/2016 của Bộ trưởng Bộ Quốc phòng hướng dẫn thực hiện Nghị định số
27/2016/NĐ-CP.
"""


# ---- the verb that governs the act asked decides the kind
def test_a_repeal_verb_describing_the_document_yields_to_the_basis_verb_asked():
    described = analyze_question("Quyết định 45/2025/QĐ-UBND công bố văn bản hết hiệu lực căn cứ nghị định nào về "
                                 "chức năng của Sở Y tế?")
    assert described.kind.value == "legal_basis"
    governed = analyze_question("Quyết định căn cứ Luật Ngân sách nhà nước bãi bỏ những quyết định nào?")
    assert governed.kind.value == "repeals"


# ---- "phải ban hành vào thời gian nào": a duty to issue something by a time the text sets
def test_a_duty_to_issue_asks_no_date_of_the_document_itself():
    assert not analyze_question("Sổ tay hướng dẫn chuyển đổi số phải ban hành vào thời gian nào?").asks_own_date
    assert not analyze_question("Quy chế phối hợp cần được ban hành trước ngày nào?").asks_own_date
    assert analyze_question("Quyết định 45/2025/QĐ-UBND được ban hành ngày nào?").asks_own_date


# ---- "<type> nào của <issuer>" is the act asked for, not the document the question is about
def test_the_act_asked_for_names_no_subject(tmp_path):
    route = Corpus(tmp_path, "Điều 1. Hỗ trợ nhân viên y tế thôn bản.\n").route()
    asked = analyze_question("Thủ tục hỗ trợ nhân viên y tế thôn bản dựa trên quyết định nào của Ủy ban nhân dân "
                             "tỉnh An Bình?")
    assert route.subject(asked) is None
    named = analyze_question("Quyết định của Ủy ban nhân dân tỉnh An Bình về hỗ trợ nhân viên y tế thôn bản căn cứ "
                             "nghị định nào?")
    assert route.subject(named) is not None


# ---- "<act described> bị bãi bỏ bởi văn bản nào": the doer printed after "bãi bỏ bởi", not what this act repeals
def test_the_act_that_repealed_the_one_a_list_describes(tmp_path):
    question = ("Quyết định ban hành chuẩn nghèo tiếp cận đa chiều giai đoạn 2016-2020 đã bị bãi bỏ bởi văn bản nào "
                "của Thủ tướng?")
    span = extract_in_unit(tmp_path, _LIST_OF_REPEALED, question, "Được bãi bỏ bởi Quyết định số 25/2022",
                           RepealsExtractor())
    assert span is not None and span.text == "25/2022/QĐ-TTg"
    replaced = extract_in_unit(tmp_path, _LIST_OF_REPEALED, "Thông tư quy định mức điều chỉnh tiền lương năm 2021 "
                               "được thay thế bởi thông tư nào?", "Được thay thế bởi", RepealsExtractor())
    assert replaced is not None and replaced.text == "01/2023/TT-BLĐTBXH"
    corpus = Corpus(tmp_path, _LIST_OF_REPEALED)
    # the document's own repeal clause (Điều 2) does not answer who repealed the act described
    assert corpus.route().facts(analyze_question(question), corpus.doc_id) is None
    own = corpus.route().facts(analyze_question("Quyết định 45/2025/QĐ-UBND bãi bỏ quyết định nào?"), corpus.doc_id)
    assert own is not None and "10/2020/QĐ-UBND" in own.answer


def test_a_doer_is_asked_only_in_the_passive_with_its_agent():
    assert asked_doer_verb("nghi dinh 55/2016 bi bai bo boi nghi dinh nao") == "bai bo"
    assert asked_doer_verb("thong tu 36/2021 da duoc thay the bang thong tu nao") == "thay"
    assert asked_doer_verb("thong tu 09/2025 bai bo thong tu nao") is None


# ---- "Thủ tục … căn cứ nghị định nào": the procedure's own "Căn cứ pháp lý", not the decision's preamble
def test_a_procedures_legal_basis_is_its_own_not_the_preamble(tmp_path):
    question = "Thủ tục miễn học phí cho con của hạ sĩ quan, binh sĩ tại ngũ căn cứ nghị định nào về chế độ, chính sách?"
    assert asks_of_procedure(analyze_question(question))
    corpus = Corpus(tmp_path, _TABLE_OF_PROCEDURES)
    assert corpus.route().facts(analyze_question(question), corpus.doc_id) is None
    assert "27/2016/NĐ-CP" in corpus.extract(question).text
    # the preamble's "Căn cứ" line is the publishing decision's basis
    preamble = extract_in_unit(tmp_path, corpus.text, question, "Căn cứ Nghị định số 24/2023", LegalBasisExtractor())
    assert preamble is None
    # asked of the decision, its own "Căn cứ" lines answer
    decision = analyze_question("Quyết định công bố danh mục thủ tục hành chính lĩnh vực chính sách căn cứ nghị định nào?")
    assert not asks_of_procedure(decision)
    own = corpus.route().facts(decision, corpus.doc_id)
    assert own is not None and "24/2023/NĐ-CP" in own.answer


# ---- a consolidated text is named by the type of the act it consolidates
def test_a_consolidated_text_goes_by_the_type_of_the_act_it_consolidates():
    header = "VĂN BẢN HỢP NHẤT\nTHÔNG TƯ\nQuy định khung giá phát điện\nThông tư số\n09/2025/TT-BCT ngày 01 tháng 02 năm 2025"
    assert consolidated_type("Văn bản hợp nhất", "57/VBHN-BCT", header) == "Thông tư"
    assert consolidated_type("Văn bản hợp nhất", "28/VBHN-VPQH", "LUẬT\nLuật Bảo hiểm y tế số 25/2008/QH12") == "Luật"
    assert consolidated_type("Thông tư", "09/2025/TT-BCT", header) is None


_REPEAL_LIST = """Điều 20. Hiệu lực thi hành
1. Thông tư này có hiệu lực từ ngày 15 tháng 3 năm 2025.
2. Bãi bỏ các Thông tư sau:
a) Thông tư số 57/2014/TT-BCT ngày 19 tháng 12 năm 2014 của Bộ trưởng Bộ Công Thương quy định phương pháp xây dựng khung giá phát điện nhà máy nhiệt điện;
b) Thông tư số 15/2022/TT-BCT ngày 03 tháng 10 năm 2022 của Bộ trưởng Bộ Công Thương quy định phương pháp xây dựng khung giá phát điện nhà máy điện mặt trời, điện gió chuyển tiếp;
c) Thông tư số 20/2024/TT-BCT ngày 10 tháng 10 năm 2024 của Bộ trưởng Bộ Công Thương quy định phương pháp lập khung giá phát điện của nhà máy điện chất thải rắn.
"""


# ---- "bãi bỏ thông tư nào <description>": the listed act whose title the question describes
def test_the_repealed_act_a_question_describes_among_those_listed(tmp_path):
    corpus = Corpus(tmp_path, _REPEAL_LIST)
    route = corpus.route()
    described = analyze_question("Quyết định 45/2025/QĐ-UBND bãi bỏ thông tư nào quy định khung giá cho nhà máy điện "
                                 "mặt trời, điện gió chuyển tiếp?")
    answer = route.facts(described, corpus.doc_id)
    assert answer is not None and answer.answer == "15/2022/TT-BCT"
    every = route.facts(analyze_question("Quyết định 45/2025/QĐ-UBND bãi bỏ những thông tư nào?"), corpus.doc_id)
    assert every is not None and all(n in every.answer for n in ("57/2014", "15/2022", "20/2024"))


# ---- a document found by its description whose repeal clause prints nothing of the act described answers nothing
def test_a_repeal_clause_speaking_of_other_acts_does_not_answer(tmp_path):
    corpus = Corpus(tmp_path, "Điều 5. Hiệu lực thi hành\n1. Quyết định này có hiệu lực từ ngày ký.\n2. Bãi bỏ Quyết "
                              "định số 12/2020/QĐ-UBND ngày 02/3/2020 quy định về thanh tra chuyên ngành y tế.\n")
    route = corpus.route()
    other = analyze_question("Quyết định của Ủy ban nhân dân tỉnh An Bình về nhân viên y tế thôn bản bãi bỏ quyết định "
                             "nào quy định mức phụ cấp cô đỡ thôn bản?")
    assert route.facts(other, corpus.doc_id) is None
    same = analyze_question("Quyết định của Ủy ban nhân dân tỉnh An Bình về nhân viên y tế thôn bản bãi bỏ quyết định "
                            "nào quy định về thanh tra chuyên ngành?")
    answer = route.facts(same, corpus.doc_id)
    assert answer is not None and "12/2020/QĐ-UBND" in answer.answer
