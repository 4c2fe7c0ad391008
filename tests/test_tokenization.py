from index.tokenization import Tokenizer, act_number_keys

TOKENIZER = Tokenizer()


def test_accentless_query_shares_tokens_with_accented_passage():
    passage = set(TOKENIZER.passage_tokens("Sở Giáo dục và Đào tạo chủ trì y tế trường học"))
    query = TOKENIZER.query_tokens("so nao chu tri y te truong hoc")
    assert {"chu_tri", "y_te", "truong_hoc", "so"} <= set(query)
    assert set(query) - {"nao", "so_nao", "nao_chu"} <= passage


def test_old_and_new_tone_placement_give_the_same_tokens():
    assert TOKENIZER.passage_tokens("sức khoẻ, hoà bình, thuý") == TOKENIZER.passage_tokens("sức khỏe, hòa bình, thúy")


def test_accented_query_uses_diacritics_and_compounds():
    tokens = TOKENIZER.query_tokens("Sở Y tế")
    assert "~sở" in tokens and "~y_tế" in tokens
    assert "~sở" not in TOKENIZER.query_tokens("so y te")


def test_act_numbers_are_single_tokens_whatever_the_spacing():
    assert act_number_keys("Chỉ thị số 25- CT/TW") == ["25-CT/TW"]
    assert act_number_keys("25-ct/tw") == []  # passages write codes in upper case
    assert "25-ct/tw" in TOKENIZER.query_tokens("chỉ thị 25-ct/tw")  # queries in any case
    assert act_number_keys("Quyết định 281/QĐ-TTg và 281/QĐ-TTG") == ["281/QĐ-TTG", "281/QĐ-TTG"]
    assert act_number_keys("ngày 18/3/2024, 95%, Số: /UBND-YT") == []
    assert "25-ct/tw" in TOKENIZER.passage_tokens("Chỉ thị số 25- CT/TW ngày 25/10/2023")


def _strip_by_normalization(text):
    """The definition: NFD, every combining mark dropped, NFC (đ → d first)."""
    import unicodedata

    from corpus.vietnamese import _STRIP_TABLE

    decomposed = unicodedata.normalize("NFD", text.translate(_STRIP_TABLE))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def test_keys_by_table_equal_keys_by_normalization():
    """strip_diacritics takes a translate table for Latin text and match_key skips the tone move it
    would then delete: both must give the keys of the definition, on any text."""
    import random
    import unicodedata

    from conftest import BUNDLED_CORPUS

    from corpus.vietnamese import fold_tones, match_key, nfc, strip_diacritics

    texts = [line for path in sorted(BUNDLED_CORPUS.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    ranges = [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)]
    others = [0x4E2D, 0xAC00, 0x1100, 0x1161, 0x0BC6, 0x0BBE, 0x0391, 0x0301]  # CJK, Hangul jamo, Tamil, Greek
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(chr(rng.choice(ranges if rng.random() < 0.95 else others)) for _ in range(rng.randint(1, 12)))
        texts += [text, unicodedata.normalize("NFD", text)]
    texts += ["Hoà bình, KHOẺ, thuý, quý", "Sở Y tế", "", "ĐÐđð", "e\u0302\u0301", "\uac00\u0301\u1161"]
    for text in texts:
        assert strip_diacritics(text) == _strip_by_normalization(text), repr(text)
        assert match_key(text) == _strip_by_normalization(fold_tones(nfc(text))).lower(), repr(text)
