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
