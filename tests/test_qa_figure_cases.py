"""The case a figure is printed under, read as an interval of a measure (w63, extractors/figures.py): a question
stating its case in other words or units ("từ 5 năm đến dưới 7 năm") takes the figure whose printed case holds it
("từ đủ 60 tháng đến dưới 84 tháng"), never one whose case lies beside it ("đến 06 tháng tuổi" for "trên 6 tháng
tuổi"); a range whose ends carry bounds is copied whole."""

from __future__ import annotations

import pytest

from retriever.qa.extractors import figures as F
from retriever.qa.question import analyze_question
from tests.test_qa_extractors import Corpus


class RealCorpus(Corpus):
    """One real document of ../shared/realdocs, parsed for real (never copied), with the QA parts built over it."""

    def __init__(self, path):  # the synthetic Corpus's parts over a real file
        self._load(path)


def _real(realdocs, name: str) -> RealCorpus:
    path = realdocs / "documents" / name
    if not path.exists():
        pytest.skip(f"{name} is not among the real documents at {realdocs}")
    return RealCorpus(path)


# ------------------------------------------------------------------ reading cases
def test_cases_read_as_intervals_in_one_measure():
    assert F.case_intervals("dong tu 5 nam den duoi 7 nam") == [("thang", 60.0, 84.0, False, True)]
    assert F.case_intervals("tu du 60 thang den duoi 84 thang") == [("thang", 60.0, 84.0, False, True)]
    assert F.case_intervals("ngua den 06 thang tuoi, ho tro") == [("thang", 0.0, 6.0, False, False)]
    assert F.case_intervals("tren 06 thang tuoi") == [("thang", 6.0, float("inf"), True, False)]
    assert F.case_intervals("tu 250 trieu dong den duoi 01 ty dong") == [("dong", 2.5e8, 1e9, False, True)]
    assert F.case_intervals("tu 1.500 kg den 2.000 kg") == [("kg", 1500.0, 2000.0, False, False)]
    assert F.case_intervals("ke hoach nam 2025") == []  # a year is no span of years
    assert F.case_intervals("giam 1.500.000 dong") == []  # a sum is no case


def test_case_fit_holds_touches_or_lies_beside():
    q = analyze_question("Trâu, bò trên 6 tháng tuổi chết được hỗ trợ bao nhiêu?")
    assert F.case_fit(q, "trau, bo den 06 thang tuoi, ho tro") == -1.0  # "đến 06" ends where "trên 6" begins
    assert F.case_fit(q, "tren 06 thang tuoi, ho tro") == 1.0
    assert F.case_fit(q, "ho tro theo quy dinh") == 0.0  # no case of the same measure: no evidence
    wide = analyze_question("Đóng BHTN được 9 đến 11 năm thì được hỗ trợ bao nhiêu?")
    assert F.case_fit(wide, "tu du 108 thang den duoi 132 thang") == 1.0
    assert F.case_fit(wide, "tu du 84 thang den duoi 120 thang") == 0.3  # in part


# ------------------------------------------------------------------ real documents
def test_case_in_months_for_a_question_in_years(realdocs):
    """congbao_019 lists the support by months paid in ("từ đủ 60 tháng đến dưới 84 tháng: Hỗ trợ 2.400.000 đồng")."""
    corpus = _real(realdocs, "congbao_019.txt")
    span = corpus.extract("Người đã đóng bảo hiểm thất nghiệp từ 5 năm đến dưới 7 năm được hỗ trợ bao nhiêu tiền?")
    assert span.text.startswith("2.400.000 đồng")
    span = corpus.extract("Người đã đóng bảo hiểm thất nghiệp từ 11 năm trở lên được hỗ trợ bao nhiêu tiền?")
    assert span.text.startswith("3.300.000 đồng")


def test_case_beside_the_asked_one_is_not_taken(realdocs):
    """tvpl_019: "Trâu, bò thịt, ngựa đến 06 tháng tuổi, hỗ trợ từ 1.500.000 … ; trên 06 tháng tuổi, hỗ trợ từ
    3.100.000 đồng/con đến 7.000.000 đồng/con"."""
    corpus = _real(realdocs, "tvpl_019.txt")
    older = corpus.extract("Ngựa trên 6 tháng tuổi bị chết do thiên tai được hỗ trợ bao nhiêu tiền mỗi con?")
    assert older.text == "từ 3.100.000 đồng/con đến 7.000.000 đồng/con"
    younger = corpus.extract("Ngựa dưới 6 tháng tuổi bị chết do thiên tai được hỗ trợ bao nhiêu tiền mỗi con?")
    assert younger.text == "từ 1.500.000 đồng/con đến 3.000.000 đồng/con"


