"""Which figure or date answers, read the way a clerk reads it (w46): the measure the question names printed with
its symbol, whole ("-20°C đến +50°C", "150-200 mA", "52gam"); a label echoing the question; a rate named by its
qualifier ("thuế suất", not "lãi suất"); the end of a change asked ("giảm từ bao nhiêu"); the date opening the
sentence a unit continues; the date of the act the question names by number; figures in words.

Each test reads its sentences from a real document of ../shared/realdocs (skipped when absent) or is a written
example; each fails without the rule it tests.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from retriever.qa.extractors import default_extractors
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.dates import DateExtractor
from retriever.qa.question import analyze_question
from retriever.qa.settings import QA
from tests.test_qa_extractors import Corpus


def _spans(corpus: Corpus, question: str) -> list:
    """The span the question's extractor finds in each unit of ``corpus`` (as the answerer compares them)."""
    analysis = analyze_question(question)
    context = Context(corpus.store, corpus.units, corpus.terms.question_weights(question, []), QA)
    extractor = default_extractors()[analysis.kind]
    return [span for row in range(len(corpus.store.chunks)) for unit in corpus.units.units_of(row)
            if (span := extractor.extract(analysis, unit, context)) is not None]


def _lines(realdocs, name: str, first: str, last: str) -> str:
    """The lines of a real document from the one holding ``first`` to the one holding ``last``."""
    text = (realdocs / "documents" / name).read_text(encoding="utf-8")
    start = text.index(first)
    start = text.rfind("\n", 0, start) + 1
    end = text.index("\n", text.index(last, start))
    return text[start:end] + "\n"


@pytest.fixture()
def led_sheet(realdocs, tmp_path):
    """A customs ruling's specification of a LED bar (tvpl_045): a bare count and the measured values."""
    body = (_lines(realdocs, "tvpl_045.txt", "Tên gọi theo cấu tạo,\ncông dụng: Thanh đèn LED, gồm", "để điều khiển điện áp")
            + _lines(realdocs, "tvpl_045.txt", "- Hàm lượng tính trên", "Chỉ số hoàn màu"))
    return Corpus(tmp_path, "Điều 1. Mô tả hàng hóa:\n" + body)


@pytest.mark.parametrize("question, answer", [
    ("Cường độ dòng điện của thanh đèn LED là bao nhiêu?", "150-200 mA"),  # not "01" (điện trở)
    ("Nhiệt độ hoạt động của thanh đèn LED là bao nhiêu?", "-20°C đến +50°C"),  # sign and both ends kept
    ("Thanh đèn LED nặng bao nhiêu gam?", "52gam"),  # the symbol printed against the figure
])
def test_the_measure_asked_is_read_whole_with_its_symbol(led_sheet, question, answer):
    assert led_sheet.extract(question).text == answer


def test_a_rate_named_by_its_qualifier_is_not_a_rival_rate(realdocs, tmp_path):
    body = (_lines(realdocs, "tvpl_176.txt", "Căn cứ các quy định nêu trên, CÔNG TY", "để thực hiện giải chấp tài sản tại ngân hàng.")
            + _lines(realdocs, "tvpl_176.txt", "Cổ đông là cá nhân phát sinh", "là 5%."))
    corpus = Corpus(tmp_path, "Điều 1. " + body)
    question = "Thu nhập của cổ đông cá nhân từ đầu tư vốn chịu thuế suất bao nhiêu?"
    found = {span.text: span.confidence for span in _spans(corpus, question)}
    # the sentence of "vay tiền của cổ đông … với mức lãi suất 0%" is ranked above the tax rule's (it prints more of
    # the question's words): the rates' confidences must tell them apart by more than such a ranking gap
    assert found["5%"] - found["0%"] > 0.5


