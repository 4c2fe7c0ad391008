"""The record route and question routing: document facts read the way a clerk reads them, body questions
sent to the text (synthetic documents parsed for real; no model, no index)."""

from __future__ import annotations

import pytest
from test_qa_extractors import Corpus

from retriever.qa.extractors.acts import asked_issuer, issued_by
from retriever.qa.question import analyze_question, detect_kind
from retriever.qa.settings import QA


@pytest.mark.parametrize("question, kind", [
    # who is assigned to sign another paper is said in the body, not by the signature block
    ("Ai được thừa ủy quyền Thủ tướng ký Tờ trình của Chính phủ về dự án Pháp lệnh?", "agency"),
    ("Theo Nghị quyết 375/NQ-CP, ai được giao thay mặt Chính phủ ký Tờ trình?", "agency"),
    ("Ai thay mặt Chính phủ ký Nghị quyết số 385/NQ-CP ngày 01/12/2025?", "signer"),
    ("Ai ký quyết định 45/2025/QĐ-UBND?", "signer"),
    # "căn cứ" is a document's basis when an act is asked or the document named, not "căn cứ vào quy định nào"
    ("Miễn, giảm tiền sử dụng đất khi giao đất tái định cư thì căn cứ vào quy định nào?", "what"),
    ("Bộ Tài chính căn cứ nghị quyết nào của Chính phủ khi bổ sung cửa khẩu?", "legal_basis"),
    ("Nghị định quy định chi phí dẫn độ căn cứ những luật chuyên ngành nào?", "legal_basis"),
    ("Quyết định này được ban hành dựa trên cơ sở pháp lý nào?", "legal_basis"),
    ("Quyết định 45/2025/QĐ-UBND được ban hành dựa trên những văn bản nào?", "legal_basis"),
    ("Thông tư 20/2025/TT-BYT được ban hành trên cơ sở luật nào?", "legal_basis"),
    ("Nghị quyết 10/2025/NQ-HĐND dựa vào luật nào?", "legal_basis"),
    ("Việc xếp loại dựa vào tiêu chí nào?", "what"),  # no act asked
    # a repeal question asking a place or a body is no question about the repealed act
    ("Quyết định 2533/QĐ-UBND bãi bỏ thủ tục do chủ tịch UBND những địa phương nào đã công bố?", "agencies"),
    ("Quyết định 2533/QĐ-UBND bãi bỏ những gì?", "repeals"),
    ("Quyết định này bãi bỏ quyết định số nào?", "repeals"),
    # the repeal only describes the document when what "nào" asks is no act ("Sở nào", "ngày nào", "bao nhiêu")
    ("Kế hoạch thay thế Kế hoạch số 12/KH-UBND giao Sở nào chủ trì?", "agency"),
    ("Quy định mới thay thế quy chế cũ được ban hành ngày nào?", "date"),
    ("Nghị định thay thế Nghị định 96/2023/NĐ-CP gồm bao nhiêu chương?", "number"),
    ("Trong trường hợp nào giấy phép bị thu hồi, hủy bỏ?", "what"),
    ("Những khoản nào của Quyết định 10/2020/QĐ-UBND bị bãi bỏ?", "repeals"),
    ("Nghị định 123/2026/NĐ-CP làm hết hiệu lực nghị định sửa đổi Nghị định 08/2021 nào?", "repeals"),
    ("Quyết định bãi bỏ mấy thủ tục, công bố tại quyết định nào?", "repeals"),
    # "báo cáo số nào": a paper's number, not "Sở nào"
    ("Văn bản yêu cầu nghiên cứu báo cáo số nào của Bộ Tài chính?", "document"),
])
def test_record_kinds_only_for_facts_of_the_document(question, kind):
    assert detect_kind(question).value == kind


def test_repealed_act_printed_on_the_next_line(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
                              "Quyết định này bãi bỏ toàn bộ\n"
                              "Quyết định số 17/2020/QĐ-UBND ngày 27/4/2020 của Chủ tịch UBND tỉnh.\n"
                              "Điều 4. Giám đốc Sở Y tế chịu trách nhiệm thi hành Quyết định này.\n")
    answer = corpus.route().answer(analyze_question("Quyết định 45/2025/QĐ-UBND bãi bỏ văn bản nào?"))
    assert answer is not None and answer.route == "record"
    assert "17/2020/QĐ-UBND" in answer.answer and "toàn bộ" not in answer.answer
    assert "Quyết định này bãi bỏ toàn bộ" in answer.quotes[0].text and "17/2020" in answer.quotes[0].text


