"""w104: a question asking the goal of a task or scheme ("nhằm mục tiêu gì", "mục tiêu … là gì") is answered by the
near sentence naming the goal ("Mục tiêu là …") or holding a purpose clause ("… để trở thành …"), not by one that
denies a purpose ("không phải nhằm …") nor by the sentence listing the task's figures."""
from types import SimpleNamespace as N

from retriever.qa.clauses import asks_goal, goal_unit, states_goal

DENIED = "Việc hợp nhất các trường không phải nhằm mục đích cắt giảm biên chế như thông tin lan truyền gần đây."
FIGURES = "Năm 2027, phấn đấu tuyển sinh 1.200 học viên; mở thêm 15 ngành đào tạo mới."
PURPOSE = "Đầu tư nâng cấp phòng thí nghiệm của Trường Cao đẳng Y tế để trở thành trung tâm đào tạo vùng."
NAMED = "Mục tiêu là xây dựng mạng lưới trường nghề tinh gọn, gần người học, đào tạo sát nhu cầu thị trường."
TEXT = f"{DENIED}\n{FIGURES}\n{PURPOSE}\n{NAMED}"


def unit(sentence, score):
    start = TEXT.index(sentence)
    return N(unit=N(start=start, end=start + len(sentence)), score=score)


def _states(sentence, explicit):
    start = TEXT.index(sentence)
    return states_goal(TEXT, start, start + len(sentence), explicit)


def test_a_question_asking_a_goal():
    assert asks_goal("viec hop nhat cac truong nham muc tieu gi")
    assert asks_goal("muc tieu nang cap phong thi nghiem cua truong cao dang y te nam 2027 la gi")
    assert not asks_goal("dat muc tieu tuyen sinh bao nhieu hoc vien")
    assert not asks_goal("long ghep vao chuong trinh muc tieu quoc gia nao")


def test_how_a_sentence_states_a_goal():
    assert _states(NAMED, explicit=True) and not _states(PURPOSE, explicit=True)
    assert _states(PURPOSE, explicit=False)
    assert not _states(DENIED, explicit=False)  # "không phải nhằm …" denies a purpose
    assert not _states(FIGURES, explicit=False)


def test_the_named_goal_answers_over_a_denied_purpose_ranked_first():
    denied, named = unit(DENIED, 1.5), unit(NAMED, 1.2)
    assert goal_unit([denied, named], lambda c: TEXT, denied, [denied, named], 0.4) is named


def test_a_purpose_clause_answers_over_the_figures_ranked_first():
    figures, purpose = unit(FIGURES, 1.37), unit(PURPOSE, 1.30)
    assert goal_unit([figures, purpose], lambda c: TEXT, figures, [figures, purpose], 0.4) is purpose
    assert goal_unit([figures, purpose], lambda c: TEXT, figures, [figures, purpose], 0.05) is figures
