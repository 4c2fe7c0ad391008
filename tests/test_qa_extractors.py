"""Per-kind behaviour of retriever.qa on small synthetic documents (real parsing, no model, no index).

Each test writes a short administrative text, parses it with the real corpus pipeline and
asks one extractor (or the record route) for its answer: the behaviours, not thresholds.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from corpus.vietnamese import match_key
from retriever.qa.extractors import FALLBACK, agency_spans, default_extractors
from retriever.qa.extractors.base import Context
from retriever.qa.question import analyze_question, detect_kind
from retriever.qa.quotes import QuoteMaker
from retriever.qa.records import DocumentRoute
from retriever.qa.scoring import TermWeights
from retriever.qa.settings import QA
from retriever.qa.units import UnitIndex, sentence_spans

HEADER = """ỦY BAN NHÂN DÂN
TỈNH AN BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 45/2025/QĐ-UBND
An Bình, ngày 20 tháng 11 năm 2025

QUYẾT ĐỊNH
Ban hành Quy định về hỗ trợ nhân viên y tế thôn bản

ỦY BAN NHÂN DÂN TỈNH AN BÌNH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;
Căn cứ Nghị định số 24/2023/NĐ-CP ngày 14 tháng 5 năm 2023 của Chính phủ;
Theo đề nghị của Giám đốc Sở Y tế.

QUYẾT ĐỊNH:
"""
FOOTER = """
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Minh Khoa
"""


def parsed_units(tmp_path, text: str, name: str = "plan.txt"):
    """``text`` written as a document, parsed for real, with what extractors read: (store, units, terms, text)."""
    from corpus import parse_document

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    parsed = parse_document(path)
    store = SimpleNamespace(documents={parsed.record.doc_id: parsed}, chunks=parsed.chunks, citations=None)
    return store, UnitIndex(store), TermWeights(parsed.chunks), parsed.text


def extract_in_unit(tmp_path, text: str, question: str, holding: str, extractor, name: str = "plan.txt"):
    """``extractor``'s span for ``question`` in the first unit of document ``text`` that prints ``holding``
    (whitespace collapsed on both sides)."""
    store, units, terms, parsed = parsed_units(tmp_path, text, name)
    context = Context(store, units, terms.question_weights(question, []), QA)
    wanted = " ".join(holding.split())
    unit = next(u for row in range(len(store.chunks)) for u in units.units_of(row)
                if wanted in " ".join(parsed[u.start:u.end].split()))
    return extractor.extract(analyze_question(question), unit, context)


class Corpus:
    """One synthetic document, parsed for real, with the QA parts built over it."""

    def __init__(self, tmp_path, body: str, name: str = "synthetic.txt"):
        path = tmp_path / name
        path.write_text(HEADER + body + FOOTER, encoding="utf-8")
        self._load(path)

    def _load(self, path) -> None:
        """Parse ``path`` and build the QA parts over it."""
        from corpus import parse_document

        parsed = parse_document(path)
        self.doc_id = parsed.record.doc_id
        self.store = SimpleNamespace(documents={parsed.record.doc_id: parsed}, chunks=parsed.chunks, citations=None)
        self.units = UnitIndex(self.store)
        self.terms = TermWeights(self.store.chunks)
        self.text = parsed.text

    def extract(self, question: str):
        """The best span of the question's kind over every unit of the document."""
        analysis = analyze_question(question)
        context = Context(self.store, self.units, self.terms.question_weights(question, []), QA)
        spans = []
        for kind in (analysis.kind, FALLBACK.get(analysis.kind)):  # as the answerer: the plainer kind next
            extractor = default_extractors().get(kind)
            if extractor is not None and not spans:
                spans = [s for row in range(len(self.store.chunks)) for u in self.units.units_of(row)
                         if (s := extractor.extract(analysis, u, context)) is not None]
        assert spans, f"no {analysis.kind.value} answer for {question!r}"
        best = max(spans, key=lambda s: s.confidence)
        return best

    def route(self):
        return DocumentRoute(self.store, self.units, QuoteMaker(self.store, self.units), QA)