# ------------------------------------------------------------------ ranges whose ends carry a bound
def test_range_with_bounds_on_both_ends_is_copied_whole(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Điều chỉnh giá\n1. Trường hợp cần thiết phải điều chỉnh mức giá thiết bị cao "
                              "hơn từ trên 15% đến không quá 30% so với mức giá quy định thì thủ trưởng cơ quan "
                              "quyết định.\n")
    span = corpus.extract("Cơ quan được tự quyết khi điều chỉnh giá thiết bị cao hơn trong khoảng bao nhiêu phần trăm?")
    assert span.text == "từ trên 15% đến không quá 30%"


# ------------------------------------------------------------------ time limits side by side
def test_time_limit_counted_from_the_asked_event(realdocs):
    """congbao_019: "Trong thời hạn 10 ngày làm việc kể từ ngày nhận được danh sách người lao động đúng, đủ thông tin
    và trong thời hạn 20 ngày kể từ ngày nhận được danh sách người lao động điều chỉnh thông tin …, cơ quan bảo hiểm
    xã hội chi trả": what the first limit counts from is no case of the second."""
    corpus = _real(realdocs, "congbao_019.txt")
    asked = "Cơ quan bảo hiểm xã hội phải chi trả tiền hỗ trợ trong bao lâu kể từ ngày nhận được danh sách người lao động "
    assert corpus.extract(asked + "đã đúng, đủ thông tin?").text.startswith("10 ngày làm việc")
    assert corpus.extract(asked + "cần điều chỉnh thông tin?").text.startswith("20 ngày")


# ------------------------------------------------------------------ ordinals in Roman numerals
def test_ordinal_in_roman_numerals(realdocs):
    """A congress or a legislature is numbered in Roman numerals ("Quốc hội khóa XV", "Đại hội … lần thứ XIV")."""
    corpus = _real(realdocs, "tvpl_005.txt")
    assert corpus.extract("Báo cáo Quốc hội tại Kỳ họp thứ 10 của Quốc hội khóa mấy?").text == "khóa XV"
    corpus = _real(realdocs, "tvpl_121.txt")
    span = corpus.extract("Đợt thi đua kéo dài đến khi tổ chức thành công Đại hội đại biểu toàn quốc lần thứ mấy của Đảng?")
    assert span.text == "lần thứ XIV"


def test_roman_part_of_an_act_is_no_ordinal(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Mức chi\nMức chi theo Phụ lục II ban hành kèm theo Quyết định này là 3 lần "
                              "mức lương cơ sở.\n")
    assert "II" not in corpus.extract("Mức chi theo Quyết định này gấp mấy lần mức lương cơ sở?").text


# ------------------------------------------------------------------ parallel figures told apart by a phrase
def test_parallel_figures_told_apart_by_a_phrase(realdocs):
    """congbao_016: "thực tập tại doanh nghiệp …: 04 tuần trong 01 năm đối với nhà giáo dạy trình độ cao đẳng, trung
    cấp và 02 tuần trong 1 năm đối với nhà giáo dạy trình độ sơ cấp" — the period each figure is per ("trong 01
    năm") is its own, and "sơ cấp" (one word besides "cấp", shared) tells the second figure apart, with or without
    accents."""
    corpus = _real(realdocs, "congbao_016.txt")
    for asked in ("Nhà giáo dạy trình độ sơ cấp phải thực tập tại doanh nghiệp bao nhiêu tuần trong một năm?",
                  "nha giao day trinh do so cap phai thuc tap tai doanh nghiep bao nhieu tuan trong mot nam"):
        assert corpus.extract(asked).text.split() == ["02", "tuần"]
    assert corpus.extract("Nhà giáo dạy trình độ cao đẳng phải thực tập tại doanh nghiệp bao nhiêu tuần trong một "
                          "năm?").text == "04 tuần"


