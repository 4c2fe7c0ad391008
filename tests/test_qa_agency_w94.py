"""Who executes a document (helper w94): the subject of its closing "… chịu trách nhiệm thi hành Quyết định này",
office holders included, read whole when the question asks "ai" / "những ai"; the sentences are written for the
test in the style of a province's decision and a decree."""

from __future__ import annotations

from test_qa_extractors import extract_in_unit

from retriever.qa.extractors.agency import AgenciesExtractor, AgencyExtractor

_DECISION = ("QUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính lĩnh vực dược\n\n"
             "Điều 1. Công bố kèm theo Quyết định này 03 thủ tục hành chính lĩnh vực dược thuộc thẩm quyền giải quyết "
             "của Sở Y tế.\n\n"
             "Điều 2. Sở Y tế có trách nhiệm cập nhật thủ tục hành chính lên Cơ sở dữ liệu quốc gia.\n\n"
             "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Y tế; Thủ trưởng các sở, ban, ngành tỉnh; "
             "Chủ tịch Ủy ban nhân dân các xã, phường và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
             "Quyết định này./.\n")


def test_the_executors_of_a_decision_are_its_closing_subject_titles_included(tmp_path):
    span = extract_in_unit(tmp_path, _DECISION, "Những ai chịu trách nhiệm thi hành quyết định công bố thủ tục "
                           "hành chính lĩnh vực dược?", "chịu trách nhiệm thi hành", AgenciesExtractor())
    assert span is not None
    assert span.text.startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Y tế; Thủ trưởng các sở")
    # one executor asked ("Ai …") is read the same way: the office holders, not the bodies named in their titles
    one = extract_in_unit(tmp_path, _DECISION, "Ai chịu trách nhiệm thi hành quyết định công bố thủ tục hành chính "
                          "lĩnh vực dược?", "chịu trách nhiệm thi hành", AgencyExtractor())
    assert one is not None and one.text.startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Y tế")


def test_a_body_named_elsewhere_is_less_likely_than_the_executors(tmp_path):
    asked = "Ai chịu trách nhiệm thi hành quyết định công bố thủ tục hành chính lĩnh vực dược?"
    closing = extract_in_unit(tmp_path, _DECISION, asked, "chịu trách nhiệm thi hành", AgencyExtractor())
    other = extract_in_unit(tmp_path, _DECISION, asked, "Cơ sở dữ liệu quốc gia", AgencyExtractor())
    assert other is not None and other.text == "Sở Y tế" and other.confidence < closing.confidence - 0.5


def test_a_head_asked_reads_the_names_under_it_not_the_whole_subject(tmp_path):
    decree = ("NGHỊ ĐỊNH\nQuy định về chi phí dẫn độ\n\nĐiều 9. Trách nhiệm thi hành\n"
              "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung "
              "ương và các cơ quan, tổ chức có liên quan chịu trách nhiệm thi hành Nghị định này.\n")
    whole = extract_in_unit(tmp_path, decree, "Những ai chịu trách nhiệm thi hành Nghị định về chi phí dẫn độ?",
                            "chịu trách nhiệm thi hành", AgenciesExtractor())
    assert whole is not None and whole.text.startswith("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban")
    assert len(whole.text) <= 150
    heads = extract_in_unit(tmp_path, decree, "Ủy ban nhân dân những tỉnh nào thi hành Nghị định về chi phí dẫn độ?",
                            "chịu trách nhiệm thi hành", AgenciesExtractor())
    assert heads is None or not heads.text.startswith("Bộ trưởng")


