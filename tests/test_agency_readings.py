"""How a clerk reads the responsible body (w83): a role named with its own commas, the verb past "có trách nhiệm"
or "là cơ quan", a name's prefix compared past its head, bodies sharing one head as a sentence's subject, collective
headings wrapped over lines, and a body the question prints only when its words stand together."""

from __future__ import annotations

from retriever.qa.extractors.agency import (
    _FRAME_BONUS,
    AgencyExtractor,
    _acceptable,
    _frame_after,
    _frame_match,
    agency_spans,
    printed_together,
    question_frame,
)
from retriever.qa.question import analyze_question
from tests.test_qa_extractors import Corpus, extract_in_unit


def test_role_named_with_its_own_commas_is_the_subject(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Tổ chức thu lệ phí\nCơ quan nhà nước có thẩm quyền cấp, cấp lại Chứng\n"
                              "chỉ hành nghề môi giới bất động sản theo quy định của pháp luật về kinh doanh bất\n"
                              "động sản là tổ chức thu lệ phí theo quy định tại Thông tư này.\n")
    span = corpus.extract("Ai là tổ chức thu lệ phí cấp chứng chỉ hành nghề môi giới bất động sản?")
    assert span.text == "Cơ quan nhà nước có thẩm quyền cấp, cấp lại Chứng chỉ hành nghề môi giới bất động sản"


def test_role_after_a_leading_clause_reaches_back_over_its_comma(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Lập danh sách\nc) Sau khi tiếp nhận Tờ khai do đơn vị quản lý trực tiếp "
                              "chuyển đến, cơ quan tổ chức cán bộ Công an đơn vị, địa phương có trách nhiệm lập Danh "
                              "sách đối tượng tham gia bảo hiểm y tế.\n")
    span = corpus.extract("Trong Công an đơn vị, bộ phận nào lập Danh sách đối tượng tham gia bảo hiểm y tế?")
    assert span.text.startswith("cơ quan tổ chức cán bộ") and "trách nhiệm" not in span.text


def test_role_nouns_alone_or_a_predicate_name_no_one(tmp_path):
    text = ("Điều 5. Thời hạn thẩm định\nSau khi nhận đủ hồ sơ, cơ quan, tổ chức thẩm định phải có văn bản thẩm "
            "định gửi cơ quan đề nghị.\n")
    span = extract_in_unit(tmp_path, text, "Cơ quan nào thẩm định hồ sơ?", "cơ quan, tổ chức thẩm định",
                           AgencyExtractor())
    assert span is None or span.text not in ("cơ quan, tổ chức", "cơ quan, tổ chức thẩm định phải có văn bản")


def test_verb_read_past_the_modal_after_a_name(tmp_path):
    corpus = Corpus(tmp_path, "Điều 4. Tổ chức thực hiện\n1. Bộ Quốc phòng chủ trì, phối hợp với Bộ Nội vụ hướng "
                              "dẫn thực hiện Quyết định này.\n2. Bộ Tài chính có trách nhiệm bố trí ngân sách hằng năm "
                              "để thực hiện chế độ.\n")
    assert corpus.extract("Bộ nào bố trí ngân sách hằng năm để thực hiện chế độ?").text == "Bộ Tài chính"
    assert question_frame("bo nao co trach nhiem bo tri ngan sach") == ((), ("bo", "tri"))
    assert question_frame("ai duoc giao thay mat chinh phu") == ((), ("duoc", "giao"))  # "được giao" is the verb


def test_name_prefix_compared_past_its_head():
    question = analyze_question("UBND đặc khu trong trường hợp đặc thù trình ai quyết định thành lập?")
    assert _acceptable(question, "Ủy ban nhân dân cấp tỉnh")  # another level: not the question's own body
    assert not _acceptable(question, "Ủy ban nhân dân đặc khu Phú Quốc")  # its own body, named longer


def test_bodies_sharing_one_head_are_the_subject(tmp_path):
    corpus = Corpus(tmp_path, "Điều 2. Tổ chức thực hiện\n3. Bộ trưởng các Bộ: Quốc phòng, Công an chỉ đạo lực "
                              "lượng quân đội hỗ trợ người dân sửa chữa nhà cửa.\n")
    span = corpus.extract("Bộ nào chỉ đạo lực lượng quân đội hỗ trợ người dân sửa chữa nhà cửa?")
    assert "Quốc phòng" in span.text and "Công an" in span.text


def test_collective_heading_wrapped_over_two_lines_owns_its_points(tmp_path):
    text = ("IV. TỔ CHỨC THỰC HIỆN\n\n5. Các chủ đầu tư xây dựng và\nkinh doanh hạ tầng Khu công nghiệp\n\n"
            "- Tạo điều kiện về mặt bằng cho việc lắp đặt thiết bị 5G.\n\n- Chủ động đề xuất nhu cầu ứng dụng IoT.\n")
    span = extract_in_unit(tmp_path, text, "Ai phải tạo điều kiện về mặt bằng cho việc lắp đặt thiết bị 5G?",
                           "Tạo điều kiện về mặt bằng", AgencyExtractor())
    assert span is not None and "chủ đầu tư xây dựng và kinh doanh hạ tầng" in span.text


