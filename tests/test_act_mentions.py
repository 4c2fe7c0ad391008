"""How officials name an act in a question: a type with its number and year ("Nghị định 187/2026", "TT 28/2022"),
no issuer's code. The act is recognised, matched against documents by running number and year, and a "which act"
question asked of it ("… mà NĐ 187/2026 dẫn chiếu là nghị định số mấy?") is read inside that act."""

from __future__ import annotations

import pytest

from corpus.acts import act_matches, act_mention, parse_act_query
from retriever.qa.question import analyze_question
from retriever.qa.records import asks_own_number, asks_within_named_act


@pytest.mark.parametrize("text, act_type, number, year", [
    ("Nghị định 187/2026 quy định gì?", "Nghị định", "187", 2026),
    ("theo NĐ 187/2026", "Nghị định", "187", 2026),
    ("TT 06/2017 bị bãi bỏ khoản nào", "Thông tư", "6", 2017),
    ("thong tu so 28/2022 bai bo gi", "Thông tư", "28", 2022),
    ("QĐ15/2014 còn hiệu lực không", "Quyết định", "15", 2014),
])
def test_type_number_and_year_name_an_act(text, act_type, number, year):
    query = parse_act_query(text)
    assert (query.act_type, query.bare_number, query.year, query.number_key) == (act_type, number, year, None)
    assert analyze_question(text).names_act


@pytest.mark.parametrize("text", ["báo cáo quý 3/2024", "ngày 20/11/2025", "giai đoạn 2021-2025", "tỷ lệ 9/10"])
def test_periods_dates_and_ratios_name_no_act(text):
    assert not parse_act_query(text).is_act
    assert act_mention(text) is None


def test_year_agrees_with_the_number_or_the_signing_date():
    query = parse_act_query("Nghị định 187/2026")
    assert act_matches(query, "Nghị định", "187/2026/NĐ-CP", "2026-05-27")
    # numbered in the year before it was signed: the number's year still names it
    assert act_matches(parse_act_query("Quyết định 3950/2025"), "Quyết định", "3950/2025/QĐ-UBND", "2026-01-05")
    assert not act_matches(query, "Nghị định", "187/2025/NĐ-CP", "2025-06-01")
    assert not act_matches(query, "Thông tư", "187/2026/TT-BTC", "2026-05-27")


def test_where_an_act_is_named():
    text = "Nghị định nào mà NĐ 187/2026 dẫn chiếu?"
    start, end = act_mention(text)
    assert text[start:end] == "NĐ 187/2026"
    start, end = act_mention("Chỉ thị 16/CT-TTg về gì")
    assert "Chỉ thị 16/CT-TTg về gì"[start:end] == "16/CT-TTg"


@pytest.mark.parametrize("question, within", [
    ("Nghị định về phân cấp mà NĐ 187/2026 dẫn chiếu là nghị định số mấy?", True),
    ("QĐ 3303/QĐ-BTP căn cứ nghị định số mấy?", True),
    ("Văn bản nào triển khai Chỉ thị 16/CT-TTg?", False),
    ("Thông tư nào hướng dẫn Nghị định 49/2022?", False),
])
def test_which_act_is_read_inside_the_act_named_before_the_question_word(question, within):
    analysis = analyze_question(question)
    assert asks_within_named_act(analysis) is within
    assert not asks_own_number(analysis)  # an act is named: the number asked is another act's
