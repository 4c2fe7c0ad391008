"""Act numbers, references and act queries (corpus/acts.py)."""

from __future__ import annotations

import pytest

from corpus.acts import (
    act_matches,
    find_act_references,
    normalize_number,
    number_key,
    parse_act_query,
)


@pytest.mark.parametrize(
    "raw, display",
    [
        ("25- CT/TW", "25-CT/TW"),
        ("229- KH/TU", "229-KH/TU"),
        ("281/QĐ-TTG", "281/QĐ-TTg"),
        ("281/qđ-ttg", "281/QĐ-TTg"),
        ("542/KH-UBND", "542/KH-UBND"),
        ("22/2023/qh15", "22/2023/QH15"),
        ("13520/UBND-KTNS", "13520/UBND-KTNS"),
        ("09-NQ/ĐH", "09-NQ/ĐH"),
        ("02-ctr/tu", "02-CTr/TU"),
        ("245/TTR-SYT", "245/TTr-SYT"),
    ],
)
def test_normalize_number(raw, display):
    assert normalize_number(raw) == display


def test_number_key_ignores_spelling():
    assert number_key("281/QĐ-TTg") == "281/QĐ-TTG"
    assert number_key(normalize_number("25- CT/TW")) == number_key("25-ct/tw") == "25-CT/TW"


def _refs(text):
    return find_act_references(text, lambda offset: "H")


def test_full_reference_with_date_issuer_relation_and_exact_sentence():
    text = "Mở đầu.\nThực hiện Chỉ thị số 16/CT-TTg ngày 20/9/2022 của Thủ tướng Chính phủ về nâng cao sức khỏe; UBND yêu cầu:"
    (ref,) = _refs(text)
    assert (ref.act_type, ref.number, ref.number_key) == ("Chỉ thị", "16/CT-TTg", "16/CT-TTG")
    assert ref.date == "2022-09-20"
    assert ref.issuer == "Thủ tướng Chính phủ"
    assert ref.relation == "thuc_hien"
    assert ref.name == "nâng cao sức khỏe"
    assert ref.sentence == text[ref.start : ref.end]
    assert ref.sentence.startswith("Thực hiện Chỉ thị")
    assert ref.heading == "H"


def test_list_sharing_one_type_and_party_numbers():
    refs = _refs("Quán triệt các Nghị quyết số 20-NQ/TW; 21-NQ/TW Ban chấp hành Trung ương khóa XII.")
    assert [(r.act_type, r.number) for r in refs] == [("Nghị quyết", "20-NQ/TW"), ("Nghị quyết", "21-NQ/TW")]
    assert refs[1].issuer == "Ban chấp hành Trung ương khóa XII"


def test_upper_case_title_and_long_dates():
    text = ("TRIỂN KHAI QUYẾT ĐỊNH SỐ 281/QĐ-TTG NGÀY 05/4/2024 CỦA THỦ TƯỚNG CHÍNH PHỦ VÀ "
            "KẾ HOẠCH SỐ 77/KH-UBND NGÀY 09 THÁNG 7 NĂM 2024 CỦA UBND TỈNH")
    refs = _refs(text)
    assert [(r.act_type, r.number, r.date) for r in refs] == [
        ("Quyết định", "281/QĐ-TTg", "2024-04-05"),
        ("Kế hoạch", "77/KH-UBND", "2024-07-09"),
    ]
    assert refs[0].issuer == "THỦ TƯỚNG CHÍNH PHỦ"


def test_stray_spaces_comma_before_date_and_missing_so():
    refs = _refs("Kế hoạch số 229- KH/TU ngày 18/3/2024 triển khai Chỉ thị số 25- CT/TW, ngày 25/10/2023 "
                 "của Ban Bí thư, Quyết định 1093/QĐ-BYT , Quyết định số 12/QĐ-BYT.")
    assert [(r.number, r.date) for r in refs] == [
        ("229-KH/TU", "2024-03-18"), ("25-CT/TW", "2023-10-25"), ("1093/QĐ-BYT", None), ("12/QĐ-BYT", None)]
    assert refs[1].issuer == "Ban Bí thư"


