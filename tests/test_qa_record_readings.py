"""Document facts read the way a clerk reads them (eighth round): which act a date question is about when it names
several, the act that guides another, the cited paper a "số mấy" asks, an issuer named by its words together, the
amending basis act, the act a document details, a repeal list read item by item, a consolidated text's repeals, and
who signs a paper other than the document (synthetic documents parsed for real; real documents where named)."""

from __future__ import annotations

import pytest
from test_qa_extractors import Corpus, extract_in_unit

from retriever.qa.question import analyze_question


# ---- a date question naming several acts asks the date of the one heading its clause
def test_the_act_whose_date_is_asked_heads_the_last_clause(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Trả lời bà Nguyễn Thị A, Cục Thuế đã có công văn số 5106/CT-CS ngày 12/11/2025 "
                              "về chính sách thuế thu nhập cá nhân.\n")
    route = corpus.route()
    asked = analyze_question("Bà A được trả lời bằng Quyết định 45/2025/QĐ-UBND, vậy công văn 5106/CT-CS mà Cục Thuế "
                             "đã có trước đó ban hành ngày nào?")
    assert route.dated_subject(asked).what == "act"
    answer = route.answer(asked)
    assert answer is not None and answer.answer == "12/11/2025"
    # an act inside a clause only describes the one heading it
    described = analyze_question("Quyết định 45/2025/QĐ-UBND về hỗ trợ, được Nghị quyết 25/2026/NQ-CP kéo dài, "
                                 "ban hành ngày nào?")
    assert route.dated_subject(described).ident == corpus.doc_id
    assert route.dated_subject(analyze_question("Quyết định 45/2025/QĐ-UBND sửa đổi Nghị định 24/2023/NĐ-CP ban "
                                                "hành ngày nào?")).ident == corpus.doc_id


# ---- "<act> … hướng dẫn <act>" read off a citing text, both ways
def test_the_act_guiding_another_read_from_the_citing_text(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Căn cứ Thông tư số 13/2023/TT-BTC ngày 28/02/2023 của Bộ Tài chính hướng dẫn "
                              "Nghị\nđịnh số 49/2022/NĐ-CP ngày 29/7/2022 của Chính phủ về hoàn thuế.\n")
    route = corpus.route()
    guide = route.answer(analyze_question("Thông tư nào hướng dẫn Nghị định 49/2022/NĐ-CP?"))
    assert guide is not None and guide.answer == "13/2023/TT-BTC"
    assert "hướng dẫn" in guide.quotes[0].text and "49/2022" in guide.quotes[0].text
    guided = route.answer(analyze_question("Thông tư 13/2023/TT-BTC hướng dẫn nghị định nào?"))
    assert guided is not None and guided.answer == "49/2022/NĐ-CP"


# ---- "(tiếp tục) thực hiện <type> số mấy (của <issuer>)": an act the document cites, not its own number
def test_the_number_of_a_cited_paper_of_the_issuer_asked(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Tiếp tục thực hiện nghiêm Quyết định số 225/QĐ-TTg ngày 20/11/2025 của Thủ "
                              "tướng Chính phủ và Quyết định số 94/QĐ-BXD ngày 20/11/2025 của Bộ Xây dựng.\n")
    answer = corpus.route().answer(analyze_question(
        "Ngoài quyết định của Thủ tướng, quyết định của UBND tỉnh An Bình về hỗ trợ nhân viên y tế thôn bản yêu cầu "
        "tiếp tục thực hiện quyết định số mấy của Bộ Xây dựng?"))
    assert answer is not None and answer.answer == "94/QĐ-BXD"


# ---- the issuer and type asked bind harder than the verb "thực hiện"
def test_the_act_of_the_issuer_asked_among_every_relation(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Tình hình thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị.\n"
                              "Điều 2. Bảo đảm chế độ, chính sách đối với người tham gia xây dựng pháp luật theo quy "
                              "định của Nghị quyết số 197/2025/QH15.\n")
    answer = corpus.route().answer(analyze_question(
        "Quyết định 45/2025/QĐ-UBND yêu cầu thực hiện chế độ cho người xây dựng pháp luật theo nghị quyết nào của "
        "Quốc hội?"))
    assert answer is not None and answer.answer == "197/2025/QH15"


