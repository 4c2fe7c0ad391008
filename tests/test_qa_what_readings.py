"""w55: spans read inside the chosen unit for "what"/"list" questions — the points a heading the question restates
heads, the items the question's own verb "gồm" leads, the runs of a long clause as features (hand or fitted
weights), and "số nào" read as a number, not "Sở nào" (synthetic documents parsed for real; no model, no index)."""

from __future__ import annotations

import pytest
from test_qa_extractors import parsed_units

from retriever.qa.clauses import (
    WINDOW_FEATURES,
    clause_window,
    hand_window,
    window_options,
)
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.lists import ListExtractor, verb_leads_items
from retriever.qa.question import QuestionKind, analyze_question, detect_kind
from retriever.qa.settings import QA


def _parsed(tmp_path, body: str):
    return parsed_units(tmp_path, "KẾ HOẠCH\nTổ chức đợt thi đua cao điểm\n\nI. NỘI DUNG\n" + body)


def _unit_at(store, units, text, opening: str):
    for row in range(len(store.chunks)):
        for unit in units.units_of(row):
            if text[unit.start:unit.end].lstrip("*").lstrip().startswith(opening):
                return unit
    raise AssertionError(f"no unit opens with {opening!r}")


@pytest.mark.parametrize("body, heading, question, expected", [
    # a lettered heading in bold, its points after a blank line
    (("**a) Hình thức khen thưởng**\n\n- Huân chương Lao động;\n\n- Bằng khen của Thủ tướng Chính phủ;\n\n"
     "- Giấy khen.\n\n**b) Tiêu chuẩn khen thưởng**\n\nCác cơ quan căn cứ thành tích để xét khen thưởng.\n"),
     "a) Hình thức khen thưởng", "Đợt thi đua có những hình thức khen thưởng nào?",
     "Huân chương Lao động; Bằng khen của Thủ tướng Chính phủ; Giấy khen"),
    # a numbered heading over two lines, lettered points under it
    (("3. Thông tin về thi tuyển chức\ndanh lãnh đạo, quản lý; tuyển dụng công chức, viên chức\n\n"
     "a) Đề thi chính thức, đáp án đề thi chính thức chưa công khai theo quy chế thi.\n\n"
     "b) Kết quả chấm thi chưa công bố.\n"),
     "3. Thông tin về thi tuyển", "Những thông tin gì về tuyển dụng công chức, viên chức được bảo vệ?",
     # each item by its head, cut at a word
     "Đề thi chính thức, đáp án đề thi chính thức chưa công khai; Kết quả chấm thi chưa công bố"),
    # a numbered heading whose points restart at "1.": they are its items, "11." is its sibling
    (("**10. Khuyến khích các hoạt động sau trong tổ chức việc tang**\n\n1. Không rắc vàng mã trên đường.\n\n"
     "2. Sử dụng băng, đĩa nhạc thay cho kèn trống.\n\n**11. Các hành vi bị cấm**\n\nTổ chức cờ bạc.\n"),
     "10. Khuyến khích", "Lai Châu khuyến khích những gì trong tổ chức việc tang?",
     "Không rắc vàng mã trên đường; Sử dụng băng, đĩa nhạc thay cho kèn trống"),
])
def test_a_heading_the_question_restates_is_answered_by_its_points(tmp_path, body, heading, question, expected):
    store, units, terms, text = _parsed(tmp_path, body)
    unit = _unit_at(store, units, text, heading)
    context = Context(store, units, terms.question_weights(question, []), QA)
    span = ListExtractor().heading_items(analyze_question(question), unit, context)
    assert span is not None and span.text == expected
    assert span.quote_start == unit.start and text[span.start:span.end].startswith(("- ", "a) ", "1. "))


@pytest.mark.parametrize("body, opening, question", [
    # a sentence (it ends with a full stop) is no heading, however many points follow
    ("Các cơ quan thực hiện các hình thức khen thưởng.\n\n- Huân chương Lao động;\n\n- Giấy khen.\n",
     "Các cơ quan", "Đợt thi đua có những hình thức khen thưởng nào?"),
    # a heading the question does not restate: its own words are the answer's topic, not the question's
    ("**a) Kinh phí tổ chức phong trào**\n\n- Ngân sách tỉnh;\n\n- Nguồn xã hội hóa.\n",
     "a) Kinh phí", "Đợt thi đua có những hình thức khen thưởng nào?"),
])
def test_no_heading_reading_for_a_sentence_or_another_topic(tmp_path, body, opening, question):
    store, units, terms, text = _parsed(tmp_path, body)
    unit = _unit_at(store, units, text, opening)
    context = Context(store, units, terms.question_weights(question, []), QA)
    assert ListExtractor().heading_items(analyze_question(question), unit, context) is None


