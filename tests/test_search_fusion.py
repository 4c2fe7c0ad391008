"""The fitted passage score of ``retriever.search``: question words read as cues, not content; the words
beyond each passage's own document header; the kind of answer asked against the kind a passage prints."""

from dataclasses import replace

import pytest

from retriever.query import analyze_query, content_tokens, question_cues
from retriever.search import FUSION, passage_types
from tests.test_document_signal import _searcher, store  # noqa: F401 - the synthetic three-document index


@pytest.mark.parametrize("question,asks,words", [
    ("Quyết định này có hiệu lực từ ngày nào?", {"date", "effect"}, {"nao"}),
    ("Cơ quan nào chủ trì xây dựng kế hoạch?", {"agency"}, {"nao"}),
    ("Mức hỗ trợ là bao nhiêu?", {"number"}, {"bao", "nhieu"}),
    ("Thời hạn giải quyết thủ tục là bao lâu?", {"number"}, {"bao", "lau"}),
    ("Quyết định 12/QĐ-UBND căn cứ văn bản nào?", {"act"}, {"nao"}),
    ("Ai ký Công văn 10989/BNV-TCBC?", {"agency"}, {"ai", "ky"}),  # who signed: the signature prints no "ký"
    ("Bảo hiểm y tế hộ gia đình đóng bao nhiêu?", {"number"}, {"nhieu"}),  # "bảo" is content here
])
def test_question_cues(question, asks, words):
    cues = question_cues(question)
    assert set(cues.asks) == asks and set(cues.words) == words


def test_accentless_questions_keep_the_words_accents_would_tell_apart():
    # "mấy"/"máy" and "đâu"/"đầu" fall together without accents: content, not cues
    assert question_cues("may moc thiet bi dau tu tu dau").words == frozenset()
    assert question_cues("thiet bi co may loai").words == frozenset()
    assert question_cues("so nao chu tri y te truong hoc").words == frozenset({"nao"})
    assert question_cues("so nao chu tri y te truong hoc").asks == frozenset({"agency"})


def test_an_expansion_keeps_its_words_as_content():
    analysis = analyze_query("Mức đóng BHYT là bao nhiêu?")  # expanded with "bảo hiểm y tế"
    assert analysis.cues.words == frozenset({"nhieu"})


def test_content_tokens_leave_out_every_token_made_of_a_question_word():
    tokens = ["tu", "ngay", "nao", "tu_ngay", "ngay_nao", "~từ", "~ngày", "~nào", "~ngày_nào", "44/2025/qđ-ubnd"]
    assert content_tokens(tokens, frozenset({"nao"})) == ["tu", "ngay", "tu_ngay", "~từ", "~ngày", "44/2025/qđ-ubnd"]
    assert content_tokens(tokens, frozenset()) == tokens


@pytest.mark.parametrize("text,kinds", [
    ("1. Quyết định này có hiệu lực thi hành kể từ ngày 05 tháng 12 năm 2025.", {"date", "effect", "number"}),
    ("Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính.", {"agency"}),
    ("- Bộ trưởng các Bộ: Quốc phòng, Công an, Y tế.", {"agency"}),
    ("Căn cứ Nghị định số 72/2024/NĐ-CP của Chính phủ;", {"act"}),
    ("Căn cứ Luật Dược số 105/2016/QH13;", {"act"}),  # a law's number has no dash
    ("Đã giải quyết 105/2016 hồ sơ", set()),  # a fraction is not an act number
    ("Hoàn thành trong quý II năm 2026.", {"date", "number"}),
    ("Người đứng đầu cơ sở giáo dục nghề nghiệp quyết định.", {"agency"}),  # "ai": an office holder
    ("Tổ chức thực hiện nghiêm túc, hiệu quả.", set()),
])
def test_passage_types(text, kinds):
    assert set(passage_types(text)) == kinds


QUESTION = "Thông tư 35/2025/TT-BXD về giá dịch vụ đăng kiểm tàu biển có hiệu lực từ ngày nào?"


