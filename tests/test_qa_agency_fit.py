"""Which span of the answering unit names the agency (helper w141): each candidate span is described by what the
readings say of it (``readings.SPAN_FEATURES``) and the span of highest ``coefficients · features`` answers; the
weights can be fitted (``eval.agency_fit``) and stored (``QASettings.agency_span_coefficients``).  And three
readings of who owns a point: a heading titled by several duty nouns ("Thẩm quyền và trách nhiệm của …"), a point's
label on the line after a heading (a new point, not the heading's wrapped words), a province's tax office named
"Thuế tỉnh …" since the 2025 reorganisation.  The sentences are written in the style of decisions and decrees."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from test_qa_extractors import extract_in_unit, parsed_units

from eval.agency_fit import SpanGroup, SpanProposal, chosen, fit, right_choices
from retriever.qa.extractors.agency import AgencyExtractor, agency_spans
from retriever.qa.extractors.agency.readings import (
    HAND_WEIGHTS,
    SPAN_FEATURES,
    describe,
)
from retriever.qa.extractors.base import Context
from retriever.qa.question import analyze_question
from retriever.qa.settings import QA

_DECISION = "QUYẾT ĐỊNH\nVề việc tổ chức thực hiện\n\n"
_ASSIGNED = ("Điều 2. Tổ chức thực hiện\n"
             "1. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính xây dựng kế hoạch tiêm chủng mở rộng năm 2026.\n"
             "2. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát vị trí việc làm của trạm y tế xã.\n")
_TASKS = {"1. Giao Sở Y tế": "Cơ quan nào xây dựng kế hoạch tiêm chủng mở rộng năm 2026?",
          "2. Giao Sở Nội vụ": "Cơ quan nào rà soát vị trí việc làm của trạm y tế xã?"}


def _unit_readings(tmp_path, body: str, question: str, holding: str, settings=QA):
    """(readings of the unit holding ``holding``, the extractor's span, its text) for ``question``."""
    store, units, terms, parsed = parsed_units(tmp_path, _DECISION + body, "act.txt")
    context = Context(store, units, terms.question_weights(question, []), settings)
    unit = next(u for row in range(len(store.chunks)) for u in units.units_of(row)
                if holding in " ".join(parsed[u.start:u.end].split()))
    analysis = analyze_question(question)
    extractor = AgencyExtractor()
    return extractor.readings(analysis, unit, context), extractor.extract(analysis, unit, context)


def _feature(reading, name: str) -> float:
    return reading.features[SPAN_FEATURES.index(name)]


def test_readings_describe_each_body_of_the_clause(tmp_path):
    readings, span = _unit_readings(tmp_path, _ASSIGNED, _TASKS["1. Giao Sở Y tế"], "1. Giao Sở Y tế")
    by_name = {r.name: r for r in readings}
    assert _feature(by_name["Sở Y tế"], "assigned") == 1 and _feature(by_name["Sở Y tế"], "partner") == 0
    assert _feature(by_name["Sở Tài chính"], "partner") == 1  # "phối hợp với Sở Tài chính": not the one given the task
    assert _feature(by_name["Sở Y tế"], "first") == 1 and _feature(by_name["Sở Tài chính"], "first") == 0
    assert span.text == "Sở Y tế"  # the hand weights: the body "giao" gives the task, not its partner


def test_stored_span_weights_decide(tmp_path):
    """Weights stored in the settings replace the hand ones: weighing partners up answers the partner."""
    partners_first = list(HAND_WEIGHTS)
    partners_first[SPAN_FEATURES.index("partner")] = 2.0
    settings = replace(QA, agency_span_coefficients=tuple(partners_first))
    _, span = _unit_readings(tmp_path, _ASSIGNED, _TASKS["1. Giao Sở Y tế"], "1. Giao Sở Y tế", settings)
    assert span.text == "Sở Tài chính"
    # the confidence the cross-unit ranker reads stays on the hand weights' scale
    _, hand = _unit_readings(tmp_path, _ASSIGNED, _TASKS["1. Giao Sở Y tế"], "1. Giao Sở Y tế")
    assert span.confidence < hand.confidence


def test_fit_learns_the_choice_from_labelled_units(tmp_path):
    """A conditional logit over units whose partner is labelled right learns to weigh partners over assigned bodies."""
    groups = []
    for holding, question in _TASKS.items():
        readings, _ = _unit_readings(tmp_path, _ASSIGNED, question, holding)
        proposals = [SpanProposal(r.features, _feature(r, "partner") == 1, r.start, r.name) for r in readings]
        groups.append(SpanGroup(holding, "act.txt", proposals, gold=True))
    assert right_choices(groups, HAND_WEIGHTS) == 0
    weights = fit(groups, l2=0.01)
    assert right_choices(groups, weights) == len(groups)
    assert weights[SPAN_FEATURES.index("partner")] > weights[SPAN_FEATURES.index("assigned")]
    assert chosen(groups[0], weights).text == "Sở Tài chính"


def test_describe_adds_named_readings():
    vector = describe(subject=1, task=0.5)
    assert np.dot(HAND_WEIGHTS, vector) == 0.3 + 0.6 * 0.5


def test_duty_title_of_several_nouns_owns_the_points(tmp_path):
    body = ("Điều 19. Thẩm quyền và trách nhiệm của Bộ trưởng Bộ Nội vụ\n"
            "1. Trình Chính phủ quy định tiêu chí thành lập các tổ chức hành chính.\n"
            "2. Tổng hợp, cập nhật thông tin về tổ chức hành chính trong phạm vi cả nước.\n")
    span = extract_in_unit(tmp_path, _DECISION + body,
                           "Ai có trách nhiệm tổng hợp, cập nhật thông tin về tổ chức hành chính trong cả nước?",
                           "2. Tổng hợp, cập nhật", AgencyExtractor(), "act.txt")
    assert span is not None and span.text == "Bộ trưởng Bộ Nội vụ"


def test_point_label_after_a_heading_is_a_new_point(tmp_path):
    body = ("Điều 8. Trách nhiệm thực hiện\n"
            "3. Trách nhiệm của cơ sở khám bệnh, chữa bệnh\n"
            "a) Tháng 12 hằng năm, quyết toán kinh phí khám bệnh với cơ quan bảo hiểm xã hội;\n"
            "b) Lập danh sách người bệnh chuyển tuyến và thông báo đến cơ quan bảo hiểm xã hội nơi cấp thẻ.\n")
    span = extract_in_unit(tmp_path, _DECISION + body, "Ai lập danh sách người bệnh chuyển tuyến?",
                           "b) Lập danh sách", AgencyExtractor(), "act.txt")
    assert span is not None and span.text == "cơ sở khám bệnh, chữa bệnh"


def test_provincial_tax_office_is_a_body():
    assert [s[2] for s in agency_spans("đề nghị Thuế tỉnh Vĩnh Long căn cứ quy định để giải quyết")] == \
        ["Thuế tỉnh Vĩnh Long"]
    assert [s[2] for s in agency_spans("Chỉ đạo đầu mối phối hợp với Thuế thành phố Hải Phòng để rà soát")] == \
        ["Thuế thành phố Hải Phòng"]
    assert agency_spans("Thuế giá trị gia tăng được khấu trừ theo quy định") == []  # a tax, not a body


def test_slot_after_voi_asks_the_partner(tmp_path):
    """"… trao đổi với cơ quan nào?": the body printed in "với X" is the one asked, not the body the file is sent to."""
    body = ("Điều 3. Tổ chức thực hiện\n"
            "2. Sở Y tế lập dự toán kinh phí tiêm chủng gửi Sở Tài chính; trường hợp vướng mắc thì trao đổi với Kho "
            "bạc Nhà nước tỉnh để thống nhất cách xử lý.\n")
    span = extract_in_unit(tmp_path, _DECISION + body, "Khi vướng mắc về dự toán kinh phí tiêm chủng, Sở Y tế trao đổi "
                           "với cơ quan nào?", "2. Sở Y tế lập dự toán", AgencyExtractor(), "act.txt")
    assert span is not None and span.text == "Kho bạc Nhà nước tỉnh"
