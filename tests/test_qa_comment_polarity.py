"""w64: reading the part of a real sentence that answers — the comment after the words the question repeats
(``clauses.topic_end`` and the window feature "comment"), the category noun anchored at its first mention, and
yes/no questions read off the unit that states a negation or restriction (``polarity``).  Real documents of
../shared/realdocs parsed for real (no model, no index); skips without them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from retriever.qa import clauses
from retriever.qa.clauses import (
    WINDOW_FEATURES,
    actor_words,
    anchor_at,
    answer_frame,
    clause_window,
    goal_words,
    hand_window,
    topic_end,
    window_options,
)
from retriever.qa.polarity import has_polarity, is_yes_no, polar_unit, polarity_span
from retriever.qa.question import analyze_question
from retriever.qa.scoring import TermWeights
from retriever.qa.units import UnitIndex

FILES = ("congbao_030.txt", "congbao_032.txt", "congbao_015.txt", "congbao_034.txt", "tvpl_009.txt")


@pytest.fixture(scope="module")
def real(realdocs):
    from corpus import parse_document

    parsed = [parse_document(realdocs / "documents" / name) for name in FILES]
    store = SimpleNamespace(documents={p.record.doc_id: p for p in parsed}, chunks=[c for p in parsed for c in p.chunks],
                            citations=None)
    return SimpleNamespace(store=store, units=UnitIndex(store), terms=TermWeights(store.chunks))


def _unit(real, phrase: str):
    """The unit (and its document's text) printing ``phrase``."""
    for row in range(len(real.store.chunks)):
        for unit in real.units.units_of(row):
            text = real.store.documents[unit.doc_id].text
            if phrase in text[unit.start:unit.end]:
                return unit, text
    raise AssertionError(f"no unit prints {phrase!r}")


ASSESSED = "Ket qua hoc kien thuc, ky nang bo tro cua hoc sinh truong nghe duoc danh gia bang cach nao?"


def test_the_topic_ends_where_the_question_words_are_spent(real):
    """"Việc đánh giá kết quả học tập kiến thức, kỹ năng bổ trợ của học sinh, | sinh viên được thực hiện thông qua
    kết quả kiểm tra cuối mỗi môn học …": every question word is printed before the turn, the answer after it."""
    question = analyze_question(ASSESSED)
    unit, text = _unit(real, "được thực hiện thông qua kết quả kiểm tra")
    weights = real.terms.question_weights(question.text, [])
    turn = topic_end(text, unit.start, unit.end, weights, actor_words(question.text))
    assert turn is not None and unit.start < turn < unit.end
    assert "được thực hiện thông qua kết quả kiểm tra cuối mỗi môn học" in " ".join(text[turn:unit.end].split())
    from retriever.qa.scoring import syllables

    before, after = set(syllables(text[unit.start:turn])), set(syllables(text[turn:unit.end]))
    assert {w for w in weights if w in after} <= before  # nothing the question says is left for the comment


def test_runs_holding_the_comment_are_marked_and_weigh(real, monkeypatch):
    question = analyze_question(ASSESSED)
    unit, text = _unit(real, "được thực hiện thông qua kết quả kiểm tra")
    weights = real.terms.question_weights(question.text, [])
    goal, actors, frame = goal_words(question.text), actor_words(question.text), answer_frame(question.key)
    options = window_options(text, unit.start, unit.end, weights, 150, goal, actors, frame)
    at = WINDOW_FEATURES.index("comment")
    marked = [" ".join(text[s:e].split()) for features, _, s, e in options if features[at]]
    assert marked and all("được thực hiện thông qua" in run for run in marked)
    assert len(marked) < len(options)  # the runs that only restate the question are not marked
    assert hand_window()[at] == clauses._COMMENT_BONUS > 0
    # the same clause read with the comment weighing more than the question's words restated before it
    monkeypatch.setattr(clauses, "_COMMENT_BONUS", 1.0)
    s, e = clause_window(text, unit.start, unit.end, weights, 150, goal=goal, actors=actors, frame=frame)
    assert "kiểm tra cuối mỗi môn học" in " ".join(text[s:e].split())


def test_no_comment_when_the_question_words_run_to_the_end(real):
    question = analyze_question("Thân nhân của người tố cáo gồm những ai?")
    unit, text = _unit(real, "Không được trả thù")
    weights = {w: 1.0 for w in ("tra", "thu", "du", "ap", "loi", "ich", "hop", "phap", "bao", "ve")}
    # "… lợi ích hợp pháp khác từ việc làm của người được bảo vệ.": the last question word is near the end
    assert topic_end(text, unit.start, unit.end, weights, frozenset()) is None
    assert question.yes_no is False


def test_the_category_noun_alone_anchors_at_its_first_mention(real):
    """"b) Có bằng chuyên khoa cấp I trở lên, bằng bác sĩ nội trú, bằng bác sĩ chuyên khoa …" for "… cần có văn
    bằng gì?": the enumeration starts at the first "bằng"."""
    question = analyze_question("Bác sĩ đang làm ở bệnh viện công muốn dạy đồng cơ hữu cho trường cao đẳng y thì "
                                "cần có văn bằng gì?")
    unit, text = _unit(real, "Có bằng chuyên khoa cấp I")
    frame = answer_frame(question.key)
    assert frame[-1] == "bang"
    anchor, stated = anchor_at(text, unit.start, unit.end, frame)
    assert anchor is not None and not stated
    assert text[anchor:].lstrip().startswith("chuyên khoa cấp I")


def test_a_ban_someone_is_under_is_not_the_rules_restriction(real):
    unit, text = _unit(real, "bị Tòa án cấm đảm nhiệm chức")
    assert not has_polarity(text, unit.start, unit.end)
    assert polarity_span(text, unit.start, unit.end, 140) is None
    unit, text = _unit(real, "Không được trả thù")
    start, end = polarity_span(text, unit.start, unit.end, 140)
    assert text[start:end] == "Không được trả thù"


def test_a_yes_no_question_may_name_its_source_last():
    asked = analyze_question("Có đúng là Trung ương còn chủ trương tiếp tục sáp nhập tỉnh, xã nữa không, theo công văn "
                             "của Bộ Nội vụ?")
    assert asked.yes_no
    assert is_yes_no(analyze_question("Cục Hải quan có dùng kết quả này cho doanh nghiệp khác không?").key)
    assert not analyze_question("Theo công văn của Bộ Nội vụ, cơ quan nào không có chủ trương sáp nhập?").yes_no


def test_a_yes_no_question_reads_the_near_unit_stating_the_negation(real):
    """Two sentences of the same official letter: the rumour ("không chính xác về việc tiếp tục … sáp nhập") and
    the statement ("… không có chủ trương tiếp tục thực hiện sắp xếp, sáp nhập …")."""
    rumour, text = _unit(real, "không chính xác về việc tiếp tục")
    statement, _ = _unit(real, "không có chủ trương tiếp tục")
    assert not has_polarity(text, rumour.start, rumour.end) and has_polarity(text, statement.start, statement.end)

    def text_of(cand):
        return real.store.documents[cand.unit.doc_id].text

    first, second = SimpleNamespace(unit=rumour, score=1.193), SimpleNamespace(unit=statement, score=1.187)
    assert polar_unit([first, second], text_of, first, 0.15) is second
    far = SimpleNamespace(unit=statement, score=0.9)
    assert polar_unit([first, far], text_of, first, 0.15) is first  # too far below the best: the best stays
    assert polar_unit([second, first], text_of, second, 0.15) is second  # the chosen unit states it already
    assert polar_unit([first, second], text_of, first, 0.0) is first  # window 0: off


def test_a_tie_goes_to_the_unit_saying_something_new_after_the_frame(real):
    """Two points of one article score alike for "… được dùng để đánh giá gì?": "2. … quy định cụ thể về việc đánh
    giá kết quả học tập kiến thức, kỹ năng bổ trợ …" restates the question after "đánh giá"; "3. … là một trong các
    tiêu chí đánh giá kết quả rèn luyện …" says what is assessed."""
    from retriever.qa.clauses import news_after_frame, telling_unit

    question = analyze_question("Điểm học kỹ năng bổ trợ của học sinh trường nghề được dùng để đánh giá gì?")
    weights = real.terms.question_weights(question.text, [])
    frame = answer_frame(question.key)
    restating, text = _unit(real, "quy định cụ thể về\nviệc đánh giá kết quả học tập")
    telling, _ = _unit(real, "tiêu chí đánh giá kết")
    assert not news_after_frame(text, restating.start, restating.end, frame, weights)
    assert news_after_frame(text, telling.start, telling.end, frame, weights)

    def text_of(cand):
        return real.store.documents[cand.unit.doc_id].text

    first, second = SimpleNamespace(unit=restating, score=1.601), SimpleNamespace(unit=telling, score=1.601)
    assert telling_unit([first, second], text_of, first, frame, weights, 0.01) is second
    assert telling_unit([second, first], text_of, second, frame, weights, 0.01) is second
    lower = SimpleNamespace(unit=telling, score=1.5)
    assert telling_unit([first, lower], text_of, first, frame, weights, 0.01) is first  # no tie: the ranker's stays


def test_yes_no_read_off_the_text_negating_the_asked_phrase():
    """w123: a clause with no "không được/không có …" phrase still answers a yes/no question when it negates the very
    phrase the question asks ("… không tính vào số lượng …" for "… có bị tính vào số lượng … không?"), even though
    the question's "được" falls on another verb; a negation the question prints itself, or the case it supposes
    before "thì", is no answer."""
    text = ("Cán bộ biệt phái vẫn hưởng lương tại cơ quan cũ, không làm thay đổi quyền lợi của cán bộ; cán bộ biệt phái "
            "không tính vào số lượng biên chế được giao cho cơ quan tiếp nhận.")
    asked = "can bo biet phai co bi tinh vao so luong bien che duoc giao cho co quan tiep nhan khong"
    start, end = polarity_span(text, 0, len(text), 140, frozenset({"giao", "co", "quan", "tiep", "nhan"}), asked)
    assert text[start:end] == "không tính vào số lượng biên chế được giao cho cơ quan tiếp nhận"
    assert polarity_span(text, 0, len(text), 140, frozenset({"giao"})) is None  # without the question's words
    supposed = "can bo khong tinh vao so luong bien che thi co duoc giao viec khong"
    assert polarity_span(text, 0, len(text), 140, frozenset({"giao", "viec"}), supposed) is None


def test_a_unit_stating_the_asked_value_is_kept_over_a_tie_saying_more_after_the_frame():
    """w123: an article whose heading restates the question ("Thời hạn lưu trữ hồ sơ") and whose sentence states the
    value of the asked noun ("Thời hạn lưu trữ hồ sơ … là 10 năm") answers "… được lưu trữ trong thời hạn nào?",
    even though another unit scoring alike prints something new right after "thời hạn"."""
    from retriever.qa.clauses import states_value, telling_unit

    text = ("Thời hạn lưu trữ hồ sơ\nThời hạn lưu trữ hồ sơ đăng ký tại cơ quan cấp xã là 10 năm.\n"
            "Hồ sơ được lưu trữ theo thời hạn ghi trong danh mục hồ sơ của cơ quan, trừ trường hợp khác.")
    frame = answer_frame(analyze_question("Hồ sơ đăng ký được lưu trữ trong thời hạn nào?").key)
    split = text.index("Hồ sơ được")
    stating, other = SimpleNamespace(start=0, end=split - 1), SimpleNamespace(start=split, end=len(text))
    assert states_value(text, stating.start, stating.end, frame)
    assert not states_value(text, 0, text.index("\n"), frame)  # the heading alone restates, states nothing
    assert not states_value(text, other.start, other.end, frame)
    first = SimpleNamespace(unit=SimpleNamespace(doc_id="d", **vars(stating)), score=1.60)
    second = SimpleNamespace(unit=SimpleNamespace(doc_id="d", **vars(other)), score=1.60)
    weights = {"ho": 0.5, "so": 0.5, "dang": 1.0, "ky": 1.0, "luu": 2.0, "tru": 2.0, "thoi": 0.5, "han": 1.0}
    assert telling_unit([first, second], lambda cand: text, first, frame, weights, 0.01) is first


def test_a_long_part_without_commas_is_read_after_the_question_frame(monkeypatch):
    """w123: a sentence part longer than the answer limit was offered only by its head and its tail; what the text
    prints right after the question's frame in its middle ("… từ nguồn ngân sách tỉnh năm 2026 …" for "… từ nguồn
    nào?") is a run of its own (clauses._anchor_run)."""
    from retriever.qa import clauses
    from retriever.qa.clauses import clause_window

    text = ("Giao Sở Tài chính chủ trì phối hợp với các cơ quan liên quan tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí "
            "thực hiện kế hoạch này từ nguồn ngân sách tỉnh năm 2026 đã được giao trong dự toán chi thường xuyên của "
            "các sở ngành và địa phương theo phân cấp hiện hành")
    frame = answer_frame(analyze_question("Kinh phí thực hiện kế hoạch được bố trí từ nguồn nào?").key)
    weights = {"kinh": 1.0, "phi": 1.0, "thuc": 0.3, "hien": 0.3, "ke": 0.5, "hoach": 0.5, "bo": 0.3, "tri": 0.3,
               "nguon": 1.0}
    start, end = clause_window(text, 0, len(text), weights, 90, frame=frame)
    assert "từ nguồn ngân sách tỉnh năm 2026" in text[start:end]
    monkeypatch.setattr(clauses, "ANCHOR_RUNS", False)
    start, end = clause_window(text, 0, len(text), weights, 90, frame=frame)
    assert "ngân sách tỉnh" not in text[start:end]  # head and tail only: the source is read by neither