@pytest.mark.parametrize("question, kind", [
    ("Quyết định này có hiệu lực từ ngày nào?", "effective_date"),
    ("Quyết định 45/2025/QĐ-UBND bãi bỏ văn bản nào?", "repeals"),
    ("Thông tư này thay thế thông tư nào?", "repeals"),
    ("Sở Y tế thẩm định hồ sơ trong thời hạn bao lâu?", "deadline"),
    ("Phải gửi báo cáo trước ngày nào?", "deadline"),
    ("Mức hỗ trợ nhân viên y tế thôn bản là bao nhiêu?", "amount"),
    ("Hồ sơ đề nghị gồm những gì?", "list"),
    ("Những bộ nào phối hợp với Bộ Y tế?", "agencies"),
    ("Ai ký quyết định 45/2025/QĐ-UBND?", "signer"),
    ("Quyết định được ban hành căn cứ luật nào?", "legal_basis"),
    ("Sở nào chủ trì y tế trường học?", "agency"),
    ("so nao chu tri y te truong hoc", "agency"),
    ("Tỷ lệ tham gia BHYT năm 2030 đạt bao nhiêu?", "number"),
    ("Văn bản nào hết hiệu lực khi quyết định này có hiệu lực?", "repeals"),
])
def test_question_kinds(question, kind):
    assert detect_kind(question).value == kind


def test_question_details():
    analysis = analyze_question("Mục tiêu năm 2030 tỷ lệ tiêm chủng đạt bao nhiêu phần trăm?")
    assert analysis.target_years == ("2030",) and analysis.wants_percent
    assert analyze_question("ty le tiem chung").accentless
    assert analyze_question("Quyết định này có hiệu lực khi nào?").self_reference


def test_sentences_join_wrapped_lines():
    text = "Sở Y tế chủ trì, phối hợp với Sở Tài chính thẩm định hồ sơ của\ncác cơ sở khám bệnh.\na) Điểm một;\nb) Điểm hai."
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans[0].endswith("cơ sở khám bệnh.") and "\n" in spans[0]
    assert spans[1:] == ["a) Điểm một;", "b) Điểm hai."]


def test_agency_names_are_whole_never_fragments():
    names = [n for _, _, n in agency_spans(
        "Giao UBND ngày 05/01 báo cáo. Bộ trưởng Bộ Y tế chủ trì; Hội đồng thẩm định họp; Ban hành kèm theo. "
        "Công an tỉnh phối hợp với Sở Giáo dục và Đào tạo, UBND tỉnh An Bình.")]
    assert names == ["Bộ Y tế", "Công an tỉnh", "Sở Giáo dục và Đào tạo", "UBND tỉnh An Bình"]


def test_effective_date_is_the_printed_date_not_the_signing_date(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Ban hành kèm theo Quyết định này Quy định hỗ trợ.\n"
                              "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2026.\n")
    span = corpus.extract("Quyết định này có hiệu lực từ ngày nào?")
    assert span.text == "ngày 01 tháng 01 năm 2026"
    assert "20 tháng 11" not in span.text


def test_effective_from_signing_gives_the_signing_date(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Ban hành kèm theo Quyết định này Quy định hỗ trợ.\n"
                              "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n")
    span = corpus.extract("Quyết định này có hiệu lực từ ngày nào?")
    assert "ngày ký" in span.text and "20 tháng 11 năm 2025" in span.text
    (start, end), = span.also_quote  # the date line is quoted as well
    assert corpus.text[start:end] == "ngày 20 tháng 11 năm 2025"


def test_an_other_acts_effective_date_loses(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Thông tư số 12/2019/TT-BYT có hiệu lực kể từ ngày 01 tháng 3 năm 2019.\n"
                              "Điều 2. Quyết định này có hiệu lực kể từ ngày 10 tháng 12 năm 2025.\n")
    assert corpus.extract("Quyết định này có hiệu lực từ ngày nào?").text == "ngày 10 tháng 12 năm 2025"


def test_repeals_names_the_replaced_act(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số "
                              "12/2020/QĐ-UBND ngày 05/3/2020 của UBND tỉnh An Bình.\n")
    span = corpus.extract("Quyết định này thay thế quyết định nào?")
    assert "12/2020/QĐ-UBND" in span.text and "45/2025" not in span.text


def test_deadline_duration(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Trong thời hạn 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Y tế "
                              "có trách nhiệm thẩm định và trình phê duyệt.\n")
    span = corpus.extract("Sở Y tế thẩm định hồ sơ trong thời hạn bao lâu?")
    assert span.text.startswith("15 ngày làm việc")