@pytest.mark.parametrize(
    "sentence, relation",
    [
        ("Căn cứ Nghị định số 117/2020/NĐ-CP ngày 28/9/2020 của Chính phủ;", "can_cu"),
        ("Thực hiện Công văn số 6052/UBND-VX ngày 16/12/2022 của UBND thành phố.", "thuc_hien"),
        ("Sở Y tế hướng dẫn thực hiện Thông tư số 18/2023/TT-BYT.", "huong_dan"),
        ("Nghị định này sửa đổi, bổ sung Nghị định số 98/2021/NĐ-CP.", "sua_doi"),
        ("Quyết định này thay thế Quyết định số 902/QĐ-UBND ngày 10/4/2018.", "thay_the"),
        ("Bãi bỏ Chỉ thị số 05/CT-UBND ngày 02/3/2019.", "bai_bo"),
        ("Duy trì nghiêm túc Chỉ thị số 26/CT-TTg ngày 5/9/2016 của Thủ tướng Chính phủ.", "nhac_den"),
    ],
)
def test_relations(sentence, relation):
    (ref,) = _refs(sentence)
    assert ref.relation == relation


def test_laws_numbered_and_unnumbered_and_named_plans():
    refs = _refs("Triển khai theo Luật Đấu thầu số 22/2023/QH15. Theo khoản 2, Điều 32 Luật Bảo hiểm y tế; "
                 "Căn cứ Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007; thực hiện Đề án "
                 "“Phát triển y tế cơ sở giai đoạn 2025 - 2030” trên địa bàn. Tuân thủ pháp luật về dược.")
    assert [(r.act_type, r.number, r.name) for r in refs] == [
        ("Luật", "22/2023/QH15", "Luật Đấu thầu"),
        ("Luật", None, "Luật Bảo hiểm y tế"),
        ("Luật", None, "Luật Phòng, chống bệnh truyền nhiễm"),
        ("Đề án", None, "Đề án “Phát triển y tế cơ sở giai đoạn 2025 - 2030”"),
    ]
    assert refs[2].date == "2007-11-21" and refs[2].relation == "can_cu"


def test_other_act_types_and_no_false_positives():
    refs = _refs("Theo Công điện số 778/CĐ-TTg ngày 05/9/2022, Thông báo số 272/TB-UBND ngày 08/7/2022, "
                 "Văn bản số 13520/UBND-KTNS ngày 02/11/2021, Chương trình hành động số 02-CTr/TU, "
                 "Kết luận số 12-KL/TW. Đạt 90% vào Quý 3/2024, giai đoạn 2021-2025, ISO/IEC 17025:2017, 9/9 huyện.")
    assert [(r.act_type, r.number) for r in refs] == [
        ("Công điện", "778/CĐ-TTg"), ("Thông báo", "272/TB-UBND"), ("Công văn", "13520/UBND-KTNS"),
        ("Chương trình hành động", "02-CTr/TU"), ("Kết luận", "12-KL/TW")]


def test_issuer_named_before_the_act():
    (ref,) = _refs("Thực hiện chỉ đạo của Thủ tướng Chính phủ tại Chỉ thị số 16/CT-TTg ngày 20/9/2022.")
    assert ref.issuer == "Thủ tướng Chính phủ"


def test_sentence_offsets_are_exact_on_multiline_text():
    text = "I. MỤC TIÊU\n\n- Tiếp tục thực hiện Quyết định số 5/QĐ-UBND. Câu khác.\n2. Căn cứ Kế hoạch số 7/KH-SYT."
    for ref in _refs(text):
        assert text[ref.start : ref.end] == ref.sentence
        assert "\n" not in ref.sentence


@pytest.mark.parametrize(
    "query, act_type, key, bare, year, date",
    [
        ("Chỉ thị 25- CT/TW", "Chỉ thị", "25-CT/TW", None, None, None),
        ("25-ct/tw", "Chỉ thị", "25-CT/TW", None, None, None),
        ("ct 25", "Chỉ thị", None, "25", None, None),
        ("chỉ thị 16", "Chỉ thị", None, "16", None, None),
        ("CT16", "Chỉ thị", None, "16", None, None),
        ("chi thi 16", "Chỉ thị", None, "16", None, None),
        ("16/CT-TTg năm 2022", "Chỉ thị", "16/CT-TTG", None, 2022, None),
        ("376/QĐ-TTg ngày 17/3/2015", "Quyết định", "376/QĐ-TTG", None, 2015, "2015-03-17"),
        ("qd 1093 của Bộ Y tế", "Quyết định", None, "1093", None, None),
        ("nghị định 117/2020/NĐ-CP", "Nghị định", "117/2020/NĐ-CP", None, 2020, None),
        ("NQ 20", "Nghị quyết", None, "20", None, None),
        ("kế hoạch số 542", "Kế hoạch", None, "542", None, None),
        ("y tế cơ sở năm 2024", None, None, None, 2024, None),
    ],
)
def test_parse_act_query(query, act_type, key, bare, year, date):
    q = parse_act_query(query)
    assert (q.act_type, q.number_key, q.bare_number, q.year, q.date) == (act_type, key, bare, year, date)


