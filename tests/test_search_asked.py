"""What a question asks of the document it names: the words that named it are spent, in any spelling."""

from retriever.query import content_tokens, question_cues
from retriever.search import asked_beyond_header
from tests.test_document_signal import store  # noqa: F401 - the synthetic three-document index

# a header "Quyết định 2929/QĐ-UBND … công bố thủ tục hành chính … của Bộ Chỉ huy Quân sự tỉnh Sơn La"
HEADER = {"quyet", "dinh", "2929", "qd", "ubnd", "cong", "bo", "thu", "tuc", "hanh", "chinh", "chi", "huy",
          "quan", "su", "tinh", "son", "la", "cua"}


def test_the_other_spelling_of_a_name_the_header_prints_asks_nothing():
    # the question's "Ủy ban nhân dân" (spelt out from its "UBND") is the header's "UBND"
    assert asked_beyond_header(["~ủy", "ban_nhan", "nhan_dan", "ngay"], HEADER) == ["ngay"]


def test_joins_of_the_headers_words_ask_nothing_of_the_document():
    # "… của Sơn La công bố bao nhiêu thủ tục …": beyond its question words only joins across the title's words
    assert asked_beyond_header(["cua_son", "la_cong", "~ủy", "tinh_uy"], HEADER) == []


def test_a_join_through_a_joining_word_asks_nothing():
    # "… kế hoạch của UBND tỉnh về củng cố y tế cơ sở là gì?": "cơ sở là" joins a title word and the copula
    header = {"ke", "hoach", "cung", "co", "y", "te", "so", "ubnd", "tinh"}
    assert asked_beyond_header(["la", "so_la", "hoach_cua", "~là"], header) == []


def test_a_figure_printed_with_a_leading_zero_is_the_headers():
    # title "… 06 tháng đầu năm 2022": the question's "6 tháng" names it
    header = {"06", "06_thang", "thang", "dau", "nam", "2022"}
    assert asked_beyond_header(["6", "6_thang", "~6"], header) == []
    assert asked_beyond_header(["6_thang", "quy"], header) == ["quy"]


def test_a_word_beyond_the_header_keeps_every_word_beside_it():
    # "tổ chức lại … là gì": the term and the copula of its definition are asked, with the joins beside them
    header = {"to", "chuc", "lai", "giai", "the", "hanh", "chinh"}
    assert asked_beyond_header(["chuc_lai", "khai", "niem", "la"], header) == ["chuc_lai", "khai", "niem", "la"]
    assert asked_beyond_header(["dien", "ra", "so_la"], {"so"}) == ["dien", "ra", "so_la"]


def test_who_signed_and_the_number_are_asked_by_question_words():
    signer = question_cues("Ai ký Kế hoạch 542/KH-UBND của tỉnh Nghệ An?")
    assert {"ai", "ky"} <= signer.words
    number = question_cues("Số hiệu kế hoạch của UBND tỉnh Nghệ An về củng cố y tế cơ sở là gì?")
    assert "hieu" in number.words and "so" not in number.words  # "cơ sở" keeps its "sở" as content
    assert content_tokens(["ai", "ky", "ai_ky", "ky_ke", "ke", "hoach"], signer.words) == ["ke", "hoach"]


def test_registering_is_not_signing():
    assert "ky" not in question_cues("Hồ sơ đăng ký hộ kinh doanh gồm những giấy tờ gì?").words
    assert "ky" not in question_cues("Ai đăng ký thành lập hộ kinh doanh?").words
    assert "ky" in question_cues("ai ky quyet dinh 2929/qd-ubnd").words  # typed without accents


# ------------------------------------------------------------- asking nothing but the document: its own articles
def _document(children, chunks):
    from types import SimpleNamespace

    from corpus.model import Node

    nodes = [Node(kind, "", "", start, end) for kind, start, end in children]
    stored = SimpleNamespace(root=Node("document", "", "", 0, children[-1][2], nodes))
    return SimpleNamespace(documents={"d": stored},
                           chunks=[SimpleNamespace(doc_id="d", start=start) for start in chunks])


def test_the_annexes_are_the_appendices_and_what_follows_the_signature():
    from retriever.search import _annex_rows

    # Điều 1–3, recipients, signature, then the annexed list (a "PHỤ LỤC", or tables the parser left as paragraphs)
    annexed = _document([("section", 0, 100), ("recipients", 100, 150), ("signature", 150, 200),
                         ("appendix", 200, 400), ("paragraph", 400, 500)], [0, 120, 160, 250, 450])
    assert _annex_rows(annexed).tolist() == [False, False, False, True, True]
    # a document with no signature block parsed keeps every passage
    assert not _annex_rows(_document([("section", 0, 100), ("paragraph", 100, 200)], [0, 150])).any()


def test_a_question_asking_nothing_but_the_document_reads_its_articles_before_its_annexes(store):  # noqa: F811
    """The annex prints the title again and more of the question's words than "Điều 1. Công bố kèm theo Quyết
    định này 06 thủ tục …"; a question asking nothing beyond the document it names reads the article."""
    from dataclasses import replace

    import numpy as np

    from retriever.search import FUSION, PassageSignals
    from tests.test_document_signal import _searcher

    searcher = _searcher(store)
    bm25, dense = np.array([9.0, 8.5, 1.0]), np.array([0.85, 0.85, 0.80])
    annex = np.array([True, False, False])
    nothing_asked = PassageSignals(bm25, dense, True, 0.0, None, {}, None, annex)
    assert FUSION.annex_penalty > 0
    assert int(np.argmax(searcher.combine(nothing_asked))) == 1
    assert int(np.argmax(searcher.combine(nothing_asked, replace(FUSION, annex_penalty=0.0)))) == 0


def test_taking_effect_from_the_day_of_signing_prints_a_date():
    from retriever.search import passage_types

    assert "date" in passage_types("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.")
    assert "date" in passage_types("Nghị quyết có hiệu lực từ ngày ban hành.")
    assert "date" not in passage_types("Hồ sơ đăng ký gồm tờ khai và giấy tờ kèm theo.")
