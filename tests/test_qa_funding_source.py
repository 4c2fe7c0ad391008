"""w104: a question asking where money comes from ("tiền … lấy từ đâu?", "kinh phí … từ nguồn nào?") is answered by
the near sentence naming a source of funds (a budget, a loan, "xã hội hóa"), not by the sentence that sets the scheme
or its start date, even when that one prints the question's year."""
from types import SimpleNamespace as N

from retriever.qa.clauses import asks_funding, funding_unit, names_funding

START = "Nghị quyết này có hiệu lực kể từ ngày 01 tháng 7 năm 2027."
SCOPE = "Quy định này áp dụng đối với cộng tác viên dân số ở thôn, bản và các cơ quan có liên quan."
SOURCE = "Năm 2027: kinh phí do ngân sách tỉnh bảo đảm; từ năm 2028 ngân sách xã bố trí theo phân cấp."
TEXT = f"{START}\n{SCOPE}\n{SOURCE}"


def unit(sentence, score):
    start = TEXT.index(sentence)
    return N(unit=N(start=start, end=start + len(sentence)), score=score)


def test_a_question_about_where_money_comes_from():
    assert asks_funding("nam 2027 tien tra phu cap cong tac vien dan so lay tu dau")
    assert asks_funding("kinh phi thuc hien ke hoach tu nguon nao")
    assert not asks_funding("cong tac vien dan so duoc tuyen tu dau")  # no money asked
    assert not asks_funding("kinh phi thuc hien ke hoach la bao nhieu")  # an amount, not a source


def test_a_sentence_names_a_source_of_funds():
    assert names_funding(TEXT, *_span(SOURCE))
    assert names_funding("Nguồn kinh phí từ các doanh nghiệp và huy động xã hội hóa.", 0, 55)
    assert not names_funding(TEXT, *_span(START))


def test_the_near_source_sentence_answers_over_the_start_date_ranked_first():
    start, scope, source = unit(START, 1.3), unit(SCOPE, 1.25), unit(SOURCE, 1.15)
    assert funding_unit([start, scope, source], lambda c: TEXT, [start, scope, source], 0.4) is source
    assert funding_unit([start, source], lambda c: TEXT, [start, source], 0.1) is start  # too far below the best


def _span(sentence):
    start = TEXT.index(sentence)
    return start, start + len(sentence)
