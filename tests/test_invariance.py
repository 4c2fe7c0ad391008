"""Answers that do not depend on how a question is spelled (eval/invariance.py and the fixes it measured)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.errors import UserError
from eval.invariance import (
    VARIANTS,
    abbrev,
    act_spacing,
    format_invariance,
    load_tuning_questions,
    measure,
    noaccent,
    old_tone,
)
from retriever.qa import vocabulary as V
from retriever.qa.question import analyze_question
from retriever.query import analyze_query, normalize_act_numbers

QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions"


def test_variants_spell_the_same_question_otherwise():
    assert noaccent("Sở nào chủ trì y tế trường học?") == "so nao chu tri y te truong hoc"
    # only oa / oe / uy move their tone; "của", "mùa", "quý", "hoàn" are written one way
    assert old_tone("Hòa Bình, sức khỏe, thủy lợi, Ủy ban, của, mùa, quý, hoàn") == \
        "Hoà Bình, sức khoẻ, thuỷ lợi, Uỷ ban, của, mùa, quý, hoàn"
    assert abbrev("UBND tỉnh giao BHYT cho Trung tâm Y tế") == "Ủy ban nhân dân tỉnh giao bảo hiểm y tế cho TTYT"
    # an act number's code is not an abbreviation to write out
    assert abbrev("Quyết định 1093/QĐ-UBND") == "Quyết định 1093/QĐ-UBND"
    assert act_spacing("Chỉ thị 25-CT/TW và Nghị định 72/2024/NĐ-CP") == "Chỉ thị 25- CT/TW và Nghị định 72/ 2024/NĐ- CP"
    assert set(VARIANTS) >= {"noaccent", "old_tone", "abbrev", "act_spacing"}


def test_act_numbers_typed_with_spaces_are_read_as_written_without():
    assert normalize_act_numbers("Chỉ thị 25- CT/TW, Nghị định 72/ 2024/NĐ - CP") == "Chỉ thị 25-CT/TW, Nghị định 72/2024/NĐ-CP"
    assert normalize_act_numbers("chi thi 25- ct/tw") == "chi thi 25-ct/tw"
    # no act number: a range, an article title, a lone lower-case code stay as typed
    for text in ("giai đoạn 2021 - 2025", "Điều 5 - Quy định chung", "trang 5 - de an"):
        assert normalize_act_numbers(text) == text
    spaced, plain = "Chỉ thị 25- CT/TW yêu cầu những nội dung gì?", "Chỉ thị 25-CT/TW yêu cầu những nội dung gì?"
    assert analyze_question(spaced).text == plain
    assert analyze_question(spaced).kind is analyze_question(plain).kind
    assert analyze_question(spaced).names_act
    assert analyze_query("Nghị định 72/ 2024/NĐ- CP").text == "Nghị định 72/2024/NĐ-CP"


def test_question_kind_does_not_depend_on_spelling():
    for question in ("Sở nào chủ trì phối hợp với Ủy ban nhân dân tỉnh?", "Mức hỗ trợ bảo hiểm y tế là bao nhiêu?",
                     "Quyết định này có hiệu lực từ ngày nào?", "Hồ sơ đề nghị gồm những gì?"):
        kinds = {analyze_question(variant(question)).kind for variant in VARIANTS.values()}
        assert kinds == {analyze_question(question).kind}, question


def test_a_bare_count_is_no_amount():
    assert re.fullmatch(V.BARE_COUNT, "03")
    for amount in ("2,34", "30%", "1.800.000 đồng/người", "1,5 lần"):
        assert not re.fullmatch(V.BARE_COUNT, amount)


def test_sealed_sets_are_refused():
    with pytest.raises(UserError):
        load_tuning_questions([QUESTIONS / "fresh.jsonl"])


def test_accentless_query_scores_like_the_accented_one(local_searcher):
    accented = local_searcher.search("Sở nào chủ trì y tế trường học?", k=3)
    plain = local_searcher.search("so nao chu tri y te truong hoc", k=3)
    assert any(token.startswith("~") for token in plain.tokens)  # the restored spelling's accented tokens
    assert plain.hits[0].chunk_id == accented.hits[0].chunk_id
    assert plain.hits[0].bm25_score >= 0.8 * accented.hits[0].bm25_score


def test_invariance_tool_on_the_bundled_index(local_searcher):
    from retriever.qa import Answerer

    wanted = {"q014", "q016", "q017"}
    questions = [q for q in load_tuning_questions([QUESTIONS / "dev.jsonl"], split="all") if q.id in wanted]
    assert len(questions) == 3
    result = measure(Answerer(local_searcher), questions, ["noaccent", "abbrev", "old_tone"])
    assert result["questions"] == 3 and len(result["rows"]) == 3
    noaccents = result["variants"]["noaccent"]
    assert noaccents["asked"] == 3  # every one of them is accented
    assert result["variants"]["abbrev"]["asked"] == 2  # q014 (BHYT), q016 ("trạm y tế" → TYT)
    assert result["variants"]["old_tone"]["asked"] == 0  # none has an "oa/oe/uy" syllable to respell
    assert noaccents["original_right"] == result["original_right"] == 3
    assert noaccents["kept"] == 3 and noaccents["kind_changed"] == 0 and noaccents["abstained"] == 0
    report = format_invariance(result, show_changes=True)
    assert "noaccent" in report and "kept" in report
    with pytest.raises(UserError):
        measure(Answerer(local_searcher), questions, ["no_such_variant"])


def test_question_key_reads_an_abbreviation_and_its_expansion_alike():
    from retriever.query import spell_out_abbreviations

    typed_short = analyze_question("Đồng Nai xây mới bao nhiêu TYT xã theo quyết định của BYT?")
    typed_long = analyze_question("Đồng Nai xây mới bao nhiêu trạm y tế xã theo quyết định của Bộ Y tế?")
    assert typed_short.kind is typed_long.kind
    assert typed_short.wanted_unit == typed_long.wanted_unit == ("tram", "y")
    # an act number's code is not an abbreviation
    assert spell_out_abbreviations("quyet dinh 1093/qd-ubnd", keep=True) == "quyet dinh 1093/qd-ubnd"
    assert analyze_question("UBND nào chủ trì?").wanted_head == "ubnd"