def test_repeal_verb_broken_over_lines_and_general_clause_ignored(tmp_path):
    corpus = Corpus(tmp_path, "Điều 5. Hiệu lực thi hành\n"
                              "1. Trường hợp các văn bản quy phạm pháp luật viện dẫn tại Quyết định này được sửa đổi, "
                              "bổ sung hoặc thay thế bằng văn bản khác thì thực hiện theo văn bản mới.\n\n"
                              "2. Các Quyết định sau hết hiệu\nlực thi hành kể từ ngày Quyết định này có hiệu lực:\n\n"
                              "a) Quyết định số 09/2019/QĐ-UBND ngày 28/5/2019 của Ủy ban nhân dân tỉnh Kon Tum;\n\n"
                              "b) Quyết định số 60/2023/QĐ-UBND ngày 09/11/2023 của Ủy ban nhân dân tỉnh Kon Tum.\n")
    answer = corpus.route().answer(analyze_question(
        "Khi Quyết định 45/2025/QĐ-UBND có hiệu lực thì quyết định nào hết hiệu lực?"))
    assert answer is not None
    assert "09/2019/QĐ-UBND" in answer.answer and "60/2023/QĐ-UBND" in answer.answer
    assert "văn bản mới" not in answer.answer


def test_effective_date_of_the_act_the_question_names(tmp_path):
    # a consolidated text: the act it consolidates and "Thông tư này" (the amending act) take effect apart
    corpus = Corpus(tmp_path, "Thông tư số 06/2017/TT-BLĐTBXH ngày 08 tháng 03 năm 2017 quy định về tuyển dụng "
                              "nhà giáo, có hiệu lực kể từ ngày 01 tháng 5 năm 2017, được sửa đổi bởi:\n"
                              "Điều 5. Hiệu lực thi hành\n"
                              "1. Thông tư này có hiệu lực thi hành từ ngày 01 tháng 3 năm 2023.\n")
    route = corpus.route()
    named = route.facts(analyze_question("Thông tư 06/2017/TT-BLĐTBXH có hiệu lực từ khi nào?"), corpus.doc_id)
    assert named is not None and "5 năm 2017" in named.answer
    own = route.facts(analyze_question("Thông tư này có hiệu lực từ ngày nào?"), corpus.doc_id)
    assert own is not None and "3 năm 2023" in own.answer


def test_act_of_the_issuer_the_question_names(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Triển khai thực hiện Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng "
                              "Chính phủ, Quyết định số 1093/QĐ-BYT ngày 02/5/2024 của Bộ Y tế về củng cố y tế cơ sở.\n")
    assert "1093/QĐ-BYT" in corpus.extract("Quyết định này triển khai quyết định nào của Bộ Y tế?").text
    assert "281/QĐ-TTg" in corpus.extract("Quyết định này triển khai quyết định nào của Thủ tướng?").text


def test_issuer_of_an_act_by_name_or_by_code():
    question = analyze_question("Văn bản yêu cầu nghiên cứu báo cáo số nào của Bộ Tài chính về tăng trưởng?")
    assert asked_issuer(question) == ("bo", "tai", "chinh")
    assert issued_by(("bo", "tai", "chinh"), "621/BC-BTC", "") is True  # the code's initials
    assert issued_by(("bo", "tai", "chinh"), "203-KL/TW", " ngày 04/11/2025 của Bộ Chính trị") is False
    assert issued_by((), "621/BC-BTC", "") is None


def test_documents_citing_an_act_form_a_short_answer(local_searcher):
    from retriever.qa import Answerer

    answerer = Answerer(local_searcher)
    citers = answerer.ask("Văn bản nào triển khai Chỉ thị 16/CT-TTg?")
    assert citers.route == "record" and len(citers.answer) <= QA.record_answer_chars
    assert "10/CT-UBND" in citers.answer  # by type and number, not the full label with date and issuer
    cited = answerer.ask("Kế hoạch 542/KH-UBND của Nghệ An triển khai những văn bản nào?")
    assert cited.route == "record" and len(cited.answer) <= QA.record_answer_chars
    assert "281/QĐ-TTg" in cited.answer and "1093/QĐ-BYT" in cited.answer