def test_deadline_due_date(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Các huyện tổng hợp, gửi báo cáo về Sở Y tế trước ngày 15/12/2025 để tổng hợp.\n")
    assert "15/12/2025" in corpus.extract("Các huyện phải gửi báo cáo về Sở Y tế trước ngày nào?").text


def test_amount_keeps_its_unit(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Nhân viên y tế thôn bản được hưởng mức hỗ trợ hằng tháng là "
                              "500.000 đồng/người/tháng, kể từ năm 2026.\n")
    assert corpus.extract("Mức hỗ trợ hằng tháng cho nhân viên y tế thôn bản là bao nhiêu?").text == \
        "500.000 đồng/người/tháng"


def test_figure_tied_to_the_year_asked(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Phấn đấu năm 2025 tỷ lệ tiêm chủng đầy đủ đạt 90%; đến năm 2030 tỷ lệ "
                              "tiêm chủng đầy đủ đạt 98%.\n")
    assert corpus.extract("Năm 2030 tỷ lệ tiêm chủng đầy đủ đạt bao nhiêu phần trăm?").text == "98%"
    assert corpus.extract("Năm 2025 tỷ lệ tiêm chủng đầy đủ đạt bao nhiêu phần trăm?").text == "90%"


def test_list_items_after_the_colon(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Hồ sơ đề nghị hỗ trợ gồm: đơn đề nghị, bản sao quyết định công nhận và "
                              "danh sách nhân viên y tế thôn bản.\n")
    span = corpus.extract("Hồ sơ đề nghị hỗ trợ gồm những gì?")
    assert span.text.startswith("đơn đề nghị") and "danh sách" in span.text


def test_list_items_as_points_quote_the_lead_too(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Hồ sơ đề nghị hỗ trợ gồm:\na) Đơn đề nghị của nhân viên;\n"
                              "b) Bản sao quyết định công nhận;\nc) Danh sách trích ngang.\n")
    span = corpus.extract("Hồ sơ đề nghị hỗ trợ gồm những gì?")
    assert "Đơn đề nghị" in span.text and "Bản sao" in span.text
    quoted = corpus.text[span.quote_start:span.quote_end]
    assert quoted.startswith("Điều 1. Hồ sơ") or "Hồ sơ đề nghị hỗ trợ gồm:" in quoted
    assert quoted.rstrip().endswith("Danh sách trích ngang.")


def test_several_agencies(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Bộ Y tế chủ trì, phối hợp với Bộ Tài chính, Bộ Nội vụ hướng dẫn thực hiện "
                              "chế độ hỗ trợ.\n")
    span = corpus.extract("Những bộ nào phối hợp với Bộ Y tế hướng dẫn thực hiện chế độ hỗ trợ?")
    assert "Bộ Tài chính" in span.text and "Bộ Nội vụ" in span.text


def test_agency_identified_by_its_task(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Sở Tài chính bố trí kinh phí thực hiện; Sở Nội vụ thẩm định số lượng "
                              "nhân viên y tế thôn bản; Sở Y tế hướng dẫn chuyên môn.\n")
    assert corpus.extract("Cơ quan nào thẩm định số lượng nhân viên y tế thôn bản?").text == "Sở Nội vụ"
    assert corpus.extract("Cơ quan nào bố trí kinh phí thực hiện?").text == "Sở Tài chính"


