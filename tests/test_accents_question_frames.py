"""Restoring the diacritics of a question typed without them: administrative text rarely asks, so the question
words ("mấy", "bao nhiêu", "từ bao nhiêu … trở lên") must win over the document words spelt with the same letters
("máy" machine, "bảo hiểm", "tử vong") unless their neighbours in the question say otherwise."""

import pytest

from retriever.accents import DiacriticRestorer

# A corpus in the style of the documents: machines, insurance, deaths are printed; "mấy" never is.
PASSAGES = [
    "Trang bị máy móc, thiết bị cho trạm y tế xã; máy thở, máy tính và nhà máy xử lý chất thải.",
    "Bảo hiểm y tế, bảo hiểm xã hội; bảo đảm kinh phí; bảo vệ sức khỏe nhân dân.",
    "Tỷ lệ tử vong mẹ giảm; từ năm 2025 thực hiện thanh toán trong thời hạn 05 ngày làm việc.",
    "Hồ sơ gồm đơn đề nghị; thời gian giải quyết 10 ngày; mức hỗ trợ 500.000 đồng mỗi tháng.",
] * 20


@pytest.fixture(scope="module")
def restorer():
    return DiacriticRestorer.from_texts(PASSAGES)


@pytest.mark.parametrize("typed,restored", [
    ("thoi gian giai quyet trong may ngay", "thời gian giải quyết trong mấy ngày"),
    ("ho so co may", "hồ sơ có mấy"),
    ("muc ho tro bao nhieu", "mức hỗ trợ bao nhiêu"),
    ("tu bao nhieu tro len", "từ bao nhiêu trở lên"),
])
def test_question_words_win_over_document_words_of_the_same_letters(restorer, typed, restored):
    assert restorer.restore(typed) == restored


@pytest.mark.parametrize("typed,restored", [
    ("trang bi may moc cho tram y te", "trang bị máy móc cho trạm y tế"),
    ("nha may xu ly chat thai", "nhà máy xử lý chất thải"),
    ("bao hiem y te", "bảo hiểm y tế"),
])
def test_document_words_stay_where_their_neighbours_say_so(restorer, typed, restored):
    assert restorer.restore(typed) == restored
