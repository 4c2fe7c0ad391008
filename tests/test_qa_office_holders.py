"""An office holder as the actor of a task (helper w113): "Hiệu trưởng Trường …", "Cục trưởng quyết định …",
"Trưởng ban Ban Quản lý trình …" at the head of a clause is who does it.  Sentences written in the style of the
decrees on a ministry's or a board's organisation (tvpl_086, tvpl_088, tvpl_187); none is copied from a question."""

from __future__ import annotations

from test_qa_extractors import extract_in_unit

from retriever.qa.extractors.agency import AgencyExtractor
from retriever.qa.extractors.agency.holders import office_holders
from retriever.qa.extractors.agency.names import agency_spans

_HEADER = "QUYẾT ĐỊNH\nVề việc phân cấp quản lý viên chức\n\n"


def _answer(tmp_path, body: str, question: str, holding: str):
    return extract_in_unit(tmp_path, _HEADER + body, question, holding, AgencyExtractor())


def _holders(text: str) -> list[str]:
    return [name for _, _, name in office_holders(text, 0, len(text), agency_spans(text))]


def test_the_head_of_a_school_named_in_the_question_is_the_answer(tmp_path):
    # the school is the question's own body: the clerk answers with its head, title and name
    body = ("Điều 5. Phân cấp cử viên chức đi đào tạo\n"
            "2. Hiệu trưởng Trường Cao đẳng Y tế Bình Định quyết định cử viên chức đi học tập,\n"
            "bồi dưỡng ở nước ngoài đối với viên chức giữ chức vụ từ cấp khoa trở xuống.\n")
    span = _answer(tmp_path, body, "Ai quyết định cử viên chức của Trường Cao đẳng Y tế Bình Định đi bồi dưỡng ở nước "
                   "ngoài?", "Hiệu trưởng")
    assert span is not None and span.text == "Hiệu trưởng Trường Cao đẳng Y tế Bình Định"


def test_a_title_alone_heading_a_point_is_the_holder_of_that_office(tmp_path):
    # the Department is the one the article is about: "Cục trưởng" alone names its head
    body = ("Điều 7. Thẩm quyền bổ nhiệm tại Cục Quản lý Khám, chữa bệnh\n"
            "1. Cục trưởng quyết định bổ nhiệm, miễn nhiệm, điều động Trưởng phòng, Phó Trưởng phòng thuộc Cục.\n"
            "2. Chánh Văn phòng Cục tổng hợp kết quả, báo cáo Vụ Tổ chức cán bộ.\n")
    span = _answer(tmp_path, body, "Người nào quyết định bổ nhiệm Trưởng phòng thuộc Cục?", "Cục trưởng quyết")
    assert span is not None and span.text == "Cục trưởng"


def test_the_head_of_a_board_the_question_names_submits_what_the_board_needs(tmp_path):
    body = ("Điều 3. Tổ chức bộ máy\n"
            "2. Trưởng ban Ban Quản lý trình Ủy ban nhân dân tỉnh quyết định số lượng người làm việc\n"
            "của Ban Quản lý Khu công nghiệp Phú Tài theo quy định của pháp luật.\n")
    span = _answer(tmp_path, body, "Ai trình UBND tỉnh quyết định số lượng người làm việc của Ban Quản lý Khu công "
                   "nghiệp Phú Tài?", "Trưởng ban")
    assert span is not None and span.text == "Trưởng ban Ban Quản lý"


def test_a_holder_is_read_only_before_a_predicate_at_the_head_of_a_clause():
    assert _holders("3. Giám đốc Học viện Quân y có trách nhiệm tổ chức thi tuyển.") == ["Giám đốc Học viện Quân y"]
    assert _holders("- Vụ trưởng được ký các văn bản hướng dẫn chuyên môn.") == ["Vụ trưởng"]
    # a recipient's line, a signer's line, a holder named as an object: no one who acts
    assert _holders("Nơi nhận:\n- Bộ trưởng (để b/c);\n- Cục trưởng;") == []
    assert _holders("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG") == []
    assert _holders("Phòng Tổ chức báo cáo Hiệu trưởng quyết định.") == []
    # a board named in lower case after its head ("Ban chỉ đạo …") is no predicate after "Ban"
    assert _holders("- Chánh Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia.") == []
    # "Trưởng" alone heads a role in lower case, not an office of a named body
    assert _holders("Trưởng đoàn kiểm tra có trách nhiệm lập biên bản.") == []


def test_a_ministry_takes_no_lower_case_second_syllable():
    # "thuộc Bộ nhóm 1": the Ministry already named, and the group of units — no body called "Bộ nhóm"
    spans = agency_spans("2. Người đứng đầu đơn vị sự nghiệp thuộc Bộ nhóm 1, nhóm 2 quyết định bổ nhiệm cấp phó.")
    assert [name for _, _, name in spans] == []
    assert [name for _, _, name in agency_spans("Các Sở ngành phối hợp với Sở Y tế.")] == ["Sở Y tế"]
