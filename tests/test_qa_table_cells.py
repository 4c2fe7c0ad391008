"""w38: figures in flattened tables and rates asked.  Synthetic documents, reworded and renumbered."""

from __future__ import annotations

from retriever.qa.extractors import dates as D
from retriever.qa.extractors import default_extractors
from retriever.qa.extractors.base import Context
from retriever.qa.question import analyze_question
from tests.test_qa_extractors import QA, Corpus

# A procedures list as legal-database pages flatten it: one cell per line, the name cell then its values.
PROCEDURES = ("Điều 1. Danh mục thủ tục hành chính\n"
              "Thủ tục cấp lại giấy phép hoạt động bến khách ngang sông (thẩm quyền của Sở Giao thông).\n"
              "03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ.\n"
              "Thủ tục cấp mới giấy phép hoạt động bến khách ngang sông (thẩm quyền của Sở Giao thông).\n"
              "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.\n")


def _span_from_unit(corpus: Corpus, question: str, opening: str):
    analysis = analyze_question(question)
    context = Context(corpus.store, corpus.units, corpus.terms.question_weights(question, []), QA)
    units = [u for row in range(len(corpus.store.chunks)) for u in corpus.units.units_of(row)
             if corpus.text[u.start:u.end].startswith(opening)]
    assert units, opening
    return default_extractors()[analysis.kind].extract(analysis, units[0], context), units[0]


def test_name_cell_is_answered_from_the_value_cell_after_it(tmp_path):
    corpus = Corpus(tmp_path, PROCEDURES)
    span, unit = _span_from_unit(corpus, "Cấp lại giấy phép hoạt động bến khách ngang sông mất bao lâu?",
                                 "Thủ tục cấp lại")
    assert span is not None and span.text == "03 ngày làm việc"
    assert span.quote_start == unit.start  # the quote keeps the name cell that says which procedure
    span, _ = _span_from_unit(corpus, "Cấp mới giấy phép bến khách ngang sông giải quyết trong mấy ngày làm việc?",
                              "Thủ tục cấp mới")
    assert span is not None and span.text == "10 ngày làm việc"


def test_value_cell_is_not_a_numbered_heading():
    assert D.value_cell("- 250.000 đồng đối với trường hợp cấp lại")
    assert D.value_cell("15%")
    assert not D.value_cell("4.2. Tập huấn chuyên môn")
    assert not D.value_cell("Thủ tục cấp mới giấy phép")


def test_range_the_question_states_is_not_the_answer(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Mức thu phí thẩm định theo tổng vốn đầu tư\n"
                              "- Đến 05 tỷ đồng: 12 triệu đồng.\n"
                              "- Trên 05 đến 30 tỷ đồng: 40 triệu đồng + (0,4% x phần vốn trên 05 tỷ đồng).\n"
                              "- Trên 30 tỷ đồng: 90 triệu đồng + (0,1% x phần vốn trên 30 tỷ đồng).\n")
    assert corpus.extract("Tổng vốn đầu tư trên 05 đến 30 tỷ đồng thì mức thu phí thẩm định là bao nhiêu?").text \
        .startswith("40 triệu đồng")


def test_rate_asked_is_not_the_sum_beside_it(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Mức thu phí thẩm định theo tổng vốn đầu tư\n"
                              "- Trên 05 đến 30 tỷ đồng: 40 triệu đồng + (0,4% x phần vốn trên 05 tỷ đồng).\n")
    answer = corpus.extract("Với tổng vốn trên 05 đến 30 tỷ đồng, phần vốn trên 05 tỷ đồng tính thêm bao nhiêu phần trăm?")
    assert answer.text == "0,4%"


def test_value_cell_qualified_after_its_figure_and_lead_time(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Thời hạn giải quyết\n"
                              "- Trong thời hạn 12 (mười hai) ngày làm việc kể từ ngày ban hành quyết định cấp thẻ "
                              "hướng dẫn viên (đối với người đạt kỳ kiểm tra nghiệp vụ),\n"
                              "- 05 (năm) ngày làm việc kể từ ngày ban hành quyết định cấp thẻ (đối với các trường hợp: "
                              "thẻ hướng dẫn viên bị thay đổi thông tin cá nhân; người đề nghị nộp hồ sơ trong thời hạn "
                              "tối thiểu 20 ngày trước ngày thẻ hết hạn).\n")
    # Within the second cell: the figure that opens it, qualified after it, not the lead time it mentions.
    span, _ = _span_from_unit(corpus, "Cấp thẻ hướng dẫn viên do thay đổi thông tin cá nhân thì thời hạn giải quyết "
                                      "là bao lâu?", "- 05")
    assert span.text.startswith("05 (năm) ngày làm việc")
    span, _ = _span_from_unit(corpus, "Phải nộp hồ sơ cấp thẻ trước ngày thẻ hết hạn tối thiểu bao nhiêu ngày?", "- 05")
    assert span.text.startswith("20 ngày")


def test_counted_unit_keeps_what_it_is_per(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Chỉ tiêu hoạt động\n"
                              "Thư viện xã phục vụ tối thiểu 250 lượt người/tháng và tổ chức 04 buổi đọc sách/năm.\n")
    answer = corpus.extract("Thư viện xã phải phục vụ tối thiểu bao nhiêu lượt người mỗi tháng?").text
    assert "250 lượt người/tháng" in answer


def test_time_limit_written_in_words(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Thời hạn cấp phép\n"
                              "Trong thời hạn hai mươi ngày kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Công Thương cấp giấy phép.\n")
    assert corpus.extract("Sở Công Thương cấp giấy phép trong thời hạn bao lâu?").text.startswith("hai mươi ngày")
    assert D._DURATION.search("không quá mười lăm ngày làm việc").group(1) == "mười lăm ngày làm việc"