# ------------------------------------------------------------------ dates that do not answer the question's role
def _spans(corpus, question: str):
    """Every unit's span for ``question`` (the candidates the answerer's ranker compares across units)."""
    from retriever.qa.extractors import default_extractors
    from retriever.qa.extractors.base import Context
    from retriever.qa.settings import QA

    analysis = analyze_question(question)
    context = Context(corpus.store, corpus.units, corpus.terms.question_weights(question, []), QA)
    extractor = default_extractors()[analysis.kind]
    return [s for row in range(len(corpus.store.chunks)) for u in corpus.units.units_of(row)
            if (s := extractor.extract(analysis, u, context)) is not None]


def test_weekday_asked_not_a_calendar_date(realdocs):
    """congbao_049: "Định kỳ báo cáo Thủ tướng Chính phủ … vào thứ Sáu hàng tuần …; báo cáo tổng thể … trước ngày 05
    tháng 7 năm 2026" — "ngày nào trong tuần" is answered by a weekday: a calendar date of any unit stays well below
    it, so that a unit ranked higher cannot answer with its date."""
    corpus = _real(realdocs, "congbao_049.txt")
    for asked in ("Tỉnh định kỳ báo cáo Thủ tướng Chính phủ tiến độ sắp xếp thôn, tổ dân phố vào ngày nào trong tuần?",
                  "tinh dinh ky bao cao thu tuong chinh phu tien do sap xep thon, to dan pho vao ngay nao trong tuan"):
        spans = _spans(corpus, asked)
        weekday = max(spans, key=lambda s: s.confidence)
        assert "thứ Sáu" in weekday.text
        dated = [s.confidence for s in spans if "thứ" not in s.text and "Chủ nhật" not in s.text]
        assert dated and max(dated) < weekday.confidence - 0.3


# ------------------------------------------------------------------ a time asked about a sum or a basis
def test_time_asked_about_a_sum_is_a_date_question():
    from retriever.qa.question import QuestionKind, detect_kind

    assert detect_kind("Thời gian giảm mức đóng bảo hiểm xuống 0% kéo dài từ khi nào đến khi nào?") is QuestionKind.DATE
    assert detect_kind("Hồ sơ nộp trong khoảng thời gian nào thì vẫn áp mức thu cũ?") is QuestionKind.DATE
    assert detect_kind("Công văn 12-CV/TU (làm căn cứ xây dựng đề án) được ban hành vào ngày nào?") is QuestionKind.DATE
    assert detect_kind("Mức thu lệ phí là bao nhiêu?") is QuestionKind.AMOUNT  # the sum itself
    assert detect_kind("Quyết định căn cứ vào những văn bản nào?") is QuestionKind.LEGAL_BASIS


# ------------------------------------------------------------------ wrapped qualifiers, changes, a sentence's case
def test_bound_wrapped_at_a_line_end(realdocs):
    """tvpl_117: "mỗi đơn vị xã … không quá 03 (ba) nhân viên …; mỗi đơn vị phường … bình quân không\\nquá 02 (hai)
    nhân viên" — the bound read across the line break, as for the first figure."""
    corpus = _real(realdocs, "tvpl_117.txt")
    span = _spans(corpus, "Mỗi đơn vị phường được bố trí bình quân không quá bao nhiêu nhân viên chăn nuôi thú y?")
    texts = {" ".join(s.text.split()) for s in span}
    assert any(t.startswith("không quá 02 (hai) nhân viên chăn nuôi") for t in texts)  # the bound kept with the
    # figure, as "không quá 03"


def test_change_asked_by_both_ends(realdocs):
    """tvpl_021: "tăng số lượng cấp phó tại các phòng chuyên môn của cấp xã từ 2 lên 3 phó trưởng phòng"."""
    corpus = _real(realdocs, "tvpl_021.txt")
    span = corpus.extract("Tỉnh đề nghị tăng số cấp phó các phòng chuyên môn cấp xã từ mấy lên mấy người?")
    assert span.text.startswith("từ 2 lên 3")