def test_signer_comes_from_the_signature_block(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Ông Nguyễn Văn Bình, Giám đốc Sở Y tế, chịu trách nhiệm thi hành.\n")
    answer = corpus.route().facts(analyze_question("Ai ký quyết định này?"), corpus.doc_id)
    assert answer is not None and answer.answer == "Trần Minh Khoa"
    quote = answer.quotes[0]
    assert corpus.text[quote.start:quote.end] == quote.text and "Trần Minh Khoa" in quote.text


def test_legal_basis_from_the_preamble(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Ban hành kèm theo Quyết định này Quy định hỗ trợ.\n")
    answer = corpus.route().facts(analyze_question("Quyết định này được ban hành căn cứ nghị định nào?"), corpus.doc_id)
    assert answer is not None and "24/2023/NĐ-CP" in answer.answer
    assert "Luật Tổ chức" not in answer.answer  # the type asked for
    answer = corpus.route().facts(analyze_question("Quyết định này căn cứ luật nào?"), corpus.doc_id)
    assert match_key(answer.answer).startswith("luat to chuc chinh quyen dia phuong")


# ---------------------------------------------------------------- real-document reading (issue 12, second pass)

def test_wrapped_lines_of_running_text_are_one_sentence():
    # page-width wrapping: the next line starts with a capital (an act's name) but the sentence goes on
    text = ("1. Thông tư này có hiệu lực kể từ ngày 13 tháng 10 năm 2025 và thay thế\n"
            "Thông tư 57/2019/TT-BCA ngày 11 tháng 11 năm 2019 của Bộ Công an.\n"
            "2. Điều khoản chuyển tiếp.")
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans[0].startswith("1. Thông tư này") and spans[0].endswith("của Bộ Công an.")
    assert spans[1] == "2. Điều khoản chuyển tiếp."


def test_agency_names_over_wrapped_lines_lexicon_names_and_people():
    names = [n for _, _, n in agency_spans(
        "Theo đề nghị của Bộ Công\nan tại văn bản số 661. Chủ trì, phối hợp với các bộ, Viện kiểm sát nhân dân\n"
        "tối cao thực hiện. Phó Thủ tướng Chính phủ Nguyễn Hòa Bình chủ trì. Sở Văn hóa, Thể thao và Du lịch phối hợp.")]
    assert names == ["Bộ Công an", "Viện kiểm sát nhân dân tối cao", "Thủ tướng Chính phủ",
                     "Sở Văn hóa, Thể thao và Du lịch"]


def test_agency_names_with_lower_case_words_inside():
    names = [n for _, _, n in agency_spans(
        "Văn phòng Ủy ban nhân dân tỉnh có trách nhiệm hướng dẫn; Trung tâm Phục vụ hành chính công tỉnh An Bình "
        "tiếp nhận hồ sơ; phòng Tài chính và Kế hoạch quận hướng dẫn mua sắm; Sở Y tế tổng hợp báo cáo tình hình.")]
    assert names == ["Văn phòng Ủy ban nhân dân tỉnh", "Trung tâm Phục vụ hành chính công tỉnh An Bình",
                     "phòng Tài chính và Kế hoạch quận", "Sở Y tế"]


def test_repeals_listed_in_the_points_below(tmp_path):
    corpus = Corpus(tmp_path, "Điều 5. Hiệu lực thi hành\n1. Quyết định này có hiệu lực kể từ ngày 01 tháng 01 năm 2026.\n"
                              "2. Các quyết định sau hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành:\n"
                              "a) Quyết định số 12/2015/QĐ-UBND ngày 05 tháng 3 năm 2015 của UBND tỉnh An Bình;\n"
                              "b) Quyết định số 08/2021/QĐ-UBND ngày 10 tháng 6 năm 2021 của UBND tỉnh An Bình.\n"
                              "3. Khi các văn bản dẫn chiếu được thay thế hoặc sửa đổi thì áp dụng văn bản mới.\n")
    span = corpus.extract("Khi Quyết định này có hiệu lực thì những quyết định nào hết hiệu lực?")
    assert "12/2015/QĐ-UBND" in span.text and "08/2021/QĐ-UBND" in span.text


def test_agencies_listed_under_one_head(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Gửi: - Bộ trưởng các Bộ: Tài chính, Quốc phòng, Công an, Y tế;\n"
                              "- Chủ tịch Ủy ban nhân dân tỉnh An Bình.\n")
    span = corpus.extract("Văn bản được gửi bộ trưởng những bộ nào?")
    assert span.text == "Tài chính, Quốc phòng, Công an, Y tế"


def test_figure_after_the_label_the_question_names(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. a) Người tốt nghiệp đại học được hưởng mức phụ cấp theo hệ số 2,34 so với "
                              "mức lương cơ sở nhân 1,5 lần;\n")
    assert corpus.extract("Người tốt nghiệp đại học được hưởng phụ cấp theo hệ số bao nhiêu?").text == "2,34"


def test_figure_of_its_own_clause_and_spelled_out_count(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Mỗi đơn vị xã được bố trí bình quân không quá 03 (ba) nhân viên thú y; "
                              "mỗi đơn vị phường được bố trí bình quân không quá 02 (hai) nhân viên thú y.\n")
    span = corpus.extract("Mỗi đơn vị xã được bố trí tối đa mấy nhân viên thú y?")
    assert "03 (ba) nhân viên" in span.text and "02" not in span.text


def test_rank_is_not_a_quantity_unless_asked(tmp_path):
    corpus = Corpus(tmp_path, "Điều 4. Dự thảo được trình Quốc hội thông qua tại Kỳ họp thứ 10 với 25 điều.\n")
    assert corpus.extract("Dự thảo được thông qua tại kỳ họp thứ mấy?").text == "Kỳ họp thứ 10"  # with its noun
    assert corpus.extract("Dự thảo có bao nhiêu điều?").text.startswith("25")


def test_deadline_is_not_the_documents_own_date(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Các huyện gửi báo cáo về Sở Y tế trước 17 giờ ngày 27/11/2025 để tổng hợp; "
                              "Luật Tổ chức chính quyền địa phương ngày 19/02/2025 được áp dụng.\n")
    span = corpus.extract("Các huyện phải gửi báo cáo trước thời điểm nào?")
    assert "17 giờ ngày 27/11/2025" in span.text


def test_time_of_day_for_what_time(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Không cử nhạc tang trước 06 giờ sáng và sau 22 giờ đêm; ngày 19/11/2025 "
                              "áp dụng.\n")
    assert corpus.extract("Không cử nhạc tang trước mấy giờ sáng?").text == "06 giờ sáng"


def test_duration_not_more_than(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Người qua đời được chôn cất trong vòng 48 giờ (nếu qua đời do bệnh truyền "
                              "nhiễm thì không để quá 24 giờ).\n")
    assert corpus.extract("Người chết do bệnh truyền nhiễm phải chôn cất trong bao lâu?").text.startswith("24 giờ")


def test_lead_agency_and_cooperating_list_with_unnamed_bodies(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Phòng Y tế chủ trì, phối hợp với Ban Tổ chức - Nội vụ và các đơn vị liên quan, "
                              "UBND các phường tham mưu khen thưởng tập thể, cá nhân có thành tích.\n")
    assert corpus.extract("Ai chủ trì tham mưu khen thưởng tập thể, cá nhân có thành tích?").text == "Phòng Y tế"


def test_issuer_named_document_with_date_is_resolved(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Ban hành kèm theo Quyết định này Quy định hỗ trợ nhân viên y tế thôn bản.\n")
    route = corpus.route()
    subject = route.subject(analyze_question(
        "Ai ký quyết định hỗ trợ nhân viên y tế thôn bản của UBND tỉnh An Bình ngày 20/11/2025?"))
    assert subject is not None and subject.ident == corpus.doc_id


def test_list_lead_naming_the_asked_noun_wins(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Các huyện thống kê, báo cáo thiệt hại gửi các cơ quan sau:\n"
                              "- Chủ tịch Ủy ban nhân dân tỉnh An Bình;\n- Giám đốc Sở Y tế.\n"
                              "Điều 3. Báo cáo về một số nội dung sau:\n"
                              "(1) Số hộ dân có nhà bị sập, đổ, trôi;\n(2) Số hộ dân có nhà bị hư hỏng nặng.\n")
    span = corpus.extract("Các huyện phải thống kê, báo cáo thiệt hại những nội dung gì?")
    assert "nhà bị sập" in span.text and "Chủ tịch" not in span.text


def test_list_without_lead_when_each_item_repeats_the_noun(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Thí điểm áp dụng cho dự án casino Phú Quốc, dự án casino Vân Đồn và dự án "
                              "casino Hồ Tràm.\n")
    span = corpus.extract("Việc thí điểm áp dụng cho những dự án casino nào?")
    assert "Phú Quốc" in span.text and "Hồ Tràm" in span.text


def test_due_date_in_bold_markup(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Các bộ, ngành tổng hợp đề xuất và gửi về Bộ Nội vụ trước ngày **26/11/2025 **để "
                              "tổng hợp.\n")
    assert "26/11/2025" in corpus.extract("Các bộ, ngành phải gửi đề xuất về Bộ Nội vụ trước ngày nào?").text


def test_act_number_question_is_not_an_agency_question():
    # "số nào" and "Sở nào" fold to the same letters
    assert detect_kind("Cục Thuế dẫn lại công văn số nào đã ban hành trước đó?").value == "document"
    assert detect_kind("Sở nào chủ trì y tế trường học?").value == "agency"


def test_sentence_crossing_a_passage_boundary_is_read_whole(tmp_path):
    from dataclasses import replace

    body = ("Điều 2. Các bộ, ngành tổng hợp đề xuất biên chế theo biểu mẫu gửi kèm và gửi về Bộ Nội vụ "
            "trước ngày 26/11/2025 để tổng hợp.\n")
    corpus = Corpus(tmp_path, body)
    at = corpus.text.index("gửi về Bộ Nội vụ")
    first = next(c for c in corpus.store.chunks if c.start <= at < c.end)
    # cut the passage inside the sentence, as the chunker may do on a long article
    head, tail = replace(first, end=at), replace(first, start=at, chunk_id=first.chunk_id + "b")
    store = SimpleNamespace(documents=corpus.store.documents, chunks=[head, tail], citations=None)
    units = UnitIndex(store)
    head_units, tail_units = ([corpus.text[u.start:u.end] for u in units.units_of(row)] for row in (0, 1))
    whole = "Các bộ, ngành tổng hợp"
    assert any(t.startswith(whole) and "26/11/2025" in t for t in head_units)  # not cut at the passage end
    assert any(t.startswith(whole) and "26/11/2025" in t for t in tail_units)  # the sentence it starts inside of
