"""The part of a named document a question asks about: the other spelling of a name its header prints asks nothing."""

from retriever.search import _ALIAS_SYLLABLES, _header_word


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