def test_act_asked_by_what_it_does_to_another():
    assert detect_kind("Văn bản hợp nhất Thông tư 06/2017 với thông tư sửa đổi nào?").value == "document"
    assert detect_kind("Luật này được hướng dẫn bởi những nội dung gì?").value != "document"


def test_amending_act_named_after_the_colon_not_the_act_asked_about(tmp_path):
    corpus = Corpus(tmp_path, "Thông tư số 06/2017/TT-BLĐTBXH ngày 08 tháng 03 năm 2017 quy định về tuyển dụng "
                              "nhà giáo, có hiệu lực kể từ ngày 01 tháng 5 năm 2017, được sửa đổi, bổ sung bởi:\n"
                              "Thông tư số 28/2022/TT-BLĐTBXH ngày 28 tháng 12 năm 2022 sửa đổi một số điều.\n")
    span = corpus.extract("Văn bản hợp nhất Thông tư 06/2017 với thông tư sửa đổi nào?")
    assert "28/2022/TT-BLĐTBXH" in span.text and "06/2017" not in span.text
    assert span.quote_end is not None and "28/2022" in corpus.text[span.quote_start:span.quote_end]


def test_number_of_the_document_the_question_describes(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Hỗ trợ nhân viên y tế thôn bản mỗi tháng.\n")
    route = corpus.route()
    own = route.facts(analyze_question("UBND tỉnh An Bình hỗ trợ nhân viên y tế thôn bản là quyết định số mấy?"),
                      corpus.doc_id)
    assert own is not None and own.answer == "45/2025/QĐ-UBND"
    # another type, or another issuer: not this document's number
    assert route.facts(analyze_question("UBND tỉnh An Bình hỗ trợ y tế thôn bản là nghị quyết số mấy?"),
                       corpus.doc_id) is None
    assert route.facts(analyze_question("UBND tỉnh Nam Bình hỗ trợ y tế thôn bản là quyết định số mấy?"),
                       corpus.doc_id) is None


@pytest.mark.parametrize("question, kind", [
    ("Cục Hải quan đề nghị Công ty nghiên cứu điều nào của Thông tư 38/2015/TT-BTC?", "document"),
    ("Các bộ được yêu cầu nghiên cứu giải pháp trong báo cáo nào của Bộ Tài chính?", "document"),
    ("Hồ sơ phải đáp ứng điều kiện nào?", "what"),  # "điều kiện nào" asks no article
])
def test_a_part_of_an_act_or_a_report_is_a_document_question(question, kind):
    assert detect_kind(question).value == kind


def test_part_of_the_act_the_question_names(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Đề nghị Công ty nghiên cứu quy định tại khoản 3 Điều 12 Nghị định số "
                              "08/2015/NĐ-CP và quy định tại Điều 67 Thông tư số 38/2015/TT-BTC ngày 25/3/2015 "
                              "về thủ tục hải quan hàng gia công.\n")
    assert corpus.extract("Công ty nghiên cứu điều nào của Thông tư 38/2015/TT-BTC về thủ tục hải quan?").text \
        == "Điều 67"
    assert corpus.extract("Công ty nghiên cứu điều nào của Nghị định 08/2015/NĐ-CP?").text == "khoản 3 Điều 12"


def test_a_date_question_saying_more_than_the_document_asks_its_text(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Chuyển giao Trung tâm Y tế cấp huyện về Ủy ban nhân dân cấp huyện trong "
                              "Quý 2/2025.\n")
    route = corpus.route()
    own = route.answer(analyze_question("Quyết định 45/2025/QĐ-UBND của UBND tỉnh An Bình ngày nào?"))
    assert own is not None and "20 tháng 11 năm 2025" in own.answer
    dated = route.answer(analyze_question("Quyết định 45/2025/QĐ-UBND đề ngày nào?"))
    assert dated is not None and "20 tháng 11 năm 2025" in dated.answer
    # the transfer's date is in the text, not the document's own date: no record answer
    assert route.answer(analyze_question(
        "Theo Quyết định 45/2025/QĐ-UBND, Trung tâm Y tế cấp huyện được chuyển giao ngày nào?")) is None


def test_legal_basis_of_the_issuer_the_question_names(tmp_path):
    corpus = Corpus(tmp_path, "Căn cứ Quyết định số 15/2025/QĐ-TTg ngày 14 tháng 6 năm 2025 của Thủ tướng Chính phủ;\n"
                              "Căn cứ Quyết định số 3574/QĐ-BYT ngày 19/11/2025 của Bộ trưởng Bộ Y tế;\n"
                              "Điều 1. Công bố danh mục thủ tục hành chính lĩnh vực y tế.\n")
    route = corpus.route()
    answer = route.facts(analyze_question("Quyết định 45/2025/QĐ-UBND căn cứ quyết định nào của Bộ Y tế?"), corpus.doc_id)
    assert answer is not None and answer.answer.startswith("Quyết định số 3574/QĐ-BYT")
    answer = route.facts(analyze_question("Quyết định 45/2025/QĐ-UBND căn cứ quyết định nào của Thủ tướng?"),
                         corpus.doc_id)
    assert answer is not None and answer.answer.startswith("Quyết định số 15/2025/QĐ-TTg")


def test_cited_act_date_read_across_a_line_wrap(tmp_path):
    # the citing sentence stops at the line end ("… số 5029/TCT-PC ngày"); its date is on the next line
    corpus = Corpus(tmp_path, "Điều 1. Thực hiện theo chỉ đạo của Tổng cục Thuế tại công văn số 5029/TCT-PC ngày\n"
                              "09/11/2023 về tăng cường kỷ cương trong ban hành công văn hướng dẫn.\n")
    answer = corpus.route().answer(analyze_question(
        "Công văn 5029/TCT-PC của Tổng cục Thuế về tăng cường kỷ cương được ban hành ngày nào?"))
    assert answer is not None and answer.route == "record"
    assert answer.answer == "09/11/2023"
    quote = answer.quotes[0]
    assert quote.start <= quote.answer_start < quote.answer_end <= quote.end
    assert "09/11/2023" in quote.text and "5029/TCT-PC" in quote.text


def test_cited_act_date_in_words_keeps_its_ngay(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Theo đề nghị của Sở Xây dựng (văn bản số 84/BC-SXD ngày 19 tháng 11 năm 2025) "
                              "về cung ứng vật liệu.\n")
    answer = corpus.route().answer(analyze_question("Văn bản 84/BC-SXD của Sở Xây dựng đề ngày nào?"))
    assert answer is not None and answer.answer == "ngày 19 tháng 11 năm 2025"


def test_own_date_only_of_a_document_of_the_named_type(tmp_path):
    # the document is a Quyết định: "… bằng nghị quyết ban hành ngày nào" asks the date of an act it cites
    corpus = Corpus(tmp_path, "Căn cứ Nghị quyết số 182/NQ-CP ngày 22/12/2020 của Chính phủ nâng cấp cửa khẩu.\n"
                              "Điều 1. Bổ sung cửa khẩu vào danh mục.\n")
    route = corpus.route()
    asked = analyze_question("Cửa khẩu được nâng cấp bằng nghị quyết ban hành ngày nào?")
    assert asked.asks_own_date and route.facts(asked, corpus.doc_id) is None
    own = route.facts(analyze_question("Quyết định về bổ sung cửa khẩu được ban hành ngày nào?"), corpus.doc_id)
    assert own is not None and "20 tháng 11 năm 2025" in own.answer


# ---- who proposed the document: the preamble's "Theo đề nghị của …", not the issuer
@pytest.mark.parametrize("question, asks", [
    ("Nghị định 187/2026/NĐ-CP được ban hành theo đề nghị của ai?", True),
    ("Quyết định 142/2008/QĐ-TTg được ban hành xét đề nghị của ai?", True),
    ("Nghị định 09/2025/NĐ-CP ban hành theo đề nghị của bộ trưởng nào?", True),
    ("Thông tư này do cơ quan nào trình ban hành?", True),
    # the proposer is a unit of the ministry: its kind is asked, and whose unit it is may be said
    ("Quyết định 210/QĐ-BYT được ban hành theo đề nghị của vụ nào?", True),
    ("Cục nào của Bộ Y tế đề nghị ban hành Thông tư 12/2025/TT-BYT?", True),
    ("Đơn vị nào của Bộ Văn hóa, Thể thao và Du lịch đề nghị ban hành Quyết định 88/QĐ-BVHTTDL?", True),
    ("Vụ nào của Bộ Y tế hướng dẫn thực hiện Thông tư 12/2025/TT-BYT?", False),
    ("Cơ quan nào đề nghị Bộ Y tế bổ sung danh mục thuốc?", False),  # a body the text names, not the proposer
    ("Ai ký quyết định 45/2025/QĐ-UBND?", False),
    ("Cơ quan nào ban hành Quyết định 45/2025/QĐ-UBND?", False),
])
def test_a_question_asking_who_proposed_the_document(question, asks):
    from retriever.qa.records import asks_proposer

    assert asks_proposer(analyze_question(question)) is asks


def test_the_proposer_is_read_from_the_preamble_not_an_annex_form(tmp_path):
    corpus = Corpus(tmp_path, "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
                              "Theo đề nghị của Giám đốc Sở\nY tế tại Tờ trình số 2930/TTr-SYT ngày 27/11/2025.\n\n"
                              "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy định hỗ trợ.\n"
                              "Điều 2. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành.\n\n"
                              "Mẫu số 01\nTheo đề nghị của ……………………\n")
    answer = corpus.route().answer(analyze_question(
        "Quyết định 45/2025/QĐ-UBND được ban hành theo đề nghị của ai?"))
    assert answer is not None and answer.route == "record"
    assert answer.answer == "Giám đốc Sở Y tế"
    assert "Theo đề nghị của Giám đốc Sở" in answer.quotes[0].text


@pytest.mark.parametrize("name, proposer", [
    # read off the documents' preambles by hand (the gazette and the legal-database copies)
    ("congbao_007.txt", "Cục trưởng Cục Tổ chức cán bộ"),
    ("congbao_046.txt", "Bộ trưởng các Bộ: Y tế, Nông nghiệp và Môi trường, Công Thương và Tư pháp"),
    ("tvpl_013.txt", "Giám đốc Sở Tài chính"),  # "… Sở\nTài chính tại Tờ trình số 52/TTr-STC"
    ("tvpl_054.txt", "Chính phủ"),  # "Xét đề nghị của Chính phủ tại Tờ trình số 363/TTr-CP …"
    ("tvpl_097.txt", "Bộ trưởng Bộ Quốc phòng"),  # a footnote mark and the enacting line follow the name
    ("tvpl_117.txt", "Ủy ban nhân dân Thành phố"),  # an HĐND resolution: "Xét Tờ trình số 425/TTr-UBND … của …"
    ("congbao_002.txt", "Bộ trưởng Bộ Y tế"),  # "Bộ trưởng Bộ Y tế,\nChính phủ ban hành Nghị định …"
])
def test_proposers_of_real_documents(realdocs, name, proposer):
    from corpus import parse_document
    from retriever.qa.records import read_proposer

    found = read_proposer(parse_document(realdocs / "documents" / name).text)
    assert found is not None and found[3] == proposer


# ---- "bãi bỏ điều / khoản / nội dung nào của <act>": the parts the repeal clause cites before that act
@pytest.mark.parametrize("name, act, parts", [
    # read off the documents by hand
    ("congbao_037.txt", "128/2018/NĐ-CP", "Điều 3"),  # "3. Bãi bỏ các quy định sau:\na) Điều 3 Nghị định số 128/…"
    ("congbao_037.txt", "140/2025/NĐ-CP", "Khoản 2, 3, 4, 5 Điều 27"),
    ("congbao_016.txt", "06/2017/TT-BLĐTBXH", "khoản 3, khoản 4 Điều 12"),
    ("tvpl_141.txt", "0151/QĐ-UBND", "số thứ tự 1, 2 Mục I"),  # "… Mục I\nPhụ lục ban hành kèm theo Quyết định số 0151/…"
    ("congbao_014.txt", "23/2004/QH11", "khoản 3 Điều 75"),  # "Bãi bỏ khoản 3 Điều 75 của Luật Giao thông … số 23/2004/QH11"
])
def test_repealed_parts_of_real_documents(realdocs, name, act, parts):
    from corpus import parse_document
    from retriever.qa.extractors.acts import repealed_parts

    text = parse_document(realdocs / "documents" / name).text
    found = repealed_parts(text, 0, len(text), {act})
    assert found is not None and " ".join(text[found[0]:found[1]].split()) == parts


def test_the_parts_repealed_answer_a_question_asking_which_parts(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Hiệu lực thi hành\n1. Quyết định này có hiệu lực kể từ ngày ký.\n"
                              "2. Bãi bỏ khoản 2 Điều 5 và Điều 7 Quyết định số 17/2020/QĐ-UBND ngày 27/4/2020 "
                              "của Ủy ban nhân dân tỉnh.\n")
    answer = corpus.route().answer(analyze_question(
        "Quyết định 45/2025/QĐ-UBND bãi bỏ những điều nào của Quyết định 17/2020/QĐ-UBND?"))
    assert answer is not None and answer.answer == "khoản 2 Điều 5 và Điều 7"
    plain = corpus.route().answer(analyze_question("Quyết định 45/2025/QĐ-UBND bãi bỏ văn bản nào?"))
    assert plain is not None and "17/2020/QĐ-UBND" in plain.answer


def test_the_basis_the_question_names_beyond_the_documents_own_title(tmp_path):
    # the title (hỗ trợ nhân viên y tế thôn bản) shares words with one Căn cứ line; the question names another law
    corpus = Corpus(tmp_path, "Căn cứ Luật Khám bệnh, chữa bệnh số 15/2023/QH15;\n"
                              "Căn cứ Luật Đầu tư công số 58/2024/QH15;\n"
                              "Căn cứ Nghị định số 12/2024/NĐ-CP hỗ trợ nhân viên y tế;\n"
                              "Điều 1. Ban hành kèm theo Quyết định này Quy định hỗ trợ.\n")
    answer = corpus.route().answer(analyze_question(
        "Quyết định 45/2025/QĐ-UBND hỗ trợ nhân viên y tế thôn bản căn cứ luật đầu tư công nào?"))
    assert answer is not None and "58/2024/QH15" in answer.answer and "15/2023/QH15" not in answer.answer
    every = corpus.route().answer(analyze_question("Quyết định 45/2025/QĐ-UBND căn cứ những luật nào?"))
    assert every is not None and "58/2024/QH15" in every.answer and "15/2023/QH15" in every.answer


def test_an_abbreviated_issuer_picks_its_acts_among_the_basis(tmp_path):
    corpus = Corpus(tmp_path, "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội về sắp xếp;\n"
                              "Căn cứ Nghị quyết số 76/2025/UBTVQH15 ngày 14 tháng 4 năm 2025 của Ủy ban Thường vụ "
                              "Quốc hội về việc sắp xếp đơn vị hành chính năm 2025;\n"
                              "Điều 1. Ban hành kèm theo Quyết định này Quy định hỗ trợ.\n")
    answer = corpus.route().answer(analyze_question(
        "Quyết định 45/2025/QĐ-UBND căn cứ nghị quyết nào của UBTVQH về sắp xếp đơn vị hành chính?"))
    assert answer is not None and answer.answer.startswith("Nghị quyết số 76/2025/UBTVQH15")
    assert "202/2025/QH15" not in answer.answer


@pytest.mark.parametrize("question, own", [
    ("Quyết định số mấy quy định hỗ trợ nhân viên y tế thôn bản của UBND tỉnh An Bình?", True),
    ("Quyết định 45/2025/QĐ-UBND căn cứ nghị định số mấy?", False),  # the question prints its own number
    ("Quy định hỗ trợ nhân viên y tế thôn bản của tỉnh An Bình căn cứ nghị định số mấy?", False),  # another type
])
def test_the_own_number_only_when_the_question_asks_for_it(tmp_path, question, own):
    corpus = Corpus(tmp_path, "Điều 1. Ban hành kèm theo Quyết định này Quy định hỗ trợ.\n")
    answer = corpus.route().answer(analyze_question(question))
    assert (answer is not None and answer.answer == "45/2025/QĐ-UBND") is own


def test_the_basis_described_after_the_question_word_even_when_the_title_shares_it(tmp_path):
    # the title (hỗ trợ nhân viên y tế thôn bản) shares the words the question says of the decree it asks; they still
    # tell that decree's line from another decree's
    corpus = Corpus(tmp_path, "Căn cứ Nghị định số 30/2023/NĐ-CP về quản lý trạm y tế xã;\n"
                              "Căn cứ Nghị định số 12/2024/NĐ-CP quy định chính sách hỗ trợ nhân viên y tế thôn bản;\n"
                              "Điều 1. Ban hành kèm theo Quyết định này Quy định hỗ trợ.\n")
    answer = corpus.route().answer(analyze_question(
        "Quyết định 45/2025/QĐ-UBND căn cứ nghị định nào về hỗ trợ nhân viên y tế thôn bản?"))
    assert answer is not None and "12/2024/NĐ-CP" in answer.answer and "30/2023/NĐ-CP" not in answer.answer
    # "liên thông điện tử" shares each syllable with an act type ("thông tư liên tịch", "công điện"), not a pair
    corpus = Corpus(tmp_path, "Căn cứ Nghị định số 63/2010/NĐ-CP của Chính phủ về kiểm soát thủ tục hành chính;\n"
                              "Căn cứ Nghị định số 45/2020/NĐ-CP của Chính phủ về thực hiện thủ tục hành chính "
                              "trên môi trường điện tử;\n"
                              "Căn cứ Nghị định số 297/2025/NĐ-CP của Chính phủ quy định liên thông điện tử nhóm thủ "
                              "tục hành chính hỗ trợ nhân viên y tế;\n"
                              "Điều 1. Công bố kèm theo Quyết định này nhóm thủ tục hành chính.\n", name="other.txt")
    answer = corpus.route().answer(analyze_question(
        "Quyết định 45/2025/QĐ-UBND căn cứ nghị định nào của Chính phủ về liên thông điện tử?"))
    assert answer is not None and answer.answer.startswith("Nghị định số 297/2025/NĐ-CP") and "63/2010" not in answer.answer


@pytest.mark.parametrize("question, asks", [
    ("Thông tư 12/2025/TT-BYT về danh mục thuốc giao những ai chịu trách nhiệm thi hành?", True),
    ("Quyết định 45/2025/QĐ-UBND giao cơ quan nào có trách nhiệm thi hành?", True),
    ("Những ai chịu trách nhiệm thi hành Quyết định 45/2025/QĐ-UBND?", True),
    ("Cơ quan nào chịu trách nhiệm thi hành án dân sự?", False),  # a duty the text names, not the document's
])
def test_the_executors_asked_after_the_document_is_named(question, asks):
    from retriever.qa.parties import ASKS_EXECUTORS

    assert bool(ASKS_EXECUTORS.search(analyze_question(question).key)) is asks


def test_the_executors_of_a_document_named_before_the_duty(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Ban hành kèm theo Quyết định này Quy định hỗ trợ.\n"
                              "Điều 2. Tổ chức thực hiện\n1. Quyết định này có hiệu lực kể từ ngày ký.\n"
                              "2. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Y tế và Thủ trưởng các cơ quan có "
                              "liên quan chịu trách nhiệm thi hành Quyết định này.\n")
    answer = corpus.route().answer(analyze_question(
        "Quyết định 45/2025/QĐ-UBND về hỗ trợ nhân viên y tế giao những ai chịu trách nhiệm thi hành?"))
    assert answer is not None and answer.route == "record" and "Giám đốc Sở Y tế" in answer.answer


EFFECT_OF_ANOTHER_ACT = ("Điều 1. Sửa đổi Quyết định số 12/2024/QĐ-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân "
                         "tỉnh về hỗ trợ nhân viên y tế thôn bản.\n"
                         "Điều 2. Quyết định này có hiệu lực từ ngày 01 tháng 12 năm 2025.\n")


def test_the_effective_date_of_another_act_is_not_this_documents_own(tmp_path):
    # "Quyết định này có hiệu lực …" speaks of the document itself: asked of the act it amends, which no
    # sentence here dates, this document does not answer (another document, or the text, may)
    corpus = Corpus(tmp_path, EFFECT_OF_ANOTHER_ACT)
    route = corpus.route()
    assert route.facts(analyze_question("Quyết định 12/2024/QĐ-UBND có hiệu lực từ ngày nào?"), corpus.doc_id) is None
    own = route.facts(analyze_question("Quyết định 45/2025/QĐ-UBND có hiệu lực từ ngày nào?"), corpus.doc_id)
    assert own is not None and "01 tháng 12 năm 2025" in own.answer


def test_the_effective_date_of_an_amending_act_listed_in_a_consolidated_header(tmp_path):
    corpus = Corpus(tmp_path, EFFECT_OF_ANOTHER_ACT.replace(
        "Điều 2.", "Quyết định số 12/2024/QĐ-UBND ngày 05 tháng 3 năm 2024, có hiệu lực kể từ ngày 15 tháng 3 năm "
                   "2024.\nĐiều 2."))
    answer = corpus.route().facts(analyze_question("Quyết định 12/2024/QĐ-UBND có hiệu lực từ ngày nào?"), corpus.doc_id)
    assert answer is not None and "15 tháng 3 năm 2024" in answer.answer