def test_the_end_of_a_change_the_question_asks(realdocs, tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Thời hạn giải quyết: " + _lines(
        realdocs, "tvpl_160.txt", "Đã giảm từ 23 ngày", "xuống 15 ngày làm việc"))
    assert corpus.extract("Thời hạn cấp chứng chỉ đã được giảm từ bao nhiêu ngày làm việc?").text == "23 ngày làm việc"


def test_the_date_opening_the_sentence_a_unit_continues(realdocs, tmp_path):
    body = _lines(realdocs, "tvpl_176.txt", "Ngày 18/11/2025, Thuế tỉnh Vĩnh", "hàng.")
    corpus = Corpus(tmp_path, "Điều 1. Nội dung.\n\n" + body)
    question = analyze_question("Thuế tỉnh Vĩnh Long nhận được công văn 144/2025/CV-BSGBTr của Công ty vào ngày nào?")
    context = Context(corpus.store, corpus.units, corpus.terms.question_weights(question.text, []), QA)
    at = corpus.text.index("Long có nhận được")
    sentence = corpus.units.sentence_at(corpus.doc_id, at)
    unit = next(u for row in range(len(corpus.store.chunks)) for u in corpus.units.units_of(row)
                if u.start <= at < u.end)
    # the unit as the index cuts it when a line break ends a passage: from "Long có nhận được" to its end
    cut = replace(unit, start=at, end=sentence[1])
    span = DateExtractor().extract(question, cut, context)
    assert span is not None and span.text == "Ngày 18/11/2025"  # not the cited letter's "ngày 17/11/2025"
    assert span.quote_start < at  # quoted with the sentence's beginning


def test_the_date_of_the_act_the_question_names_by_number(realdocs, tmp_path):
    body = _lines(realdocs, "tvpl_160.txt", "Theo đề nghị của Sở Tài", "14730 /STC-VP ngày 20/ 11 /2025.")
    corpus = Corpus(tmp_path, "Điều 1. Cơ sở ban hành.\n" + body + "Hoàn thành trước ngày 30/12/2025.\n")
    span = corpus.extract("Sở Tài chính đề nghị công bố thủ tục bằng văn bản 14730/STC-VP ngày nào?")
    assert span.text.endswith("20/ 11 /2025")


def test_a_count_written_in_words(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Hội đồng thẩm định gồm mười lăm thành viên; Tổ thư ký gồm 03 người.\n")
    assert corpus.extract("Hội đồng thẩm định gồm bao nhiêu thành viên?").text == "mười lăm thành viên"


def test_the_year_in_a_programme_s_title_is_not_when_a_task_is_due(realdocs, tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Nhiệm vụ.\n" + _lines(
        realdocs, "tvpl_111.txt", "a) Nhiệm vụ: Tham mưu UBND\nThành phố phối hợp với Bộ Công an", "thành trong năm 2025."))
    span = corpus.extract("Việc rà soát, hoàn thiện Chiến lược dữ liệu thành phố phải xong khi nào?")
    assert span.text.endswith("năm 2025")  # not "năm 2030" of "Chiến lược dữ liệu thành phố Hà Nội đến năm 2030"


def test_an_amount_per_what_the_question_asks_it_per(realdocs, tmp_path):
    corpus = Corpus(tmp_path, _lines(realdocs, "tvpl_046.txt", "**Điều 4. Mức thu phí**", "không quá 6.000.000 đồng/Giấy"))
    found = {span.text: span.confidence for span in _spans(
        corpus, "Xin giấy phép kinh doanh karaoke thì phí thẩm định tính mỗi phòng bao nhiêu tiền?")}
    # "mỗi phòng": per room, not "6.000.000 đồng/Giấy phép" nor "10.000.000 đồng/Giấy phép" (per licence)
    assert max(found, key=found.get) == "1.000.000 đồng/phòng"
    assert found["1.000.000 đồng/phòng"] - max(v for k, v in found.items() if "Giấy" in k) > 0.4