def test_a_form_to_fill_in_is_not_the_act_s_closing_article(tmp_path):
    form = ("QUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính\n\nPhụ lục. Mẫu quyết định\n"
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân, Giám đốc Sở Y tế, …….(tên tổ chức, cá nhân)……. chịu trách "
            "nhiệm thi hành Quyết định này.\n")
    span = extract_in_unit(tmp_path, form, "Những ai chịu trách nhiệm thi hành quyết định công bố thủ tục hành chính?",
                           "chịu trách nhiệm thi hành", AgenciesExtractor())
    assert span is None or "…" not in span.text
    numbered = form.replace("Chánh Văn phòng Ủy ban nhân dân, Giám đốc Sở Y tế, …….(tên tổ chức, cá nhân)…….",
                            "Trưởng đoàn kiểm tra, ....(7) và .....(8)")
    span = extract_in_unit(tmp_path, numbered, "Những ai chịu trách nhiệm thi hành quyết định công bố thủ tục hành "
                           "chính?", "chịu trách nhiệm thi hành", AgenciesExtractor())
    assert span is None or "...." not in span.text


_DECREE = ("NGHỊ ĐỊNH\nQuy định về giảng viên thỉnh giảng\n\nĐiều 20. Trách nhiệm thi hành\n"
           "1. Bộ Y tế chủ trì, phối hợp với các cơ quan liên quan hướng dẫn việc thực hiện Nghị định này; tổng hợp "
           "tình hình thực hiện và báo cáo Chính phủ.\n"
           "2. Các bộ, ngành, tổ chức chính trị - xã hội, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương "
           "trong phạm vi chức năng, nhiệm vụ của mình có trách nhiệm chỉ đạo, kiểm tra việc thực hiện Nghị định này "
           "đối với các bệnh viện thuộc phạm vi quản lý.\n"
           "3. Các Sở, ban, ngành tổ chức triển khai thực hiện Nghị định này tại địa phương.\n")


def test_a_subject_listing_bodies_by_kind_is_read_whole_up_to_its_predicate(tmp_path):
    asked = "Ngoài Bộ Y tế, những cơ quan nào chỉ đạo, kiểm tra việc thực hiện nghị định đối với các bệnh viện?"
    span = extract_in_unit(tmp_path, _DECREE, asked, "có trách nhiệm chỉ đạo", AgenciesExtractor())
    assert span is not None
    assert span.text == ("Các bộ, ngành, tổ chức chính trị - xã hội, Ủy ban nhân dân các tỉnh, thành phố trực thuộc "
                         "trung ương")
    # the verb right after the kinds ends the subject ("tổ chức triển khai"); a kind after a comma does not
    local = extract_in_unit(tmp_path, _DECREE, "Những cơ quan nào tổ chức triển khai nghị định tại địa phương?",
                            "tại địa phương", AgenciesExtractor())
    assert local is not None and local.text == "Các Sở, ban, ngành"


def test_the_body_reported_to_is_a_weak_answer_for_who_does_a_task(tmp_path):
    asked = "Ngoài Bộ Y tế, những cơ quan nào chỉ đạo, kiểm tra việc thực hiện nghị định đối với các bệnh viện?"
    reported_to = extract_in_unit(tmp_path, _DECREE, asked, "báo cáo Chính phủ", AgenciesExtractor())
    charged = extract_in_unit(tmp_path, _DECREE, asked, "có trách nhiệm chỉ đạo", AgenciesExtractor())
    assert reported_to is not None and reported_to.text == "Chính phủ"
    assert reported_to.confidence < 0 < charged.confidence  # named alone, it would score above nothing


def test_the_rules_a_decision_issues_are_executed_by_its_closing_subject_not_the_article_title(tmp_path):
    decision = ("QUYẾT ĐỊNH\nBan hành Quy định về phòng cháy rừng\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy định "
                "về phòng cháy rừng trên địa bàn tỉnh.\n\nĐiều 3. Trách nhiệm tổ chức thực hiện\n\n"
                "Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Nông nghiệp và Môi trường; Chủ tịch Ủy ban nhân "
                "dân các xã, phường chịu trách nhiệm thi hành Quyết định này./.\n")
    span = extract_in_unit(tmp_path, decision, "Những ai chịu trách nhiệm thi hành quy định về phòng cháy rừng?",
                           "chịu trách nhiệm thi hành", AgenciesExtractor())
    assert span is not None
    assert span.text.startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Nông nghiệp và Môi trường")
