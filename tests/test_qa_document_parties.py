"""Who a document is sent to and who executes it, read the way a clerk reads the page: the addressee block of a
letter ("Kính gửi:") or a telegram ("THỦ TƯỚNG CHÍNH PHỦ điện:") and the final article ("… chịu trách nhiệm thi hành
Quyết định này"). Real legal-database pages parsed for real (no index, no model); skips without them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from corpus.vietnamese import match_key
from retriever.qa.question import analyze_question
from retriever.qa.quotes import QuoteMaker
from retriever.qa.records import (
    DocumentRoute,
    asked_addressees,
    read_addressees,
    read_executors,
)
from retriever.qa.settings import QA
from retriever.qa.units import UnitIndex

FILES = ("tvpl_049.txt", "tvpl_102.txt", "tvpl_134.txt", "tvpl_145.txt", "tvpl_200.txt", "tvpl_001.txt")


@pytest.fixture(scope="module")
def real(realdocs):
    from corpus import parse_document

    parsed = [parse_document(realdocs / "documents" / name) for name in FILES]
    store = SimpleNamespace(documents={p.record.doc_id: p for p in parsed}, chunks=[c for p in parsed for c in p.chunks],
                            citations=None)
    units = UnitIndex(store)
    route = DocumentRoute(store, units, QuoteMaker(store, units), QA)
    return SimpleNamespace(store=store, route=route, text={p.record.source: p.text for p in parsed})


def _verbatim(real, answer):
    assert answer is not None and answer.route == "record" and answer.quotes
    for quote in answer.quotes:
        assert real.store.documents[quote.doc_id].text[quote.start:quote.end] == quote.text and quote.citation


def test_telegram_addressees_are_the_items_after_its_lead(real):
    text = real.text["tvpl_134.txt"]
    _, items = read_addressees(text)
    shown = [" ".join(text[s:e].split()) for s, e in items]
    assert shown[0].startswith("Các Cục: Đường bộ Việt Nam, Đường sắt Việt Nam, Hàng hải và Đường thủy Việt Nam")
    assert shown[-1] == "Sở Xây dựng các tỉnh, thành phố: Gia Lai, Đắk Lắk, Khánh Hòa, Lâm Đồng"
    assert not any("Triển khai" in item for item in shown)  # the body after the block is no addressee


def test_an_item_wrapped_over_lines_stays_one_item(real):
    text = real.text["tvpl_102.txt"]
    _, items = read_addressees(text)
    shown = [" ".join(text[s:e].split()) for s, e in items]
    assert len(shown) == 2
    assert shown[1].startswith("Bí thư Tỉnh ủy, Thành ủy, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố")
    assert shown[1].endswith("Khánh Hòa, Lâm Đồng")


@pytest.mark.parametrize("question, holds, lacks", [
    ("Công điện 96/CĐ-BXD về mưa lũ Trung Bộ gửi tới những Cục nào của Bộ Xây dựng?",
     "Đường bộ Việt Nam, Đường sắt Việt Nam", "Các Cục"),
    ("Công điện 96/CĐ-BXD về khắc phục mưa lũ gửi Sở Xây dựng những tỉnh nào?", "Gia Lai, Đắk Lắk", "Cục"),
    ("Công điện 226/CĐ-TTg về hàng dự trữ quốc gia gửi chủ tịch UBND những tỉnh, thành phố nào?",
     "Hà Tĩnh, Quảng Trị, Huế", "Quốc phòng"),
    ("Công điện 232/CĐ-TTg về thiệt hại nhà ở do mưa lũ được gửi bộ trưởng những bộ nào?",
     "Tài chính, Nông nghiệp và Môi trường", "Đắk Lắk"),
    ("Công văn 5662/CT-CS về thuế nhà thầu được gửi cho những đơn vị nào?",
     "Thuế thành phố Hải Phòng; Công ty BOT TNHH Điện lực Jaks Hải Dương", "Cục Thuế nhận được"),
])
def test_addressees_asked_by_their_noun(real, question, holds, lacks):
    answer = real.route.answer(analyze_question(question))
    _verbatim(real, answer)
    assert holds in answer.answer and lacks not in answer.answer and len(answer.answer) <= 150


@pytest.mark.parametrize("question", [
    "Theo Công văn 5662/CT-CS, doanh nghiệp gửi hồ sơ cho cơ quan nào?",  # a thing sent, not the letter
    "Công văn 5662/CT-CS yêu cầu gửi báo cáo cho những cơ quan nào?",
    "Quyết định 2533/QĐ-UBND do ai ký?",
])
def test_other_questions_are_not_read_as_addressees(question):
    assert asked_addressees(analyze_question(question)) is None


def test_executors_from_the_final_article(real):
    text = real.text["tvpl_200.txt"]
    _start, names, end = read_executors(text)
    assert text[names:end].startswith("Chánh Văn phòng Ủy ban nhân dân thành phố")
    answer = real.route.answer(analyze_question(
        "Những ai chịu trách nhiệm thi hành quyết định công bố TTHC nội bộ lĩnh vực tư pháp của Cần Thơ "
        "(QĐ 2533/QĐ-UBND)?"))
    _verbatim(real, answer)
    assert match_key(answer.answer).startswith("chanh van phong uy ban nhan dan thanh pho")
    assert "Giám đốc Sở Tư pháp" in answer.answer and "thi hành" not in answer.answer


def test_a_number_the_question_prints_names_the_document_before_words_shared_with_an_issuer(real):
    # "… lĩnh vực tư pháp của Cần Thơ (QĐ 2533/QĐ-UBND)": the decision numbered so, whatever issuer "tư pháp" recalls
    subject = real.route.subject(analyze_question(
        "Những ai chịu trách nhiệm thi hành quyết định công bố TTHC nội bộ lĩnh vực tư pháp của Cần Thơ "
        "(QĐ 2533/QĐ-UBND)?"))
    assert subject is not None and real.store.documents[subject.ident].record.number == "2533/QĐ-UBND"


@pytest.fixture(scope="module")
def decree(realdocs):
    from corpus import parse_document

    parsed = parse_document(realdocs / "documents" / "congbao_015.txt")
    store = SimpleNamespace(documents={parsed.record.doc_id: parsed}, chunks=parsed.chunks, citations=None)
    return SimpleNamespace(store=store, units=UnitIndex(store), doc_id=parsed.record.doc_id, text=parsed.text)


def _point(decree, printed: str):
    from retriever.qa.model import Unit

    start = decree.text.index(printed)
    span = decree.units.sentence_at(decree.doc_id, start)
    row = decree.units.chunk_at(decree.doc_id, start)
    return Unit(decree.doc_id, span[0], span[1], row, "", "")


def test_a_point_is_answered_with_the_list_its_heading_names(decree):
    # "3. Cơ quan đăng ký kinh doanh." under "Điều 2. Đối tượng áp dụng": the question asks the whole list
    from retriever.qa.extractors import Context
    from retriever.qa.extractors.lists import ListExtractor, list_heading

    unit = _point(decree, "3. Cơ quan đăng ký kinh doanh.")
    context = Context(decree.store, decree.units, {"doi": 1.0, "tuong": 1.0, "ap": 1.0, "dung": 1.0}, QA)
    heading = list_heading(unit, context)
    assert heading is not None and decree.text[heading[0]:heading[1]].strip() == "Đối tượng áp dụng"
    span = ListExtractor().extract(analyze_question("Nghị định 187/2026/NĐ-CP áp dụng cho những đối tượng nào?"),
                                   unit, context)
    assert span is not None and span.text.startswith("Doanh nghiệp là đối tượng")
    assert "Cơ quan đăng ký kinh doanh" in span.text and len(span.text) <= 150
    assert "sau đây gọi là" not in span.text  # an aside naming a term lists nothing
    assert decree.text[span.quote_start:span.quote_end].startswith("Đối tượng áp dụng")


def test_a_sentence_or_a_sub_heading_is_no_item_of_a_list(decree):
    from retriever.qa.extractors import Context
    from retriever.qa.extractors.lists import list_heading

    context = Context(decree.store, decree.units, {}, QA)
    title = decree.text.index("Đối tượng áp dụng")
    assert list_heading(_point(decree, decree.text[title:title + 17]), context) is None  # the heading itself


@pytest.fixture(scope="module")
def consolidated(realdocs):
    from corpus import parse_document

    parsed = [parse_document(realdocs / "documents" / name) for name in ("congbao_016.txt", "tvpl_097.txt")]
    store = SimpleNamespace(documents={p.record.doc_id: p for p in parsed}, chunks=[c for p in parsed for c in p.chunks],
                            citations=None)
    units = UnitIndex(store)
    return SimpleNamespace(store=store, route=DocumentRoute(store, units, QuoteMaker(store, units), QA),
                           by_source={p.record.source: p.record.doc_id for p in parsed})


def test_a_consolidated_text_speaks_for_the_act_it_consolidates(consolidated):
    doc_id = consolidated.by_source["congbao_016.txt"]
    assert consolidated.route.own_numbers(doc_id) == ("4082/VBHN-BLĐTBXH", "06/2017/TT-BLĐTBXH")
    # its Điều 17 ("… hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực"), not the amending act's article a
    # note quotes after the authentication block ("2. Bãi bỏ khoản 3, khoản 4 Điều 12 Thông tư số 06/2017/…")
    answer = consolidated.route.facts(analyze_question(
        "Thông tư 06/2017/TT-BLĐTBXH về tuyển dụng, bồi dưỡng nhà giáo làm hết hiệu lực những văn bản nào?"), doc_id)
    assert answer is not None and "57/2008/QĐ-BLĐTBXH" in answer.answer and "34/2018" not in answer.answer
    _verbatim(consolidated, answer)


def test_the_consolidated_act_takes_effect_by_its_own_article_not_by_a_note(consolidated):
    doc_id = consolidated.by_source["tvpl_097.txt"]
    answer = consolidated.route.facts(analyze_question(
        "Chế độ đối với quân nhân chống Mỹ dưới 20 năm công tác (QĐ 142/2008/QĐ-TTg) có hiệu lực từ ngày nào?"), doc_id)
    assert answer is not None and answer.answer == "ngày 01 tháng 01 năm 2009"
    # asked about the amending act, its note answers
    answer = consolidated.route.facts(analyze_question("Quyết định 38/2010/QĐ-TTg có hiệu lực từ ngày nào?"), doc_id)
    assert answer is not None and "2010" in answer.answer


def test_parts_a_consolidated_text_marks_repealed(realdocs):
    from corpus import parse_document
    from retriever.qa.records import repealed_marks

    parsed = parse_document(realdocs / "documents" / "congbao_016.txt")
    marks = [(name, note) for _, _, name, note in repealed_marks(parsed.text)]
    assert [name for name, _ in marks] == ["khoản 3 Điều 12", "khoản 4 Điều 12"]  # "3.7 (được bãi bỏ)" under Điều 12
    assert all("28/2022/TT" in note for _, note in marks)  # the note says which act repealed it
    parsed = parse_document(realdocs / "documents" / "congbao_034.txt")
    store = SimpleNamespace(documents={parsed.record.doc_id: parsed}, chunks=parsed.chunks, citations=None)
    units = UnitIndex(store)
    route = DocumentRoute(store, units, QuoteMaker(store, units), QA)
    answer = route.facts(analyze_question("Những điều nào của Thông tư 08/2020/TT-BLĐTBXH đã bị bãi bỏ bởi Thông tư "
                                          "09/2021?"), parsed.record.doc_id)
    assert answer is not None and answer.answer == "Điều 5; Điều 6"
    assert all(parsed.text[q.start:q.end] == q.text for q in answer.quotes)
    other = route.facts(analyze_question("Những điều nào của Thông tư 08/2020/TT-BLĐTBXH bị bãi bỏ bởi Thông tư "
                                         "10/2023/TT-BLĐTBXH?"), parsed.record.doc_id)
    assert other is None or other.answer != "Điều 5; Điều 6"  # no part is marked repealed by that act


def test_an_act_the_question_sets_aside_is_not_the_answer(real):
    # "2. Quyết định này thay thế\nQuyết định số 15/2014/QĐ-UBND …; Quyết\nđịnh số 22/201 /QĐ-UBND …" (misprinted)
    answer = real.route.answer(analyze_question(
        "Ngoài QĐ 15/2014, Quyết định 87/2025/QĐ-UBND của Lai Châu còn thay thế quyết định nào?"))
    _verbatim(real, answer)
    assert answer.answer == "Quyết định số 22/201 /QĐ-UBND"
    answer = real.route.answer(analyze_question("Quyết định 87/2025/QĐ-UBND của Lai Châu thay thế quyết định nào?"))
    assert answer is not None and "15/2014/QĐ-UBND" in answer.answer


def test_the_paper_whose_number_is_asked_by_its_name(realdocs):
    # "Xét đề nghị của Chính phủ tại Tờ trình số347/TTr-CP và Đề án số 348/ĐA-CP …, Báo cáo thẩm tra số 419/BC-…"
    from corpus import parse_document
    from retriever.qa.extractors import Context
    from retriever.qa.extractors.acts import ActExtractor
    from retriever.qa.model import Unit

    parsed = parse_document(realdocs / "documents" / "tvpl_126.txt")
    store = SimpleNamespace(documents={parsed.record.doc_id: parsed}, chunks=parsed.chunks, citations=None)
    units = UnitIndex(store)
    at = parsed.text.index("Báo cáo thẩm tra số")
    start, end = units.sentence_at(parsed.record.doc_id, at)
    unit = Unit(parsed.record.doc_id, start, end, units.chunk_at(parsed.record.doc_id, at), "", "")
    context = Context(store, units, {"bao": 1.0, "cao": 1.0, "tham": 1.0, "tra": 1.0}, QA)
    for question, number in (("Nghị quyết 1661/NQ-UBTVQH15 dựa trên báo cáo thẩm tra số mấy?", "419/BC-UBPLTP15"),
                             ("Nghị quyết 1661/NQ-UBTVQH15 xét đề án số mấy của Chính phủ?", "348/ĐA-CP")):
        span = ActExtractor().extract(analyze_question(question), unit, context)
        assert span is not None and span.text.endswith(number), question


def test_several_legal_bases_are_listed_by_designation(real):
    """A broad "căn cứ vào đâu" whose acts do not fit 150 characters whole: each act by type, name and number."""
    doc_id = next(d for d, p in real.store.documents.items() if p.record.source == "tvpl_200.txt")
    answer = real.route.facts(analyze_question("Quyết định 2533/QĐ-UBND của Cần Thơ căn cứ vào đâu?"), doc_id)
    _verbatim(real, answer)
    acts = answer.answer.split("; ")
    assert len(answer.answer) <= 150 and len(acts) >= 2
    assert "Quyết định số 1085/QĐ-TTg" in acts
    assert not any(" ngày " in act for act in acts)  # the date and title stay in the quotes


def test_addressees_one_per_dashed_line_are_separate_items():
    from retriever.qa.records import read_addressees

    text = ("Kính gửi:\n|\n- Ban Tuyên giáo Trung ương,\n- Bộ Văn hóa, Thể thao và Du lịch,\n- Báo Nhân dân.\n"
            "Thời gian qua, trên mạng xã hội xuất hiện thông tin sai lệch.")
    _, items = read_addressees(text)
    assert [text[s:e] for s, e in items] == ["Ban Tuyên giáo Trung ương", "Bộ Văn hóa, Thể thao và Du lịch",
                                             "Báo Nhân dân"]
    # a category's names still run on past a dash
    text = "Kính gửi:\n- Chủ tịch UBND các tỉnh: Gia Lai,\n- Đắk Lắk và Khánh Hòa;\n- Bộ Y tế.\nThực hiện chỉ đạo"
    _, items = read_addressees(text)
    assert " ".join(text[items[0][0]:items[0][1]].split()) == "Chủ tịch UBND các tỉnh: Gia Lai, - Đắk Lắk và Khánh Hòa"
