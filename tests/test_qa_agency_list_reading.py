"""How a clerk reads several bodies and the items of a list (helper w74): the body a heading names does the task of
a verb-led point with the partners the point names; a body named only as an object ("theo quy định của Chính phủ")
does no task; "… gồm những tổ chức nào?" is answered by the items after the lead's colon, from the lead or from one
of its points; the question's own body is never the answer however its name is punctuated; a shared head the
question names as its subject ("các tỉnh: A, B") lists no answer.  Synthetic sentences built the way the real
documents named above each case are."""

from __future__ import annotations

import pytest
from test_qa_extractors import extract_in_unit

from retriever.qa.extractors.agency import AgenciesExtractor, _acceptable, agency_spans
from retriever.qa.extractors.lists import ListExtractor
from retriever.qa.question import analyze_question


def _answer(tmp_path, body: str, question: str, holding: str, extractor):
    """The extractor's span for ``question`` in the unit of ``body`` that holds ``holding``."""
    return extract_in_unit(tmp_path, "CHỈ THỊ\nVề việc tổ chức thực hiện\n\n" + body, question, holding, extractor, "act.txt")


# congbao_049 (a Prime Minister's directive): each ministry's heading over its lettered points
DIRECTIVE = ("5. Bộ Nội vụ\n"
             "a) Chủ trì, phối hợp với các bộ, ngành liên quan hướng dẫn, đôn đốc việc triển khai thực hiện Chỉ thị này;\n"
             "b) Chủ trì phối hợp với Bộ Tài chính và các cơ quan liên quan hướng dẫn thực hiện chế độ, chính sách đối "
             "với người hoạt động không chuyên trách ở thôn, tổ dân phố theo quy định của Chính phủ;\n"
             "6. Bộ Tài chính\n"
             "a) Chủ trì hướng dẫn việc bố trí, quản lý, sử dụng kinh phí thực hiện sắp xếp thôn, tổ dân phố;\n"
             "b) Phối hợp với Bộ Nội vụ hướng dẫn các địa phương bố trí nguồn kinh phí để thực hiện chế độ, chính "
             "sách đối với người hoạt động không chuyên trách.\n")

AGENCIES = [
    # the heading's body leads the list of those doing a verb-led point's task, its partner after it
    (DIRECTIVE, "Những bộ nào hướng dẫn các địa phương bố trí nguồn kinh phí cho người hoạt động không chuyên trách?",
     "bố trí nguồn kinh phí", ("Bộ Tài chính", "Bộ Nội vụ"), ()),
    # "phối hợp với X" names X: the one cooperating with it is the heading's body; "của Chính phủ" is an object
    (DIRECTIVE, ("Cơ quan nào phối hợp với Bộ Tài chính hướng dẫn chế độ, chính sách cho người hoạt động không "
                 "chuyên trách ở thôn?"), "theo quy định của Chính phủ", ("Bộ Nội vụ",), ("Chính phủ", "Bộ Tài chính")),
    # tvpl_001 (Lai Châu, nếp sống văn minh): the question's own body, printed with its commas, is not listed
    (("3. Sở Văn hóa, Thể thao và Du lịch\n"
      "c) Chủ trì phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và Ủy ban nhân dân cấp xã tuyên truyền, vận "
      "động Nhân dân thực hiện Quy định này.\n"),
     "Sở Văn hóa, Thể thao và Du lịch phối hợp với những cơ quan nào tuyên truyền, vận động Nhân dân?",
     "tuyên truyền", ("Ủy ban nhân dân cấp xã",), ("Sở Văn hóa",)),
    # tvpl_145 (Công điện 232/CĐ-TTg): "các tỉnh" is the question's subject; the ministries after "các Bộ:" answer
    (("Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa, Gia Lai và Lâm Đồng khẩn trương gửi Báo cáo về Văn phòng "
      "Chính phủ và các Bộ: Tài chính, Nông nghiệp và Môi trường trước 17 giờ ngày 27/11/2025.\n"),
     "Các tỉnh gửi báo cáo thiệt hại nhà ở về những cơ quan nào?", "gửi Báo cáo",
     ("Tài chính", "Nông nghiệp và Môi trường"), ("Đắk Lắk",)),
]


