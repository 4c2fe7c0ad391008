"""Who does the points of a list, read as a clerk reads resolutions and plans (helper w118): the sentence that opens
a heading's body and ends with a colon names the owner of the points under it — its subject ("Bộ Nội vụ có nhiệm
vụ sau đây:"), or the body it hands them to ("Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:", "đề nghị Ủy ban nhân
dân các tỉnh chỉ đạo:").  Seen in tvpl_130, tvpl_151, tvpl_113 and tvpl_149."""

from __future__ import annotations

from test_qa_extractors import extract_in_unit

from retriever.qa.extractors.agency import AgenciesExtractor, AgencyExtractor

_HANDED = ("NGHỊ QUYẾT\nVề các giải pháp khắc phục hậu quả mưa lũ\n\nĐiều 1. Nhiệm vụ\n\n"
           "1. Bảo đảm an sinh xã hội\n\n"
           "Bộ Tài chính chỉ đạo Bảo hiểm\nxã hội Việt Nam:\n\n"
           "a) Thực hiện chi trả gộp 02 tháng trợ cấp hằng tháng cho người hưởng tại các tỉnh Bình An, Hòa Lạc.\n\n"
           "b) Khẩn trương cấp lại thẻ bảo hiểm y tế bị mất cho người dân vùng ngập lụt. Phối hợp với Sở Y tế "
           "hướng dẫn cơ sở khám bệnh tiếp nhận người bệnh.\n\n"
           "2. Khôi phục sản xuất\n\n"
           "Ủy ban nhân dân các tỉnh khẩn trương hỗ trợ giống cây trồng cho nông dân.\n")

_SUBJECT = ("NGHỊ ĐỊNH\nQuy định chức năng của Bộ Nội vụ\n\nĐiều 2. Nhiệm vụ và quyền hạn\n\n"
            "Bộ Nội vụ chịu trách nhiệm trước Chính phủ về công chức, có nhiệm vụ, quyền hạn sau đây:\n\n"
            "1. Xây dựng đề án về vị trí việc làm của công chức trình Chính phủ.\n\n"
            "2. Hướng dẫn việc tuyển dụng công chức tại các bộ, ngành.\n")


def test_the_body_a_lead_in_sentence_directs_does_the_points_under_it(tmp_path):
    span = extract_in_unit(tmp_path, _HANDED, "Cơ quan nào chi trả gộp trợ cấp hằng tháng cho người dân vùng lũ?",
                           "Thực hiện chi trả gộp", AgencyExtractor())
    assert span is not None and span.text == "Bảo hiểm xã hội Việt Nam"


def test_a_later_sentence_of_a_point_is_still_the_directed_body_s_task(tmp_path):
    # "Phối hợp với Sở Y tế …": the partner is no doer; the point's owner is the body the lead-in directs
    span = extract_in_unit(tmp_path, _HANDED, "Bộ Tài chính chỉ đạo cơ quan nào hướng dẫn cơ sở khám bệnh tiếp "
                           "nhận người bệnh?", "Phối hợp với Sở Y tế", AgencyExtractor())
    assert span is not None and span.text == "Bảo hiểm xã hội Việt Nam"


def test_the_subject_of_a_lead_in_sentence_owns_its_points(tmp_path):
    span = extract_in_unit(tmp_path, _SUBJECT, "Cơ quan nào hướng dẫn việc tuyển dụng công chức?",
                           "Hướng dẫn việc tuyển dụng", AgencyExtractor())
    assert span is not None and span.text == "Bộ Nội vụ"


def test_a_lead_in_body_of_another_kind_than_asked_answers_no_which_provinces(tmp_path):
    # "Những tỉnh nào …": the ministry's agency directing the points is no province
    span = extract_in_unit(tmp_path, _HANDED, "Những tỉnh nào được chi trả gộp trợ cấp hằng tháng?",
                           "Thực hiện chi trả gộp", AgencyExtractor())
    assert span is None or "Bảo hiểm" not in span.text
    listed = extract_in_unit(tmp_path, _HANDED, "Những tỉnh nào được chi trả gộp trợ cấp hằng tháng?",
                             "Thực hiện chi trả gộp", AgenciesExtractor())
    assert listed is None or "Bảo hiểm" not in listed.text


_SAME_LEVEL = ("NGHỊ ĐỊNH\nVề quỹ phát triển nhà ở\n\nĐiều 9. Nguồn vốn của quỹ\n\n"
               "1. Nguồn vốn của quỹ địa phương gồm:\n\n"
               "a) Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp quyết định mức trích tiền thu từ "
               "cho thuê đất vào quỹ;\n\n"
               "b) Khoản viện trợ, tài trợ hợp pháp của tổ chức, cá nhân.\n")


def test_a_body_qualified_by_its_level_governs_the_verb_after_it(tmp_path):
    # "trình Hội đồng nhân dân cùng cấp quyết định …": the council decides, the committee only submits
    span = extract_in_unit(tmp_path, _SAME_LEVEL, "Mức trích tiền thu từ cho thuê đất vào quỹ do cơ quan nào quyết "
                           "định?", "mức trích tiền thu", AgencyExtractor())
    assert span is not None and span.text == "Hội đồng nhân dân"
    # the body asked for its own verb ("trình") is still the subject
    span = extract_in_unit(tmp_path, _SAME_LEVEL, "Cơ quan nào trình mức trích tiền thu từ cho thuê đất vào quỹ?",
                           "mức trích tiền thu", AgencyExtractor())
    assert span is not None and span.text == "Ủy ban nhân dân cấp tỉnh"