def test_the_words_beyond_its_own_header_rank_a_part_of_a_document(store):  # noqa: F811
    """Without naming a document (part signal off) the closing article comes first by the words the
    document's title does not hold; with that signal off too, the passages that echo the title win."""
    alone = _searcher(store, part_weight=0.0, type_weights=(), dense_weight=0.5).search(QUESTION, k=3).hits
    assert alone[0].chunk_id == "a:3"
    off = _searcher(store, part_weight=0.0, type_weights=(), own_weight=0.0, dense_weight=0.5).search(QUESTION, k=3).hits
    assert off[0].chunk_id != "a:3" and off[0].doc_id == "a"


def test_the_kind_of_answer_asked_ranks_a_passage_that_prints_it(store):  # noqa: F811
    """A date and a statement of effect asked: the passage that prints them comes first on that signal alone."""
    typed = _searcher(store, part_weight=0.0, own_weight=0.0, dense_weight=0.5).search(QUESTION, k=3).hits
    assert typed[0].chunk_id == "a:3"
    plain = _searcher(store, part_weight=0.0, own_weight=0.0, dense_weight=0.5, type_weights=()).search(QUESTION, k=3)
    assert plain.hits[0].chunk_id != "a:3"


def test_the_row_kinds_are_read_once(store):  # noqa: F811
    searcher = _searcher(store)
    searcher.search(QUESTION, k=3)
    read = (searcher._row_types >= 0).sum()
    assert read > 0
    searcher.search(QUESTION, k=3)
    assert (searcher._row_types >= 0).sum() == read


def test_fusion_defaults_are_the_fitted_ones():
    assert dict(FUSION.type_weights).keys() == {"date", "number", "agency", "act", "effect"}  # "form": a penalty
    assert 0 < FUSION.dense_weight < 0.5  # BM25 leads at real size (eval/RESULTS.md)
    assert replace(FUSION, own_weight=0.0).own_weight == 0.0


# ---------------------------------------------------------------- w65: blank forms
FORM = ("Mẫu số 01\nTên đơn vị: ............................\nĐịa chỉ: …………………… số điện thoại: ……………\n"
        "Đề nghị được hưởng hỗ trợ: ............................")


@pytest.mark.parametrize("text,blank", [
    (FORM, True),
    ("a) Thời gian đóng bảo hiểm thất nghiệp dưới 12 tháng: Hỗ trợ 1.800.000 đồng/người.", False),
    ("Nội dung cụ thể ... xem Phụ lục kèm theo.", False),  # an ellipsis is not a blank to fill
    ("Họ và tên: ............................", False),  # one blank: a field, not a form
])
def test_a_blank_form_is_told_by_its_fill_in_dots(text, blank):
    assert ("form" in passage_types(text)) is blank


@pytest.mark.parametrize("question,asks_form", [
    ("Người lao động được hỗ trợ bao nhiêu tiền?", False),
    ("Mẫu đơn đề nghị hỗ trợ gồm những nội dung gì?", True),
    ("Tờ khai hải quan dùng cho người xuất cảnh theo quy định nào?", True),
    ("mau don de nghi ho tro gom nhung noi dung gi", True),  # accent-less "mẫu"
])
def test_a_question_about_a_form_is_told_from_one_about_content(question, asks_form):
    assert ("form" in question_cues(question).asks) is asks_form


def test_a_blank_form_ranks_below_a_statement_unless_the_question_asks_a_form(store):  # noqa: F811
    """The form prints more of the question's words (BM25) than the sentence stating the amount; a clerk
    turns past it, unless the question asks about the form itself."""
    import numpy as np

    from retriever.search import PassageSignals

    searcher = _searcher(store)
    bm25, dense = np.array([9.0, 7.0, 1.0]), np.array([0.80, 0.80, 0.70])
    blank = np.array([True, False, False])
    content = PassageSignals(bm25, dense, False, None, None, {}, blank)
    about_form = PassageSignals(bm25, dense, False, None, None, {}, None)
    assert FUSION.form_penalty > 0
    assert int(np.argmax(searcher.combine(content))) == 1
    assert int(np.argmax(searcher.combine(about_form))) == 0
    assert int(np.argmax(searcher.combine(content, replace(FUSION, form_penalty=0.0)))) == 0