@pytest.mark.parametrize(("body", "question", "holding", "expected", "absent"), AGENCIES)
def test_the_bodies_doing_a_task(tmp_path, body, question, holding, expected, absent):
    span = _answer(tmp_path, body, question, holding, AgenciesExtractor())
    assert span is not None and all(name in span.text for name in expected), span
    names = [n.strip() for n in span.text.replace(",", ";").split(";")]
    assert not any(name in names for name in absent), span


# congbao_040 (Nghị định on administrative organisations): a lead ending with "gồm:" over its lettered points
ORGANISATIONS = ("3. Các tổ chức hành chính ở xã, phường, đặc khu thuộc tỉnh, thành phố trực thuộc trung ương (sau "
                 "đây gọi tắt là cấp xã), gồm:\n"
                 "a) Cơ quan chuyên môn thuộc Ủy ban nhân dân cấp xã;\n"
                 "b) Tổ chức hành chính khác thuộc Ủy ban nhân dân cấp xã.\n"
                 "4. Nghị định này không áp dụng đối với việc thành lập, giải thể các cơ quan sau:\n"
                 "a) Các bộ, cơ quan ngang bộ;\n"
                 "b) Hội đồng nhân dân, Ủy ban nhân dân cấp tỉnh.\n")


@pytest.mark.parametrize("holding", ["b) Tổ chức hành chính khác", "gồm:"])
def test_what_a_list_is_made_of_is_read_from_its_lead(tmp_path, holding):
    question = "Các tổ chức hành chính ở cấp xã gồm những tổ chức nào?"
    span = _answer(tmp_path, ORGANISATIONS, question, holding, AgenciesExtractor())
    assert span is not None, holding
    assert "Cơ quan chuyên môn thuộc Ủy ban nhân dân cấp xã" in span.text
    assert "Tổ chức hành chính khác thuộc Ủy ban nhân dân cấp xã" in span.text
    assert "Các bộ, cơ quan ngang bộ" not in span.text  # the next list is another lead's


def test_a_list_question_on_a_point_reads_the_whole_list(tmp_path):
    question = "Nghị định không áp dụng đối với những trường hợp nào?"
    span = _answer(tmp_path, ORGANISATIONS, question, "b) Hội đồng nhân dân", ListExtractor())
    assert span is not None and "Các bộ, cơ quan ngang bộ" in span.text and "Hội đồng nhân dân" in span.text, span
    assert "Cơ quan chuyên môn" not in span.text


def test_the_question_own_body_is_known_with_its_commas():
    question = analyze_question("Sở Văn hóa, Thể thao và Du lịch phối hợp với những cơ quan nào?")
    assert not _acceptable(question, "Sở Văn hóa, Thể thao và Du lịch")
    assert _acceptable(question, "Ủy ban nhân dân cấp xã")


@pytest.mark.parametrize(("text", "name"), [
    # tvpl_001: a heading line wrapped before the level ("cấp" is a level here, not the verb "cấp")
    ("2. Chủ tịch Uỷ ban nhân dân\ncấp xã\n\nChỉ đạo việc hướng dẫn các thôn", "Uỷ ban nhân dân cấp xã"),
    # a bare head ending its line goes on on the next one
    ("1. Sở\nTài chính chủ trì thẩm định", "Sở Tài chính"),
])
def test_a_name_over_a_wrapped_line(text, name):
    assert name in [n for _, _, n in agency_spans(text)]


def test_the_verb_cap_after_a_line_break_still_ends_a_name():
    assert [n for _, _, n in agency_spans("Ủy ban nhân dân\ncấp giấy phép cho")] == ["Ủy ban nhân dân"]


# tvpl_141 (Đắk Lắk, a list of procedures): the title over the table names the competent body; the row's place of
# filing does not settle anything
PROCEDURES = ("**Điều 1.** Công bố Danh mục thủ tục hành chính lĩnh vực giám định, chi tiết tại Phụ lục kèm theo.\n"
              "**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.\n|\n"
              "**PHỤ LỤC**\nDANH MỤC THỦ TỤC\nHÀNH CHÍNH LĨNH VỰC\nGIÁM ĐỊNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ Y TẾ\n"
              "*(Kèm theo Quyết định số 12/QĐ-UBND ngày 01/12/2025 của Chủ tịch UBND tỉnh)*\n|\n"
              "**STT**\n|\n**Tên thủ tục hành chính**\n|\n**Thời hạn giải quyết**\n|\n**Địa điểm thực hiện**\n|\n|\n"
              "1\n|\nBổ nhiệm giám định viên pháp y\n|\n20 ngày\n|\nTrung tâm Phục vụ hành chính công tỉnh\n|\n|\n"
              "2\n|\nMiễn nhiệm giám định viên pháp y\n|\n20 ngày\n|\nTrung tâm Phục vụ hành chính công tỉnh\n|\n")