def test_act_matches():
    assert act_matches(parse_act_query("Chỉ thị 25- CT/TW"), "Chỉ thị", "25-CT/TW", "2023-10-25")
    assert act_matches(parse_act_query("281/qd-ttg"), "Quyết định", "281/QĐ-TTG", None)  # Đ typed as D
    assert act_matches(parse_act_query("ct 16"), "Chỉ thị", "16/CT-TTG", "2022-09-20")
    assert not act_matches(parse_act_query("ct 16"), "Quyết định", "16/QĐ-UBND", None)
    assert not act_matches(parse_act_query("ct 16"), "Chỉ thị", "160/CT-TTG", None)
    assert not act_matches(parse_act_query("376/QĐ-TTg năm 2015"), "Quyết định", "376/QĐ-TTG", "2021-03-17")
    assert act_matches(parse_act_query("376/QĐ-TTg năm 2021"), "Quyết định", "376/QĐ-TTG", "2021-03-17")
    assert act_matches(parse_act_query("117/NĐ-CP"), "Nghị định", "117/2020/NĐ-CP", None)
    assert not act_matches(parse_act_query("y tế cơ sở"), "Chỉ thị", "25-CT/TW", None)


def test_act_number_index_finds_what_a_full_scan_finds_in_the_same_order():
    from corpus.acts import ActNumberIndex

    refs = [("Chỉ thị", "25-CT/TW", "2023-10-25"), ("Chỉ thị", "16/CT-TTG", "2022-09-20"),
            ("Quyết định", "16/QĐ-UBND", None), ("Chỉ thị", "160/CT-TTG", None),
            ("Quyết định", "376/QĐ-TTG", "2021-03-17"), ("Quyết định", "376/QĐ-TTG", "2015-03-20"),
            ("Nghị định", "117/2020/NĐ-CP", None), ("Quyết định", "281/QĐ-TTG", None),
            ("Công văn", "016/UBND-VX", None), ("Công văn", "/UBND-YT", None), ("Kế hoạch", None, None)]
    index = ActNumberIndex((i, key) for i, (_, key, _) in enumerate(refs))
    queries = ["Chỉ thị 25- CT/TW", "281/qd-ttg", "ct 16", "376/QĐ-TTg năm 2015", "376/QĐ-TTg", "117/NĐ-CP",
               "16/CT-TTg", "công văn 16", "y tế cơ sở", "quyết định số 160", "kế hoạch 999"]
    for text in queries:
        query = parse_act_query(text)
        full_scan = [i for i, (kind, key, date) in enumerate(refs) if act_matches(query, kind, key, date)]
        found = [i for i in index.candidates(query) if act_matches(query, refs[i][0], refs[i][1], refs[i][2])]
        assert found == full_scan, text
    assert len(index.candidates(parse_act_query("ct 16"))) < len(refs)  # a narrowed scan, not all
    assert index.candidates(parse_act_query("y tế cơ sở")) == []


def test_law_names_run_over_their_own_commas():
    """"Luật Cán bộ, công chức" is one law; "Luật Đầu tư, Luật Nhà ở" two; "…, các Nghị định" ends the name."""
    refs = _refs("Căn cứ Luật Cán bộ, công chức số 80/2025/QH15; Căn cứ Luật Khám bệnh, chữa bệnh ngày 9/1/2023; "
                 "theo Luật Đầu tư, Luật Nhà ở số 27/2023/QH15. Theo Luật Viên chức, các Nghị định hướng dẫn.")
    assert [(r.number, r.name) for r in refs] == [
        ("80/2025/QH15", "Luật Cán bộ, công chức"),
        (None, "Luật Khám bệnh, chữa bệnh"),
        (None, "Luật Đầu tư"),
        ("27/2023/QH15", "Luật Nhà ở"),
        (None, "Luật Viên chức"),
    ]


def test_issuer_ends_where_the_act_says_what_it_does():
    (amending, amended) = _refs("Căn cứ Nghị định số 49/2022/NĐ-CP ngày 29/7/2022 của Chính phủ sửa đổi, bổ sung "
                                "một số điều của Nghị định số 126/2020/NĐ-CP;")
    assert amending.issuer == "Chính phủ" and amended.number == "126/2020/NĐ-CP"
