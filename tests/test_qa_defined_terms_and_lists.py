"""How a clerk cuts a "what"/"list" answer out of its clause (w119; synthetic sentences, no model, no index):
points repeating their subject, a list noun printed twice apart, the term a definition names."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from retriever.qa.clauses import answer_frame, clause_window
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.lists import ListExtractor, elided, named_items
from retriever.qa.question import QuestionKind, analyze_question
from retriever.qa.scoring import TermWeights
from retriever.qa.settings import QA
from retriever.qa.units import UnitIndex


def _context(tmp_path, body: str):
    from corpus import parse_document

    path = tmp_path / "doc.txt"
    path.write_text("NGHỊ ĐỊNH\nQuy định chi tiết một số điều\n\n" + body, encoding="utf-8")
    parsed = parse_document(path)
    store = SimpleNamespace(documents={parsed.record.doc_id: parsed}, chunks=parsed.chunks, citations=None)
    return store, UnitIndex(store), TermWeights(store.chunks)


def _list_spans(tmp_path, body: str, question: str, settings=QA):
    store, units, terms = _context(tmp_path, body)
    analysis = analyze_question(question)
    assert analysis.kind is QuestionKind.LIST
    context = Context(store, units, terms.question_weights(question, []), settings)
    return [s for row in range(len(store.chunks)) for u in units.units_of(row)
            if (s := ListExtractor().extract(analysis, u, context)) is not None]


# ---- points repeating their subject are named by what tells them apart

def test_points_repeating_their_subject_are_named_by_what_follows_it():
    heads = ["Người đại diện theo pháp luật của công ty, hợp tác xã vắng mặt tại nơi cư trú quá 60 ngày liên tục",
             "Người đại diện theo pháp luật của công ty, hợp tác xã bị tạm giam, bị mất năng lực hành vi dân sự",
             "Người đại diện theo pháp luật của công ty có vốn nhà nước bị cơ quan chủ quản đánh giá không đủ năng lực",
             "Trường hợp khác do Tòa án quyết định"]
    assert elided(heads)[1:] == ["bị tạm giam, bị mất năng lực hành vi dân sự",
                                 "có vốn nhà nước bị cơ quan chủ quản đánh giá không đủ năng lực",
                                 "Trường hợp khác do Tòa án quyết định"]
    shown = named_items(heads)
    assert len(shown) <= 150 and "bị tạm giam" in shown and "có vốn nhà nước" in shown


def test_points_that_fit_whole_keep_their_words():
    heads = ["Bằng khen của Thủ tướng Chính phủ", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Giấy khen"]
    assert named_items(heads) == "; ".join(heads)


def test_listed_points_name_what_tells_them_apart(tmp_path):
    body = ("Điều 3. Trường hợp người đại diện không có khả năng điều hành\n"
            "Người đại diện theo pháp luật của công ty không có khả năng điều hành khi thuộc một trong các trường "
            "hợp sau đây:\n"
            "1. Người đại diện theo pháp luật của công ty, hợp tác xã vắng mặt tại nơi cư trú quá 60 ngày liên tục "
            "mà không ủy quyền cho người khác;\n"
            "2. Người đại diện theo pháp luật của công ty, hợp tác xã bị tạm giam, bị mất năng lực hành vi dân sự, "
            "bị cấm đảm nhiệm chức vụ;\n"
            "3. Người đại diện theo pháp luật của công ty có vốn nhà nước bị cơ quan chủ quản đánh giá không đủ "
            "năng lực điều hành;\n"
            "4. Trường hợp khác do Tòa án quyết định.\n")
    question = "Những trường hợp nào người đại diện theo pháp luật bị coi là không có khả năng điều hành công ty?"
    best = max(_list_spans(tmp_path, body, question), key=lambda s: s.confidence)
    assert "bị tạm giam" in best.text and "có vốn nhà nước" in best.text
    whole = replace(QA, list_elide_shared_openings=False)
    best = max(_list_spans(tmp_path, body, question, whole), key=lambda s: s.confidence)
    assert "bị tạm giam" not in best.text  # without the reading, each point shows only the subject it repeats


# ---- a list noun printed twice apart is no enumeration: the clause is read as a "what" answer, a weaker sign

def test_a_noun_printed_twice_apart_is_read_as_a_clause(tmp_path):
    body = ("Điều 2. Nhiệm vụ\n"
            "- Xây dựng kho dữ liệu số về công trình giao thông quốc gia, áp dụng mô hình số bắt buộc đối với các "
            "công trình cấp I trở lên của các dự án sử dụng vốn đầu tư công bắt đầu chuẩn bị dự án.\n")
    question = "Mô hình số sẽ bắt buộc áp dụng với những công trình nào?"
    spans = _list_spans(tmp_path, body, question)
    assert [s.text for s in spans if "cấp I trở lên" in s.text]
    assert not [s for s in spans if s.text.startswith("Xây dựng kho dữ liệu")]
    as_list = replace(QA, list_lone_mention_as_clause=False)
    assert [s for s in _list_spans(tmp_path, body, question, as_list) if s.text.startswith("Xây dựng kho dữ liệu")]


def test_a_noun_printed_twice_apart_weighs_less_than_its_enumeration(tmp_path):
    body = ("Điều 2. Nội dung bổ trợ\n"
            "1. Học sinh được bổ trợ kỹ năng theo chương trình đào tạo; tùy nhu cầu của học sinh, nhà trường bổ trợ "
            "thêm kỹ năng khác.\n"
            "2. Lồng ghép kỹ năng giao tiếp, kỹ năng làm việc nhóm, kỹ năng thuyết trình vào từng môn học.\n")
    question = "Học sinh được bổ trợ những kỹ năng nào?"
    best = max(_list_spans(tmp_path, body, question), key=lambda s: s.confidence)
    assert best.text.startswith("kỹ năng giao tiếp")
    unpenalized = replace(QA, list_lone_mention_penalty=0.0)
    best = max(_list_spans(tmp_path, body, question, unpenalized), key=lambda s: s.confidence)
    assert not best.text.startswith("kỹ năng giao tiếp")  # the sentence printing the question's words would win


# ---- asked what a described thing is called, a clerk answers with the term the text defines

_DEFINITION = ("Đơn vị tương đương là đơn vị hành chính có vị trí, chức năng, nhiệm vụ như đơn vị hành chính quy định "
               "tại khoản 1 Điều 2 Nghị định này nhưng có tên gọi khác và được thành lập theo quy định của pháp luật.")


def test_asked_what_a_thing_is_called_the_defined_term_answers():
    frame = answer_frame("don vi co chuc nang nhu don vi hanh chinh nhung ten khac thi nghi dinh goi la gi")
    assert clause_window(_DEFINITION, 0, len(_DEFINITION), {"don": 1.0, "vi": 1.0, "ten": 1.0}, 150,
                         frame=frame) == (0, len("Đơn vị tương đương"))


def test_asked_an_abbreviation_the_letters_in_parentheses_answer():
    text = ("Bộ công cụ thiết kế theo công nghệ chế tạo của nhà máy sản xuất vi mạch (PDKs) Là bộ các quy tắc, dữ "
            "liệu và mô hình do nhà máy cung cấp để các công ty thiết kế bảo đảm khả năng sản xuất của bản thiết kế")
    s, e = clause_window(text, 0, len(text), {"quy": 1.0, "tac": 1.0, "thiet": 1.0, "ke": 1.0}, 150,
                         frame=answer_frame("bo quy tac do nha may cung cap duoc viet tat la gi"))
    assert text[s:e] == "PDKs"


def test_the_name_an_aside_gives_answers_before_the_opening_words():
    text = ("Đơn vị sự nghiệp công lập thuộc Bộ tự bảo đảm chi thường xuyên (sau đây gọi là đơn vị nhóm 2) thực hiện "
            "cơ chế tự chủ theo quy định của Chính phủ về cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập.")
    s, e = clause_window(text, 0, len(text), {"tu": 1.0, "bao": 1.0, "dam": 1.0}, 150,
                         frame=answer_frame("don vi tu bao dam chi thuong xuyen duoc goi la gi"))
    assert text[s:e] == "đơn vị nhóm 2"


def test_a_question_asking_the_definition_is_not_answered_by_the_term():
    frame = answer_frame("don vi tuong duong co chuc nang nhu the nao")
    s, e = clause_window(_DEFINITION, 0, len(_DEFINITION), {"tuong": 1.0, "duong": 1.0, "chuc": 1.0}, 150,
                         frame=frame)
    assert _DEFINITION[s:e] != "Đơn vị tương đương"