def test_case_a_sentence_opens_with_holds_for_its_later_clauses(realdocs):
    """tvpl_021: "10 tháng tăng 15,55%, …; thương mại, dịch vụ tương đối tích cực, tổng mức bán lẻ hàng hóa và dịch
    vụ tăng 15,1% …" — the 10 months the sentence opens with are the later clause's period too."""
    from retriever.qa.extractors.numbers import _condition_fit

    corpus = _real(realdocs, "tvpl_021.txt")
    start = corpus.text.index("10 tháng tăng 15,55%")
    body = corpus.text[start:corpus.text.index("tổng thu du lịch", start)]
    q = analyze_question("Trong 10 tháng, tổng mức bán lẻ hàng hóa và dịch vụ của tỉnh tăng bao nhiêu phần trăm?")
    opening, later = _condition_fit(q, body, body.index("15,55%")), _condition_fit(q, body, body.index("15,1%"))
    assert opening > 0 and later == opening
    assert _condition_fit(q, body, body.index("9,3%")) == 0.0  # an aside with a figure of its own: its own case
    assert corpus.extract(q.text).text == "15,1%"


def test_quarter_a_task_is_due_in(realdocs):
    """tvpl_021: "… báo cáo Thủ tướng Chính phủ kết quả thực hiện trong Quý I năm 2026" — "trong thời hạn nào" asks
    which time (not how long), and "trong" a quarter is the window the report is due in."""
    corpus = _real(realdocs, "tvpl_021.txt")
    unit = next(u for row in range(len(corpus.store.chunks)) for u in corpus.units.units_of(row)
                if "Quý I năm 2026" in corpus.text[u.start:u.end])
    from retriever.qa.extractors import default_extractors
    from retriever.qa.extractors.base import Context
    from retriever.qa.settings import QA

    asked = "Tỉnh phải báo cáo Thủ tướng kết quả giải ngân số vốn dư trong thời hạn nào?"
    analysis = analyze_question(asked)
    context = Context(corpus.store, corpus.units, corpus.terms.question_weights(asked, []), QA)
    assert default_extractors()[analysis.kind].extract(analysis, unit, context).text == "trong Quý I năm 2026"


def test_due_days_printed_in_words_or_without_a_year(realdocs):
    """congbao_007: the monthly contribution is due "chậm nhất vào ngày cuối cùng của tháng", the yearly transfer
    "Chậm nhất ngày 31 tháng 12" — a due day named by its place in the month, or a day of every year."""
    corpus = _real(realdocs, "congbao_007.txt")
    monthly = corpus.extract("Hằng tháng, Công an đơn vị phải nộp đủ tiền đóng bảo hiểm y tế của tháng chậm nhất vào "
                             "ngày nào?")
    assert " ".join(monthly.text.split()).endswith("ngày cuối cùng của tháng")
    unit = next(u for row in range(len(corpus.store.chunks)) for u in corpus.units.units_of(row)
                if corpus.text[u.start:u.end].startswith("Chậm nhất ngày 31 tháng 12"))
    from retriever.qa.extractors import default_extractors
    from retriever.qa.extractors.base import Context
    from retriever.qa.settings import QA

    asked = "Công an đơn vị phải chuyển xong kinh phí đóng bảo hiểm y tế của năm chậm nhất vào ngày nào?"
    analysis = analyze_question(asked)
    context = Context(corpus.store, corpus.units, corpus.terms.question_weights(asked, []), QA)
    assert default_extractors()[analysis.kind].extract(analysis, unit, context).text == "Chậm nhất ngày 31 tháng 12"


def test_date_in_the_frame_the_question_fills(realdocs):
    """tvpl_097: "quân nhân … nhập ngũ từ ngày 30 tháng 4 năm 1975 trở về trước" — the words after the question's
    wh-phrase ("từ thời điểm nào trở về trước") printed right after the date."""
    from retriever.qa.extractors.dates import find_dates

    corpus = _real(realdocs, "tvpl_097.txt")
    q = analyze_question("Quân nhân phải nhập ngũ từ thời điểm nào trở về trước thì được hưởng chế độ trợ cấp?")
    fits = {" ".join(corpus.text[s:e].split()): F.frame_after_fit(q, corpus.text, e) for _, s, e in find_dates(corpus.text)}
    assert fits["ngày 30 tháng 4 năm 1975"] == 1.0
    assert fits["ngày 01 tháng 7 năm 2010"] == 0.0  # the amending act's date: no frame after it
    best = max(_spans(corpus, q.text), key=lambda s: s.confidence)
    assert " ".join(best.text.split()).endswith("30 tháng 4 năm 1975")