@pytest.mark.parametrize("question, text, items_at, expected", [
    ("Thân nhân của người tố cáo gồm những ai?",
     "quy định về bảo vệ việc làm, thân nhân của người tố cáo bao gồm: vợ, chồng, cha đẻ, mẹ đẻ", "vợ", True),
    ("Hồ sơ đề nghị bao gồm những giấy tờ gì?", "Hồ sơ đề nghị gồm đơn đề nghị, bản sao giấy phép", "đơn đề nghị", True),
    # the question asks otherwise ("là ai"), or the items follow another lead ("như sau:")
    ("Thân nhân của người tố cáo là ai?", "thân nhân của người tố cáo bao gồm: vợ, chồng", "vợ", False),
    ("Hồ sơ gồm những gì?", "Hồ sơ được nộp như sau: trực tiếp, qua bưu điện", "trực tiếp", False),
])
def test_items_led_by_the_question_own_verb(question, text, items_at, expected):
    assert verb_leads_items(analyze_question(question), text, text.index(items_at)) is expected


def test_window_runs_carry_the_features_the_hand_weights_read():
    text = ("Tiếp tục triển khai nghiêm túc chỉ đạo của Thủ tướng Chính phủ, của Bộ Y tế, của UBND thành phố, "
            "nhất là đồng bộ 3 trụ cột chống dịch là xét nghiệm, cách ly, điều trị; tăng cường kiểm tra")
    weights = {"tru": 1.0, "cot": 1.0, "chong": 0.5, "dich": 0.5}
    options = window_options(text, 0, len(text), weights, 120)
    assert options and all(len(features) == len(WINDOW_FEATURES) for features, *_ in options)
    first = next(features for features, order, *_ in options if order == 0)
    assert first[WINDOW_FEATURES.index("first")] == 1.0 and first[WINDOW_FEATURES.index("position")] == 0.0
    # the hand weights given explicitly choose as the default does
    assert clause_window(text, 0, len(text), weights, 120) == clause_window(
        text, 0, len(text), weights, 120, coefficients=hand_window())
    s, e = clause_window(text, 0, len(text), weights, 120)
    assert "xét nghiệm, cách ly, điều trị" in text[s:e]
    # fitted weights that read only where a run starts choose the last run
    late = tuple(1.0 if name == "position" else 0.0 for name in WINDOW_FEATURES)
    s, e = clause_window(text, 0, len(text), weights, 120, coefficients=late)
    assert text[s:e] == "tăng cường kiểm tra"


@pytest.mark.parametrize("question, kind", [
    ("Hàng hóa được xếp vào nhóm mã số nào?", QuestionKind.CODE),  # a code (w148), not a department
    ("Sở nào chủ trì việc kiểm tra?", QuestionKind.AGENCY),
    ("so nao chu tri viec kiem tra", QuestionKind.AGENCY),  # without accents "so nao" stays a department
    ("Tờ trình số nào của Sở Y tế?", QuestionKind.DOCUMENT),
])
def test_so_nao_is_a_department_only_when_spelt_so(question, kind):
    assert detect_kind(question) is kind


@pytest.mark.parametrize("question, text, expected", [
    ("Chống dịch theo những trụ cột nào?",
     "nhất là đồng bộ 3 trụ cột chống dịch là xét nghiệm, cách ly, điều trị; tăng cường kiểm tra",
     "xét nghiệm, cách ly, điều trị"),
    ("Hồ sơ gồm những giấy tờ nào?", "Các giấy tờ gồm đơn đề nghị và bản sao giấy phép. Nộp tại Sở.",
     "đơn đề nghị và bản sao giấy phép"),
    # no enumeration after "là", or the noun is not followed by "là"/"gồm"
    ("Chống dịch theo những trụ cột nào?", "Trụ cột là xét nghiệm.", None),
    ("Chống dịch theo những trụ cột nào?", "Ba trụ cột được triển khai đồng bộ, kịp thời.", None),
])
def test_items_after_the_asked_noun_and_la(question, text, expected):
    from retriever.qa.extractors.lists import items_after_noun

    found = items_after_noun(analyze_question(question), text, 0, len(text))
    assert (text[slice(*found)] if found else None) == expected
