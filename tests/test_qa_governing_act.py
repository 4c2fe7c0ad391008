"""The act that governs a case in transition, read the way a clerk reads a transitional article ("Điều khoản
chuyển tiếp"): the question puts a case ("hồ sơ đã nộp trước khi … có hiệu lực mà chưa …") and asks which act or rule
applies; the article answers "thì thực hiện theo quy định tại <act>".  Synthetic documents parsed for real."""

from __future__ import annotations

from test_qa_extractors import FOOTER, HEADER, extract_in_unit

from retriever.qa.extractors.acts import ActExtractor, case_polarity
from retriever.qa.question import QuestionKind, analyze_question, asks_governing_act

TRANSITION = ("Điều 12. Điều khoản chuyển tiếp\n"
              "1. Hồ sơ đề nghị cấp giấy phép đã được tiếp nhận trước ngày Nghị định này có hiệu lực thi hành mà "
              "chưa được cấp phép thì tiếp tục thực\nhiện theo quy định tại Nghị định số 15/2018/NĐ-CP.\n"
              "2. Hồ sơ đã được cấp phép trước ngày Nghị định này có hiệu lực nhưng chưa hoàn thành việc công bố thì "
              "các việc còn lại thực hiện theo hướng dẫn tại Thông tư số 10/2019/TT-BYT.\n"
              "3. Cơ sở đã được thẩm định mà chưa được cấp giấy chứng nhận thì thực hiện theo quy định của Nghị "
              "định này.\n")


def test_a_case_and_the_act_asked_for_it_read_as_a_governing_act_question():
    asked = analyze_question("Hồ sơ nộp trước khi nghị định mới có hiệu lực mà chưa được cấp phép thì xử lý theo văn "
                             "bản nào?")
    assert asks_governing_act(asked) and asked.kind is QuestionKind.DOCUMENT  # not the effective date
    assert asks_governing_act(analyze_question("Nếu chưa được phê duyệt thì làm theo quy định nào?"))
    # no case: which act a document rests on, or cites, is another question
    assert not asks_governing_act(analyze_question("Nghị định 15/2018/NĐ-CP căn cứ văn bản nào?"))
    assert not asks_governing_act(analyze_question("Văn bản nào triển khai Chỉ thị 16/CT-TTg?"))


def test_the_act_after_the_consequence_verb_answers(tmp_path):
    span = extract_in_unit(tmp_path, TRANSITION, "Hồ sơ cấp giấy phép tiếp nhận trước khi nghị định có hiệu lực mà "
                           "chưa được cấp phép thì giải quyết theo văn bản nào?", "chưa được cấp phép",
                           ActExtractor())
    assert span is not None and span.text == "quy định tại Nghị định số 15/2018/NĐ-CP"


def test_the_act_itself_is_named_with_its_number(tmp_path):
    # the synthetic header is Quyết định 45/2025/QĐ-UBND: "Quyết định này" is it, "Nghị định này" another act
    document = HEADER + TRANSITION.replace("quy định của Nghị định này", "quy định của Quyết định này") + FOOTER
    question = "Cơ sở đã thẩm định mà chưa được cấp giấy chứng nhận thì áp dụng văn bản nào?"
    span = extract_in_unit(tmp_path, document, question, "chưa được cấp giấy chứng nhận", ActExtractor())
    assert span is not None and span.text == "quy định của Quyết định này (45/2025/QĐ-UBND)"
    span = extract_in_unit(tmp_path, HEADER + TRANSITION + FOOTER, question, "chưa được cấp giấy chứng nhận",
                           ActExtractor(), name="other.txt")
    assert span is not None and span.text == "quy định của Nghị định này"


def test_the_case_not_yet_done_is_told_from_the_case_done():
    asked = analyze_question("Hồ sơ vẫn chưa được cấp phép thì theo quy định nào?").key
    assert case_polarity(asked, "ho so da duoc tiep nhan ma chua duoc cap phep") > 0
    assert case_polarity(asked, "ho so da duoc cap phep nhung chua hoan thanh viec cong bo") < 0


# ---- "… bị bãi bỏ bởi / theo văn bản nào": the act that repealed it, as the texts print it
def test_a_consolidated_note_names_the_repealing_act_after_the_part_that_did_it():
    from retriever.qa.extractors.acts import asked_doer_verb, printed_doer

    assert asked_doer_verb(analyze_question("Khoản 3 Điều 12 Thông tư 06/2017 bị bãi bỏ theo thông tư nào?").key) \
        == "bai bo"
    note = "Khoản này được bãi bỏ theo quy định tại khoản 2 Điều 3 của Thông tư số 28/2022/TT- BLĐTBXH, có hiệu lực"
    start, end = printed_doer(note, 0, len(note), "bai bo")
    assert note[start:end] == "28/2022/TT- BLĐTBXH"  # read whole although the gazette broke it after the hyphen
    row = "Phụ lục 4, Phụ lục 5\nĐược bãi bỏ bởi Thông tư 18/2022/\nTT-BYT ngày 31/12/2022 của Bộ Y tế"
    start, end = printed_doer(row, 0, len(row), "bai bo")
    assert "".join(row[start:end].split()) == "18/2022/TT-BYT"


def test_an_act_repealing_in_its_own_voice_is_the_doer(tmp_path):
    from retriever.qa.extractors.acts import RepealsExtractor

    text = HEADER + ("Điều 3. Bãi bỏ Phụ lục 4 và Phụ lục 5 của Thông tư liên tịch số 20/2016/TTLT-BYT-BLĐTBXH "
                     "hướng dẫn khám giám định.\n") + FOOTER
    span = extract_in_unit(tmp_path, text, "Phụ lục 4 của thông tư liên tịch hướng dẫn khám giám định bị bãi bỏ bởi "
                           "văn bản nào?", "Bãi bỏ Phụ lục 4", RepealsExtractor())
    assert span is not None and span.text == "45/2025/QĐ-UBND"