def test_a_name_is_printed_by_the_question_only_when_its_words_stand_together():
    question = analyze_question("Hai sở nào đánh giá tự chủ tài chính tại các đơn vị trực thuộc Sở Y tế Nghệ An?")
    assert not printed_together("Sở Tài chính", question)
    assert printed_together("Sở Y tế", question)
    question = analyze_question("Cơ quan nào thẩm định tổ chức thuộc thẩm quyền của Chính phủ, Thủ tướng?")
    assert printed_together("Thủ tướng Chính phủ", question)
    assert printed_together("Ủy ban nhân dân tỉnh", analyze_question("UBND tỉnh giao cơ quan nào chủ trì?"))


def test_verb_read_past_a_where_clause():
    frame = question_frame("ai phe duyet phuong an xu ly tai san")
    text = "Chủ tịch Ủy ban nhân dân các phường, xã nơi cơ quan thi hành án đóng trụ sở phê duyệt phương án"
    at = text.index(" nơi")
    assert _frame_after(frame, text, at) == _FRAME_BONUS  # the verb after the clause saying where the body is
    assert _frame_after(frame, text.replace(" phê duyệt", ", phê duyệt"), at) == 0.0  # not past the clause's end


def test_standing_members_of_a_body_are_named_whole(tmp_path):
    """w89: "Thường trực HĐND", "Ban Thường vụ Tỉnh ủy", "Thường trực Ban Chỉ đạo" are bodies of their own."""
    names = [n for _, _, n in agency_spans("Giao Thường trực Hội đồng nhân dân, các Tổ đại biểu giám sát")]
    assert names[:1] == ["Thường trực Hội đồng nhân dân"]
    assert [n for _, _, n in agency_spans("báo cáo Ban Thường vụ Tỉnh ủy")] == ["Ban Thường vụ Tỉnh ủy"]
    assert [n for _, _, n in agency_spans("Ủy ban Thường vụ Quốc hội cho ý kiến")] == ["Ủy ban Thường vụ Quốc hội"]
    assert "Thường vụ của Quốc hội" not in [n for _, _, n in agency_spans("trình Ủy ban Thường vụ của Quốc hội")]
    corpus = Corpus(tmp_path, "Điều 3. Tổ chức thực hiện\n1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.\n"
                              "2. Giao Thường trực HĐND tỉnh giám sát việc thực hiện Nghị "
                              "quyết.\n")
    assert corpus.extract("Ai giám sát việc thực hiện Nghị quyết?").text.startswith("Thường trực HĐND tỉnh")


def test_front_named_with_tổ_quốc_in_lower_case(tmp_path):
    """w89: "Ủy ban Mặt trận tổ quốc Việt Nam" is the Front's name whatever the case of "tổ quốc"."""
    assert [n for _, _, n in agency_spans("3. Ủy ban Mặt trận tổ quốc Việt Nam các cấp chủ trì giám sát")] \
        == ["Ủy ban Mặt trận tổ quốc Việt Nam"]
    corpus = Corpus(tmp_path, "Điều 5. Tổ chức thực hiện\n1. Bộ Tài chính bố trí kinh phí hỗ trợ.\n"
                              "2. Ủy ban Mặt trận tổ quốc Việt Nam các cấp chủ trì tổ chức giám sát việc hỗ trợ.\n")
    assert corpus.extract("Ai chủ trì tổ chức giám sát việc hỗ trợ?").text.startswith("Ủy ban Mặt trận tổ quốc")


def test_a_sector_named_by_its_field_is_a_body(tmp_path):
    """w89: "ngành Nội vụ", "ngành Y tế" name the body that runs the sector; a footnote mark ends the name; "các sở,
    ngành Thành phố" names no sector."""
    assert [n for _, _, n in agency_spans("chuyển về ngành Nội vụ[5] để thực hiện")] == ["ngành Nội vụ"]
    assert [n for _, _, n in agency_spans("Bộ Nội vụ[6] chịu trách nhiệm")] == ["Bộ Nội vụ"]
    assert [n for _, _, n in agency_spans("các sở, ngành Thành phố phối hợp")] == []
    corpus = Corpus(tmp_path, "Điều 4. Tổ chức thực hiện\n1. Thủ tướng Chính phủ quyết định mức trợ cấp.\n"
                              "2. Đối tượng chuyển sang hưởng trợ cấp hằng tháng thì ngành Y tế truy thu khoản trợ cấp "
                              "một lần đã nhận.\n")
    assert corpus.extract("Ngành nào truy thu khoản trợ cấp một lần đã nhận?").text == "ngành Y tế"


def test_asked_who_is_given_a_task_the_body_after_giao_fits(tmp_path):
    """w89: "Ai được giao giám sát …" is the passive of "Giao X giám sát …": the name right after "Giao" fits the
    question's frame; a body merely requested ("Đề nghị Y …") does not."""
    frame = question_frame("ai duoc giao giam sat viec thuc hien nghi quyet")
    text = "2. Giao Thường trực HĐND tỉnh, các Tổ đại biểu giám sát. 3. Đề nghị Ủy ban MTTQ tỉnh giám sát."
    given = text.index("Thường trực")
    requested = text.index("Ủy ban MTTQ")
    assert _frame_match(frame, text, given, given + 21) == _FRAME_BONUS
    assert _frame_match(frame, text, requested, requested + 16) == 0.0