# ---- an issuer is named by its words printed together, not scattered over the question
def test_an_issuer_is_not_named_by_scattered_words(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Hỗ trợ nhân viên y tế thôn bản.\n")
    route = corpus.route()
    named = analyze_question("Quyết định của Ủy ban nhân dân tỉnh An Bình về hỗ trợ nhân viên y tế có hiệu lực khi nào?")
    assert route.subject(named) is not None and route.subject(named).ident == corpus.doc_id
    scattered = analyze_question("Quyết định về nhân dân ở An và Bình của ủy ban hỗ trợ y tế có hiệu lực khi nào?")
    assert route._by_issuer(scattered, "quyet dinh") is None


# ---- "căn cứ nghị định nào sửa đổi …": the amending act among lines sharing the rest of the words
def test_the_amending_basis_act_when_the_question_describes_one(tmp_path):
    corpus = Corpus(tmp_path, "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về kiểm soát thủ tục "
                              "hành chính;\n"
                              "Căn cứ Nghị định số 92/2017/NĐ-CP ngày 07/8/2017 của Chính phủ sửa đổi, bổ sung một số "
                              "điều của các Nghị định liên quan đến kiểm soát thủ tục hành chính;\n"
                              "Điều 1. Công bố thủ tục hành chính.\n")
    answer = corpus.route().answer(analyze_question(
        "Quyết định 45/2025/QĐ-UBND căn cứ nghị định nào sửa đổi các nghị định về kiểm soát thủ tục hành chính?"))
    assert answer is not None and "92/2017/NĐ-CP" in answer.answer and "63/2010" not in answer.answer


# ---- the act a document details: its scope article, the parts detailed before the act, not competence acts
@pytest.mark.parametrize("scope, asked, expected", [
    (("Điều 1. Phạm vi điều chỉnh\nQuyết định này quy định chi tiết Điều 11 của Luật Dẫn độ số 100/2025/QH15 (sau đây "
      "gọi là Luật Dẫn độ);\n"), "luật", "Luật Dẫn độ số 100/2025/QH15"),
    (("Điều 1. Phạm vi điều chỉnh\nQuyết định này quy định về quy trình kiểm tra chuyên ngành theo quy định tại điểm b "
      "khoản 2 Điều 18 Nghị định số 217/2025/NĐ-CP.\n"), "nghị định", "Nghị định số 217/2025/NĐ-CP"),
])
def test_the_act_a_document_details_from_its_scope_article(tmp_path, scope, asked, expected):
    corpus = Corpus(tmp_path, scope)
    answer = corpus.route().answer(analyze_question(f"Quyết định 45/2025/QĐ-UBND hướng dẫn {asked} nào?"))
    assert answer is not None and answer.answer == expected


def test_competence_acts_are_not_the_act_detailed():
    from retriever.qa.records import _ORGANISES

    assert _ORGANISES.search("Nghị định số 14/2017/NĐ-CP ngày 17/02/2017 của Chính phủ quy định chức năng, nhiệm vụ, "
                             "quyền hạn và cơ cấu tổ chức của Bộ Lao động")
    assert _ORGANISES.search("Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15")
    assert not _ORGANISES.search("Nghị định số 15/2019/NĐ-CP quy định chi tiết một số điều của Luật Giáo dục nghề nghiệp")


# ---- a repeal clause listing several acts: each item's act, not the acts its title names
def test_a_repeal_list_leaves_out_the_acts_a_listed_title_names(tmp_path):
    corpus = Corpus(tmp_path, "Điều 5. Hiệu lực thi hành\n1. Quyết định này có hiệu lực kể từ ngày ký ban hành và thay "
                              "thế Nghị quyết số 09/2026/NQ-CP ngày 04 tháng 02 năm 2026 của Chính phủ tạm ngưng hiệu "
                              "lực và điều chỉnh thời hạn áp dụng Nghị định số 46/2026/NĐ-CP ngày 26 tháng 01 năm 2026 "
                              "và Nghị quyết số 66/2026/NQ-CP ngày 27 tháng 01 năm 2026.\n")
    answer = corpus.route().answer(analyze_question("Quyết định 45/2025/QĐ-UBND thay thế văn bản nào?"))
    assert answer is not None and answer.answer == "09/2026/NQ-CP"


def test_a_basis_line_states_no_repeal(tmp_path):
    from retriever.qa.extractors.acts import RepealsExtractor

    line = ("Căn cứ Quyết định số 2278/QĐ-BYT ngày 09 tháng 7 năm 2025 của Bộ Y tế về việc công bố thủ tục hành chính "
            "mới ban hành/bị bãi bỏ quy định tại Nghị định số 163/2025/NĐ-CP;")
    span = extract_in_unit(tmp_path, line + "\nĐiều 1. Công bố thủ tục.\n", "Quyết định này bãi bỏ văn bản nào?",
                           "Căn cứ Quyết định số 2278", RepealsExtractor())
    assert span is None


# ---- the parts an amending act repealed, read off the consolidated text of the act it amended
def test_the_consolidated_text_answers_what_its_amending_act_repealed(realdocs):
    from retriever.qa.records import merge_parts

    assert merge_parts(["khoản 3 Điều 12", "khoản 4 Điều 12"]) == ["khoản 3, khoản 4 Điều 12"]
    corpus = Corpus.__new__(Corpus)
    corpus._load(realdocs / "documents" / "congbao_016.txt")  # the consolidated text of Thông tư 06/2017/TT-BLĐTBXH
    answer = corpus.route().answer(analyze_question(
        "Thông tư 28/2022/TT-BLĐTBXH bãi bỏ những khoản nào của Thông tư 06/2017/TT-BLĐTBXH?"))
    assert answer is not None and answer.answer == "khoản 3, khoản 4 Điều 12"
    assert all("được bãi bỏ" in quote.text for quote in answer.quotes)


# ---- who signs a paper other than the document
def test_signing_another_paper_or_by_rule_is_not_the_documents_signer(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Giao Bộ trưởng Bộ Công an thừa ủy quyền Thủ tướng Chính phủ, thay mặt Chính phủ "
                              "ký Tờ trình của Chính phủ về dự án Pháp lệnh.\n")
    route = corpus.route()
    own = route.facts(analyze_question("Ai ký Quyết định 45/2025/QĐ-UBND?"), corpus.doc_id)
    assert own is not None and own.answer == "Trần Minh Khoa"
    assert route.facts(analyze_question("Ai ký Tờ trình của Chính phủ về dự án Pháp lệnh?"), corpus.doc_id) is None
    assert route.facts(analyze_question("Ai phải ký tờ trình đề nghị thành lập tổ chức?"), corpus.doc_id) is None
    office = corpus.extract("Ai ký Tờ trình của Chính phủ về dự án Pháp lệnh?")
    assert office.text == "Bộ trưởng Bộ Công an"


def test_a_number_of_another_type_in_the_heading_clause_is_not_the_dated_act(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Triển khai Chỉ thị số 16/CT-TTg ngày 20/9/2022 của Thủ tướng Chính phủ.\n")
    asked = analyze_question("Quyết định của UBND tỉnh An Bình về triển khai Chỉ thị 16/CT-TTg được ký vào tháng nào?")
    assert corpus.route().dated_subject(asked) is None