def test_the_competent_body_is_read_from_the_title_over_a_table(tmp_path):
    from retriever.qa.extractors.agency import AgencyExtractor

    question = "Thủ tục bổ nhiệm giám định viên pháp y thuộc thẩm quyền giải quyết của cơ quan nào?"
    span = _answer(tmp_path, PROCEDURES, question, "Bổ nhiệm giám định viên", AgencyExtractor())
    assert span is not None and span.text.lower() == "sở y tế", span


# tvpl_111 (Hà Nội, a plan's tasks): no body acts in the task's own words; its fields name the leading body and the
# partners
PLAN = ("1.2. Triển khai, phát triển dữ liệu:\n\n"
        "a) Nhiệm vụ: Triển khai rà soát, hoàn thiện, chuẩn hóa cơ sở dữ liệu của đơn vị khi kết nối, đồng bộ trên các "
        "nền tảng số theo hướng dẫn của Trung ương.\n\n"
        "b) Cơ quan thực hiện:\n\n"
        "- Đơn vị chủ trì: Các Sở, ban,\nngành.\n\n"
        "- Đơn vị phối hợp: Sở Khoa học\nvà Công nghệ, UBND xã, phường.\n\n"
        "c) Thời gian thực hiện: Hoàn thành trong năm 2025.\n")


def test_the_bodies_a_plan_names_in_its_fields(tmp_path):
    question = "Những đơn vị nào phối hợp rà soát, chuẩn hóa cơ sở dữ liệu khi kết nối, đồng bộ trên các nền tảng số?"
    span = _answer(tmp_path, PLAN, question, "a) Nhiệm vụ", AgenciesExtractor())
    assert span is not None and "Sở Khoa học và Công nghệ" in span.text and "UBND xã, phường" in span.text, span
    assert "Các Sở, ban, ngành" not in span.text  # the leading body, not a partner
    question = "Những đơn vị nào thực hiện rà soát, chuẩn hóa cơ sở dữ liệu khi kết nối, đồng bộ trên các nền tảng số?"
    span = _answer(tmp_path, PLAN, question, "a) Nhiệm vụ", AgenciesExtractor())
    assert span is not None and span.text.startswith("Các Sở, ban, ngành"), span


def test_bodies_joined_by_a_verb_are_listed_by_name():
    # congbao_049 / tvpl_121: "X phối hợp với Y" lists X and Y, not the verb between them; "Tổng Liên đoàn" is one head
    text = "Sở Văn hóa, Thể thao và Du lịch phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy chỉ đạo các cơ quan"
    assert [n for _, _, n in agency_spans(text)] == ["Sở Văn hóa, Thể thao và Du lịch",
                                                      "Ban Tuyên giáo và Dân vận Tỉnh ủy"]
    assert "Tổng Liên đoàn Lao động Việt Nam" in [n for _, _, n in agency_spans(
        "đề nghị Ủy ban trung ương Mặt trận Tổ quốc Việt Nam, Tổng Liên đoàn\nLao động Việt Nam phối hợp")]


def test_a_run_of_listed_bodies_is_shown_on_one_line(tmp_path):
    body = ("- Sở Văn hóa, Thể thao và Du lịch phối hợp với Ban\nTuyên giáo và Dân vận Tỉnh ủy tiếp tục chỉ đạo các cơ quan "
            "truyền thông trên địa bàn tỉnh tăng cường công tác tuyên truyền.\n")
    span = _answer(tmp_path, body, "Những cơ quan nào chỉ đạo các cơ quan truyền thông tăng cường tuyên truyền?",
                   "truyền thông", AgenciesExtractor())
    assert span is not None and "\n" not in span.text, span
    assert "Sở Văn hóa, Thể thao và Du lịch" in span.text and "Ban Tuyên giáo và Dân vận Tỉnh ủy" in span.text, span
