"""Who does what the question asks (helper w121): the actor of the clause that prints the question's predicate, read
as a clerk reads it — the subject before the verb, the agent of a passive ("do X ký"), the complement of a definition
("Người nộp … là X"), the object of a verb that then acts ("mời X tham gia") — whether or not it is a named body.
The sentences are written in the style of decrees and circulars, not copied from a document."""

from __future__ import annotations

from test_qa_extractors import extract_in_unit

from retriever.qa.extractors.agency import AgencyExtractor
from retriever.qa.extractors.agency.actor import asked_predicate, predicate_actors
from retriever.qa.question import analyze_question

_HEADER = "THÔNG TƯ\nQuy định về việc cấp giấy phép hành nghề\n\n"


def _actors(question: str, body: str) -> list[str]:
    return [" ".join(body[s:e].split()) for s, e, _ in predicate_actors(analyze_question(question).key, body)]


def test_the_question_predicate_is_read_past_its_modals():
    key = analyze_question("Ai là người phải nộp lệ phí thẩm định hồ sơ?").key
    assert asked_predicate(key) == ("", ["nop", "le", "phi"], True)
    assert asked_predicate(analyze_question("Báo cáo này phải do ai ký?").key) == ("do", ["ky"], False)


def test_the_subject_before_the_verb_is_a_class_of_persons_not_only_a_body():
    body = ("2. Trong thời hạn 10 ngày, cá nhân đề nghị cấp giấy phép có trách nhiệm nộp hồ sơ tại Sở Y tế; "
            "Sở Y tế thẩm định hồ sơ.")
    assert _actors("Ai có trách nhiệm nộp hồ sơ?", body) == ["cá nhân đề nghị cấp giấy phép"]


def test_a_subject_listing_several_actors_is_read_whole_and_a_name_tail_after_a_comma_stays_in_it():
    body = "Hộ gia đình, tổ hợp tác phải đăng ký kinh doanh tại Ủy ban nhân dân cấp xã."
    assert _actors("Ai phải đăng ký kinh doanh?", body) == ["Hộ gia đình, tổ hợp tác"]
    body = "3. Chủ tịch Ủy ban nhân dân các\nquận, huyện quyết định thu hồi giấy phép đã cấp."
    assert _actors("Ai quyết định thu hồi giấy phép?", body) == ["Chủ tịch Ủy ban nhân dân các quận, huyện"]


def test_a_time_clause_between_subject_and_verb_does_not_hide_the_subject():
    body = "Nhà thầu, khi nhận được thông báo trúng thầu, phải ký hợp đồng trong thời hạn 05 ngày."
    assert _actors("Ai phải ký hợp đồng?", body) == ["Nhà thầu"]
    body = "Chủ đầu tư khi lập hồ sơ đề nghị điều chỉnh dự án phải nộp phí thẩm định theo quy định."
    assert _actors("Ai phải đóng phí thẩm định?", body) == ["Chủ đầu tư"]  # "đóng phí" is printed "nộp phí"


def test_the_agent_of_a_passive_signs():
    body = "4. Báo cáo kết quả kiểm tra phải do trưởng đoàn kiểm tra ký, gửi cơ quan quyết định kiểm tra."
    assert _actors("Báo cáo kết quả kiểm tra phải do ai ký?", body) == ["trưởng đoàn kiểm tra"]


def test_a_definition_names_who_pays():
    body = "Người nộp phí theo quy định tại Thông tư này là\ntổ chức, cá nhân khi đề nghị cấp giấy phép hành nghề."
    assert _actors("Ai là người nộp phí cấp giấy phép hành nghề?", body) == ["tổ chức, cá nhân"]


def test_the_object_of_the_verb_before_the_slot_does_the_next_verb():
    body = "Khuyến khích nhà trường mời các nghệ nhân, chuyên gia tham gia hướng dẫn học sinh."
    assert _actors("Nhà trường được khuyến khích mời ai tham gia hướng dẫn học sinh?", body) == ["các nghệ nhân, chuyên gia"]


def test_a_verb_after_a_comma_or_a_verb_spelt_like_a_body_has_no_subject():
    body = "1. Các cơ quan, tổ chức, cá nhân tham gia việc lập, thẩm định, phê duyệt quy hoạch."
    assert _actors("Cơ quan nào thẩm định quy hoạch?", body) == []  # "việc lập, thẩm định": a list of tasks
    assert _actors("Cơ quan nào kiểm tra việc cấp phép?", "b) Tổ chức kiểm tra việc cấp phép.") == []
    assert _actors("Ai cấp giấy phép?", "Cơ quan có thẩm quyền cấp giấy phép trong thời hạn 15 ngày.") == []


def test_partners_listed_before_a_verb_are_not_its_subject():
    body = "Phòng Y tế chủ trì, phối hợp với Ban Tổ chức và các đơn vị liên quan, Ủy ban nhân dân các phường tham mưu khen thưởng."
    assert _actors("Ai tham mưu khen thưởng?", body) == []


def test_the_extractor_answers_the_unnamed_actor_over_a_body_named_in_passing(tmp_path):
    body = ("Điều 5. Hồ sơ đề nghị\n3. Tờ trình thành lập phải do người đứng đầu cơ quan, tổ chức đề nghị thành lập ký, "
            "gửi Bộ Nội vụ và Bộ Tư pháp thẩm định.\n")
    span = extract_in_unit(tmp_path, _HEADER + body, "Tờ trình thành lập phải do ai ký?", "Tờ trình thành lập",
                           AgencyExtractor())
    assert span is not None and span.text == "người đứng đầu cơ quan, tổ chức đề nghị thành lập"
