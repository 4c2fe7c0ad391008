"""Questions typed the way a phone user types them: no diacritics, lower case, act types and agency names in
their short codes ("qd nao", "nd 121/2026", "tt32", "so khcn"). The reading must be the one of the same question
written out in full."""

import pytest

from retriever.qa.question import analyze_question, spell_out_act_codes
from retriever.query import analyze_query, spell_out_abbreviations

# An act type typed as the code of its number asks an act, like the type word written out.
KINDS = [
    ("quy trinh nay thuc hien theo qd nao cua ubnd tinh", "document"),
    ("quy trinh nay thuc hien theo quyet dinh nao cua ubnd tinh", "document"),
    ("muc thu phi ap dung theo nd nao", "document"),
    ("muc thu phi ap dung theo nghi dinh nao", "document"),
    ("ke hoach nay thay the qd nao nam 2020", "repeals"),
    ("ke hoach nay thay the quyet dinh nao nam 2020", "repeals"),
    ("thu tuc duoc cong bo lai tai qđ nào", "document"),
    ("huong dan nay dan chieu tt so may cua bo tai chinh", "document"),
]


@pytest.mark.parametrize("question,kind", KINDS)
def test_act_type_typed_as_its_code_asks_an_act(question, kind):
    assert analyze_question(question).kind.value == kind


@pytest.mark.parametrize("typed,written", [
    ("theo nd 15/2018 thi ai cap phep", "theo nghi dinh 15/2018 thi ai cap phep"),
    ("tt32 ap dung tu ngay nao", "thong tu 32 ap dung tu ngay nao"),
    ("cd 223 yeu cau gi", "cong dien 223 yeu cau gi"),
    ("kh 542 dat muc tieu gi", "ke hoach 542 dat muc tieu gi"),
    ("ct 21 giao bo nao", "chi thi 21 giao bo nao"),
])
def test_act_code_before_its_number_is_the_act_type(typed, written):
    assert spell_out_act_codes(typed) == written


@pytest.mark.parametrize("key", [
    "ct nao trung thau goi thau",  # "công ty nào": a company, not "Chỉ thị nào"
    "thi tran tt ngan dua sap nhap vao xa nao",  # "tt" before a name is a township
    "theo quyet dinh 1093/qd-ubnd va 25-ct/tw",  # codes inside an act number stay codes
    "trung binh moi tb dat bao nhieu",
])
def test_short_code_elsewhere_is_left_as_typed(key):
    assert spell_out_act_codes(key) == key


# Agencies' fields are written with and without "&" ("KH&CN" / "KHCN", "NN&MT" / "NNMT"), in documents as in
# questions: both spellings expand.
@pytest.mark.parametrize("query,expansion", [
    ("cac don vi bao cao qua so khcn truoc ngay nao", "Khoa học và Công nghệ"),
    ("so nnmt chu tri viec gi", "Nông nghiệp và Môi trường"),
    ("Sở KH&CN chủ trì việc gì", "Khoa học và Công nghệ"),
    ("y kien chi dao cua pttg ve du an", "Phó Thủ tướng"),
    ("vbhn 12 ve phi tham dinh do ai xac thuc", "văn bản hợp nhất"),  # a consolidated text by its code
])
def test_agency_codes_with_or_without_ampersand_expand(query, expansion):
    assert expansion in analyze_query(query).expansions


def test_field_code_without_ampersand_is_spelt_out_in_the_question_key():
    assert "khoa hoc va cong nghe" in spell_out_abbreviations("gui so khcn tong hop", keep=True)


# "quý mấy", "năm mấy" ask which quarter or year, typed with or without accents ("mấy năm" counts years).
@pytest.mark.parametrize("question,kind", [
    ("viec ban giao tram y te phai xong quy may", "date"),
    ("việc bàn giao trạm y tế phải xong quý mấy", "date"),
    ("du an benh vien tinh hoan thanh nam may", "date"),
    ("du an benh vien tinh thi cong trong may nam", "number"),
    ("moi nam may lan kiem tra co so", "number"),
])
def test_which_quarter_or_year_is_a_date(question, kind):
    assert analyze_question(question).kind.value == kind


# "bao nhiêu 1 tháng" is "bao nhiêu một tháng": a rate per month, the "1" no figure of the question.
def test_one_typed_as_figure_after_how_much_is_each():
    typed = analyze_question("nguoi cao tuoi duoc tro cap bao nhieu 1 thang")
    written = analyze_question("nguoi cao tuoi duoc tro cap bao nhieu mot thang")
    assert (typed.kind.value, typed.wanted_unit, typed.numbers) == (written.kind.value, written.wanted_unit, frozenset())


def test_city_code_typed_with_a_space_expands():
    assert "Thành phố Hồ Chí Minh" in analyze_query("tp hcm ho tro bao nhieu tram y te").expansions
