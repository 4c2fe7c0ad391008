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


_BARE = ("NGHỊ ĐỊNH\nVề quỹ phát triển nhà ở\n\nĐiều 20. Trách nhiệm của các bộ, ngành, địa phương\n\n"
         "1.\nTrách nhiệm của Bộ Xây dựng\n\n"
         "a)\nTổ chức quản lý quỹ trung ương theo quy định.\n\n"
         "2.\nTrách nhiệm của Bộ Nội vụ\n\n"
         "Đề xuất cấp có thẩm quyền giao số lượng người làm việc cho quỹ trung ương.\n")


def test_a_heading_label_alone_on_its_line_names_its_owner_on_the_next(tmp_path):
    # "2." / "Trách nhiệm của Bộ Nội vụ": the owner is the next line's body, not the article's "bộ, ngành, địa phương"
    span = extract_in_unit(tmp_path, _BARE, "Bộ nào đề xuất giao số lượng người làm việc cho quỹ?",
                           "Đề xuất cấp có thẩm quyền giao", AgencyExtractor())
    assert span is not None and span.text == "Bộ Nội vụ"


_TITLE_GOES_ON = ("QUYẾT ĐỊNH\nVề việc công bố danh mục\n\nĐiều 1. Công bố kèm theo Quyết định này các danh mục văn bản "
                  "thuộc lĩnh vực quản lý của\nBộ Nội vụ, gồm:\n1. Danh mục văn bản hết hiệu lực toàn bộ.\n"
                  "2. Danh mục văn bản hết hiệu lực một phần.\n\nĐiều 2. Đình chỉ\n\n"
                  "Bộ trưởng Bộ Nội vụ quyết định đình chỉ việc thực hiện trong các trường hợp sau:\n\n"
                  "1. Đơn vị vi phạm quy định về quản lý công chức.\n")


def _heading_owner(tmp_path, text: str, question: str, holding: str):
    """The owner ``AgencyExtractor._heading_agency`` reads above the unit of ``text`` that prints ``holding``."""
    from test_qa_extractors import parsed_units

    from retriever.qa.extractors.base import Context
    from retriever.qa.question import analyze_question
    from retriever.qa.settings import QA

    store, units, terms, parsed = parsed_units(tmp_path, text, "decision.txt")
    context = Context(store, units, terms.question_weights(question, []), QA)
    unit = next(u for row in range(len(store.chunks)) for u in units.units_of(row)
                if holding in " ".join(parsed[u.start:u.end].split()))
    owner = AgencyExtractor._heading_agency(analyze_question(question), unit, context)
    return owner[2] if owner else None


def test_no_lead_in_owner_where_the_title_s_sentence_goes_on_or_cases_follow(tmp_path):
    # "… thuộc lĩnh vực quản lý của" / "Bộ Nội vụ, gồm:": the end of the article's own sentence, not a lead-in
    assert _heading_owner(tmp_path, _TITLE_GOES_ON, "Cơ quan nào công bố danh mục văn bản hết hiệu lực toàn bộ?",
                          "Danh mục văn bản hết hiệu lực toàn bộ") != "Bộ Nội vụ"
    # "… quyết định đình chỉ … trong các trường hợp sau:": the points are cases, not the ministry's tasks
    assert _heading_owner(tmp_path, _TITLE_GOES_ON, "Cơ quan nào vi phạm quy định về quản lý công chức?",
                          "Đơn vị vi phạm quy định") != "Bộ Nội vụ"
    # … while a lead-in of its own, after its heading, names the owner
    assert _heading_owner(tmp_path, _SUBJECT, "Cơ quan nào hướng dẫn việc tuyển dụng công chức?",
                          "Hướng dẫn việc tuyển dụng") == "Bộ Nội vụ"


_COMPETENT = ("QUYẾT ĐỊNH\nVề thủ tục liên thông mở cơ sở lưu trú\n\nĐiều 1. Trình tự thực hiện\n\n"
              "a) Trường hợp hồ sơ đầy đủ theo quy định: cơ quan có thẩm quyền cấp Giấy chứng nhận đủ điều kiện về "
              "phòng cháy thực hiện cấp Giấy chứng nhận đủ điều kiện về phòng cháy và trả kết quả.\n\n"
              "Điều 2. Cơ quan thực hiện\n\n"
              "- Công an cấp xã: Thực hiện cấp Giấy chứng nhận đủ điều kiện về phòng cháy;\n")


def test_a_role_named_only_by_the_asked_task_restates_the_question(tmp_path):
    # "cơ quan có thẩm quyền cấp Giấy chứng nhận … thực hiện cấp …" for "cơ quan nào cấp Giấy chứng nhận …?": no answer
    question = "Cơ quan nào cấp Giấy chứng nhận đủ điều kiện về phòng cháy?"
    span = extract_in_unit(tmp_path, _COMPETENT, question, "Trường hợp hồ sơ đầy đủ", AgencyExtractor())
    assert span is None or not span.text.startswith("cơ quan có thẩm quyền")
    named = extract_in_unit(tmp_path, _COMPETENT, question, "Công an cấp xã: Thực hiện", AgencyExtractor())
    assert named is not None and named.text == "Công an cấp xã"


def test_a_place_name_split_by_a_line_break_stays_whole():
    # hard-wrapped texts split a place after its first syllable ("thành phố Hà" / "Nội"); a body on the next line
    # or a verb starts no place
    from retriever.qa.extractors import agency_spans

    def names(text):
        return [n for _, _, n in agency_spans(text)]

    assert names("Ủy ban nhân dân thành phố Đà\nNẵng chủ trì kiểm tra") == ["Ủy ban nhân dân thành phố Đà Nẵng"]
    assert names("Sở Y tế tỉnh Đồng\nTháp hướng dẫn") == ["Sở Y tế tỉnh Đồng Tháp"]
    assert names("UBND thành phố Huế\nSở Tư pháp") == ["UBND thành phố Huế", "Sở Tư pháp"]
    assert names("Ủy ban nhân dân tỉnh Bình\nChủ trì, phối hợp") == ["Ủy ban nhân dân tỉnh Bình"]


_WRAPPED_PLACE = ("NGHỊ QUYẾT\nVề cứu trợ sau mưa lũ\n\nĐiều 1. Nhiệm vụ\n\n"
                  "c) Ủy ban nhân dân thành phố Đà\nNẵng, tỉnh Quảng Ngãi trực tiếp hỗ trợ lương thực, thuốc men cho các "
                  "tỉnh bị ảnh hưởng.\n")


def test_a_heading_name_wrapped_inside_a_place_is_read_whole(tmp_path):
    span = extract_in_unit(tmp_path, _WRAPPED_PLACE, "Cơ quan nào trực tiếp hỗ trợ lương thực, thuốc men?",
                           "trực tiếp hỗ trợ lương thực", AgencyExtractor())
    assert span is not None and span.text.startswith("Ủy ban nhân dân thành phố Đà Nẵng")


def test_a_head_word_inside_a_province_s_name_starts_no_body():
    # "Phòng" of "Hải Phòng" is the city's second syllable, not a department: no "Phòng thì"
    from retriever.qa.extractors import agency_spans

    assert [n for _, _, n in agency_spans("Theo công văn của Chi cục Thuế thành phố Hải Phòng thì doanh nghiệp "
                                          "trao đổi với Bộ Tài chính")] == ["Chi cục Thuế thành phố Hải Phòng",
                                                                           "Bộ Tài chính"]
    assert [n for _, _, n in agency_spans("Phòng Tư pháp huyện chủ trì")] == ["Phòng Tư pháp huyện"]