def test_a_working_days_unit_wrapped_at_a_line_end(realdocs, tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Danh mục thủ tục:\n" + _lines(
        realdocs, "tvpl_141.txt", "Miễn nhiệm giám định viên pháp y và pháp y tâm\nthần", "việc, kể từ ngày nhận được hồ sơ hợp lệ"))
    span = corpus.extract("Thủ tục miễn nhiệm giám định viên pháp y được giải quyết trong bao lâu?")
    assert " ".join(span.text.split()) == "10 ngày làm việc"


def test_figures_of_an_address_count_nothing(realdocs, tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Gửi thông báo.\n" + _lines(realdocs, "tvpl_045.txt", "- Công ty Công ty TNHH Suhil", "Nai);"))
    # "nhà xưởng 56, đường 1-7": a house and a street number, no weight
    assert [span.text for span in _spans(corpus, "Thanh đèn LED của Công ty Suhil nặng bao nhiêu?")] == []


def test_the_date_of_the_act_the_question_describes(realdocs, tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Căn cứ ban hành.\n" + _lines(
        realdocs, "tvpl_013.txt", "*Căn cứ Quyết định số", "viên Ủy ban nhân dân tỉnh."))
    # the report named by its kind and author, not the draft decision it is about nor the other acts cited
    span = corpus.extract("Sở Tư pháp Quảng Ngãi có báo cáo thẩm định dự thảo quyết định phân cấp định mức máy móc, "
                          "thiết bị vào ngày nào?")
    assert span.text == "ngày 08 tháng 10 năm 2025"


def test_the_date_of_the_letter_the_question_describes_by_its_sender(realdocs, tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Nội dung.\n" + _lines(
        realdocs, "tvpl_049.txt", "Cục Thuế nhận được công văn số 4814", "vay vốn nước ngoài. Về vấn đề này"))
    span = corpus.extract("Công ty Điện lực Jaks Hải Dương gửi công văn hỏi Cục Thuế về thuế nhà thầu trên chi phí "
                          "hợp đồng vay vốn nước ngoài vào ngày nào?")
    assert " ".join(span.text.split()).endswith("5/9/2025")  # not 30/06/2025 of the other letter


def test_a_sum_whose_thousands_a_space_splits_is_read_whole(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Thân nhân của đối tượng đã từ trần được hưởng trợ cấp một lần bằng 3.000 000 đồng.\n")
    assert corpus.extract("Thân nhân được nhận trợ cấp một lần bao nhiêu tiền?").text == "3.000 000 đồng"


def test_a_sum_per_a_counted_measure_keeps_it(realdocs, tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Mức hỗ trợ:\n" + _lines(
        realdocs, "tvpl_019.txt", "b) Nuôi trồng thuỷ sản trong bể, lồng, bè", "30.000.000 đồng/100 m3"))
    span = corpus.extract("Nuôi cá lồng bè bị thiên tai làm thiệt hại thì mức hỗ trợ là bao nhiêu?")
    assert span.text == "30.000.000 đồng/100 m3"


@pytest.mark.parametrize("question, answer", [
    # a sum spelled out in words between the figure and its unit is still a sum in đồng
    ("Vốn điều lệ cấp lần đầu của Quỹ tối thiểu là bao nhiêu?", "3.000 (ba nghìn) tỷ đồng"),
    # a national plan's target in US dollars carries its currency
    ("Doanh thu xuất khẩu phần mềm đến năm 2030 đạt tối thiểu bao nhiêu?", "20 tỷ USD/năm"),
])
def test_a_sum_keeps_its_currency_when_spelled_out_or_in_dollars(tmp_path, question, answer):
    corpus = Corpus(tmp_path, "Điều 1. Mục tiêu\n1. Vốn điều lệ do ngân sách trung ương cấp lần đầu tối thiểu là "
                              "3.000 (ba nghìn) tỷ đồng ngay sau khi được thành lập.\n"
                              "2. Doanh thu xuất khẩu phần mềm của doanh nghiệp đạt tối thiểu 20 tỷ USD/năm.\n")
    assert any(answer in span.text for span in _spans(corpus, question))
