"""Wh-phrases whose noun is not the body that acts: a place or a level a rule reaches, a facility, a body named after
"ai là", and cue words spelt inside another word ("cơ sở", "kỷ luật")."""

import pytest

from corpus.vietnamese import match_key
from retriever.qa.question import analyze_question

CASES = [
    # a place or a level governed by "ở / tại / từ / đến": where or how far a rule reaches, read in its clause
    ("Khu kinh tế cửa khẩu được thí điểm nằm ở tỉnh nào?", "what"),
    ("Quy chuẩn bắt buộc áp dụng cho công trình từ cấp nào trở lên?", "what"),
    ("Giám đốc Sở được phân cấp bổ nhiệm công chức đến cấp nào?", "what"),
    ("Chương trình được triển khai thí điểm tại huyện nào?", "what"),
    # … while the place or the level as the clause's subject is the body that acts
    ("Cấp nào quyết định thành lập đoàn kiểm tra?", "agency"),
    ("Tỉnh nào phải báo cáo trước ngày 15 hằng tháng?", "agency"),
    ("Hồ sơ được gửi đến cơ quan nào?", "agency"),
    ("Cơ quan đăng ký kinh doanh cấp nào tiếp nhận hồ sơ?", "agency"),
    # "cơ sở nào" (a facility) is no "Sở nào" (a department)
    ("Đề án sẽ thí điểm xây dựng cơ sở nào để giám sát công trình?", "what"),
    ("Sở nào chủ trì thẩm định đề án?", "agency"),
    # "ai là cơ quan / tổ chức": a body, whatever the "phố" of "thành phố" spells like
    ("Theo nghị quyết của thành phố Hà Nội, ai là cơ quan tổ chức lập quy hoạch?", "agency"),
    ("Ai là tổ chức thu lệ phí ở thành phố?", "agency"),
    ("Phó Chủ tịch Ủy ban nhân dân thành phố phụ trách lĩnh vực y tế là ai?", "person"),
    # "hình thức kỷ luật nào" names no act ("luật nào")
    ("Công chức vi phạm lần đầu bị áp dụng hình thức kỷ luật nào?", "what"),
    ("Việc xử lý vi phạm áp dụng theo luật nào?", "document"),
]


@pytest.mark.parametrize("question,kind", CASES)
def test_kind(question, kind):
    assert analyze_question(question).kind.value == kind


@pytest.mark.parametrize("question,kind", CASES)
def test_kind_without_diacritics(question, kind):
    assert analyze_question(match_key(question)).kind.value == kind
