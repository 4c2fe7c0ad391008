"""The part of a named document a question asks about: the other spelling of a name its header prints asks nothing."""

from retriever.search import _ALIAS_SYLLABLES, _header_word, asked_beyond_header


def test_expansion_of_an_abbreviation_the_header_prints_is_the_headers_word():
    # a header "Quyết định 12/QĐ-UBND … tỉnh Sơn La": the question's "Ủy ban nhân dân" is that "UBND"
    header = {"quyet", "dinh", "12", "qd", "ubnd", "tinh", "son", "la"}
    aliases = _ALIAS_SYLLABLES.aliases_of(header)
    assert _header_word("~ủy", header, aliases)
    assert _header_word("ban_nhan", header, aliases)


def test_a_word_the_header_does_not_print_stays_asked():
    header = {"quyet", "dinh", "12", "qd", "ubnd", "tinh", "son", "la"}
    aliases = _ALIAS_SYLLABLES.aliases_of(header)
    assert not _header_word("~thời_hạn", header, aliases)
    assert not _header_word("bhxh", header, aliases)  # an abbreviation whose name the header does not print


def test_joins_of_the_headers_words_ask_nothing_of_the_document():
    # title "Công bố thủ tục hành chính … của Bộ Chỉ huy Quân sự tỉnh Sơn La": "… của Sơn La công bố bao nhiêu
    # thủ tục" leaves only joins across the title's words ("cua_son", "la_cong") beyond its question words
    header = {"cong", "bo", "thu", "tuc", "hanh", "chinh", "cua", "son", "la", "tinh", "ubnd"}
    assert asked_beyond_header(["cua_son", "la_cong", "~ủy", "tinh_uy"], header) == []


def test_a_new_word_keeps_the_joins_beside_it():
    # "tổ chức lại" is a term the question asks about even when the title prints "tổ chức" and "lại" apart
    header = {"to", "chuc", "lai", "giai", "the", "hanh", "chinh"}
    assert asked_beyond_header(["chuc_lai", "khai", "niem"], header) == ["chuc_lai", "khai", "niem"]
