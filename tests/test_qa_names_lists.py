"""Short answers read inside the right unit: whole agency names, the listed places, an act named by its
number, a yes/no question's deciding phrase (synthetic texts; no model, no index)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from retriever.qa.clauses import act_reference, clause_window, slot_frame
from retriever.qa.extractors import agency_spans
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.lists import ListExtractor, named_places
from retriever.qa.polarity import is_yes_no, polarity_span
from retriever.qa.question import QuestionKind, analyze_question
from retriever.qa.scoring import TermWeights
from retriever.qa.settings import QA
from retriever.qa.units import UnitIndex


def names(text: str) -> list[str]:
    return [name for _, _, name in agency_spans(text)]


@pytest.mark.parametrize("text, expected", [
    # a lower-case tail runs up to the body's verb, over a wrapped line
    ("6. Cục Kết cấu hạ tầng xây dựng tham mưu việc chỉ đạo,\nhướng dẫn các địa phương",
     ["Cục Kết cấu hạ tầng xây dựng"]),
    # "số" inside a name, then a place
    ("2. Giao Trung tâm Chuyển đổi số Thành phố cấu hình thủ\ntục hành chính", ["Trung tâm Chuyển đổi số Thành phố"]),
    # "và" joining two capitalised parts after a lower-case word, over a wrapped line
    ("Thành lập Ban quản lý mới trên cơ sở tổ chức lại Ban Quản lý các\nKhu kinh tế và Khu công nghiệp tỉnh Quảng Nam",
     ["Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh Quảng Nam"]),
    # a name listing its fields: capitalised parts after a comma, the last after "và" (over a wrapped line)
    ("Bộ Xây dựng làm việc với Ủy ban Khoa học,\nCông nghệ và Môi trường của Quốc hội để bổ sung",
     ["Bộ Xây dựng", "Ủy ban Khoa học, Công nghệ và Môi trường", "Quốc hội"]),
    ("Phòng Kinh tế, Hạ tầng và Đô thị chủ trì", ["Phòng Kinh tế, Hạ tầng và Đô thị"]),
    # … but not bodies listed one after the other, nor ministries sharing the head of a complete name
    ("Sở Y tế, Công an tỉnh và Sở Tài chính", ["Sở Y tế", "Công an tỉnh", "Sở Tài chính"]),
    ("Bộ Tài chính, Nông nghiệp và Môi trường hướng dẫn", ["Bộ Tài chính"]),
    # a head in lower case run on to the next body ("hoặc Ban …"); "cơ" is not the function word "có"
    ("thì Ban chấp hành công đoàn cơ sở hoặc Ban Kiểm soát phải có ý kiến",
     ["Ban chấp hành công đoàn cơ sở", "Ban Kiểm soát"]),
    # the levels a body stands for, listed after a comma
    ("1. Ủy ban nhân dân phường,\nxã, đặc khu quyết định thành lập đoàn kiểm tra.", ["Ủy ban nhân dân phường, xã, đặc khu"]),
    ("báo cáo về Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương, Bộ Y tế",
     ["Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương", "Bộ Y tế"]),
    # a closing number belongs to the name; a count after a name does not
    ("5. Ban Quản lý Dự án 85 khẩn trương chủ trì", ["Ban Quản lý Dự án 85"]),
    ("Sở Y tế 05 ngày làm việc", ["Sở Y tế"]),
])
def test_agency_names_are_read_to_their_end(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a verb right after the name is not part of it, however it is spelt
    ("Sở Y tế xây dựng kế hoạch tổ chức tiêm chủng.", ["Sở Y tế"]),
    ("Sở Y tế tổng hợp báo cáo tình hình.", ["Sở Y tế"]),
    ("Sở Tài chính bố trí kinh phí thực hiện.", ["Sở Tài chính"]),
    # a place named after the level is another place, not a further level of the body
    ("Ủy ban nhân dân huyện, xã Tân Phú thực hiện", ["Ủy ban nhân dân huyện"]),
    # a reference number, a decimal, a table's next cell or a footnote's mark is not a name's closing number
    ("Ban Quản lý Dự án 85/QĐ", ["Ban Quản lý Dự án"]),
    ("tổng số 178,6 tỷ đồng (Bộ KH&CN 78,6 tỷ)", ["Bộ KH&CN"]),
    ("Bộ Tư pháp 11 VBQPPL", ["Bộ Tư pháp"]),
    ("Bộ Nội vụ 1 hướng dẫn", ["Bộ Nội vụ"]),
    # a complete official name, a level or a place takes no lower-case tail; nor does what follows the name
    ("định kỳ báo cáo Sở Y tế kết quả thực hiện", ["Sở Y tế"]),
    ("UBND tỉnh kịp thời chỉ đạo", ["UBND tỉnh"]),
    ("báo cáo Hội đồng nhân dân Thành phố kết quả thực hiện", ["Hội đồng nhân dân Thành phố"]),
    ("Ban Chỉ đạo kết quả thực hiện", ["Ban Chỉ đạo"]),
])
def test_agency_names_stop_where_the_sentence_goes_on(text, expected):
    assert names(text) == expected


def _unit_context(tmp_path, body: str):
    from corpus import parse_document

    path = tmp_path / "places.txt"
    path.write_text("NGHỊ QUYẾT\nVề việc sắp xếp các đơn vị hành chính cấp xã\n\nĐiều 1. Sắp xếp\n" + body,
                    encoding="utf-8")
    parsed = parse_document(path)
    store = SimpleNamespace(documents={parsed.record.doc_id: parsed}, chunks=parsed.chunks, citations=None)
    units = UnitIndex(store)
    return store, units, TermWeights(store.chunks), parsed.text


def test_listed_places_are_their_names_not_a_count(tmp_path):
    body = ("1. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường Noong Bua, phường Nam Thanh và xã "
            "Thanh Xương thành phường mới có tên gọi là phường Mường Thanh.\n"
            "2. Sau khi sắp xếp, tỉnh An Bình có 45 đơn vị hành chính cấp xã, gồm 42 xã và 03 phường.\n")
    store, units, terms, _ = _unit_context(tmp_path, body)
    question = "Phường Mường Thanh mới gồm địa bàn của những phường, xã nào trước đây?"
    analysis = analyze_question(question)
    assert analysis.kind is QuestionKind.LIST
    context = Context(store, units, terms.question_weights(question, []), QA)
    spans = [s for row in range(len(store.chunks)) for u in units.units_of(row)
             if (s := ListExtractor().extract(analysis, u, context)) is not None]
    best = max(spans, key=lambda s: s.confidence)
    assert best.text == "phường Noong Bua, phường Nam Thanh và xã Thanh Xương"
    counted = [s for s in spans if "42 xã" in s.text]
    assert all(s.confidence < best.confidence for s in counted)


def test_places_sharing_one_noun_and_the_question_own_place():
    text = "của các xã Tân An, Tân Bình và Phú Lợi thành xã mới có tên gọi là xã Phú Lợi."
    analysis = analyze_question("Xã Phú Lợi mới được sắp xếp từ những xã nào?")
    found = named_places(analysis, text, 0, len(text))
    assert [text[s:e] for s, e, own in found if not own] == ["xã Tân An", "Tân Bình"]
    assert [own for *_, own in found] == [False, False, True, True]  # kept its old name: both item and result
    assert named_places(analyze_question("Hồ sơ gồm những giấy tờ nào?"), text, 0, len(text)) == []


def test_an_act_asked_by_name_is_answered_by_its_number():
    key = analyze_question("Các bộ được yêu cầu nghiên cứu giải pháp trong báo cáo nào của Bộ Tài chính?").key
    assert slot_frame(key) == ("bao", "cao")
    text = ("Bộ, cơ quan thuộc Chính phủ nghiên cứu các nội dung, giải pháp tại Báo cáo số\n621/BC-BTC ngày 11 "
            "tháng 11 năm 2025 của Bộ Tài chính nêu trên trong quá trình triển khai thực hiện Kết luận số 203-KL/TW "
            "ngày 04 tháng 11 năm 2025 của Bộ Chính trị, chủ động rà soát, cập nhật các kế hoạch tăng trưởng")
    start, end = clause_window(text, 0, len(text), {"tang": 1.0, "truong": 1.0, "giai": 0.5, "phap": 0.5}, 150,
                               frame=slot_frame(key))
    assert text[start:end] == "Báo cáo số\n621/BC-BTC"
    assert act_reference(text, 0, len(text), "quyet dinh") is None


def test_yes_no_question_with_an_act_number_reads_the_deciding_phrase():
    analysis = analyze_question("Người được giao đất tái định cư thì có được miễn, giảm tiền sử dụng đất theo "
                                "Nghị định 103/2024/NĐ-CP không?")
    assert analysis.yes_no and is_yes_no(analysis.key)
    text = ("Căn cứ các quy định nêu trên, việc miễn, giảm tiền sử dụng đất quy định tại Nghị định số "
            "103/2024/NĐ-CP ngày 30/7/2024 của Chính phủ quy định về thu tiền sử dụng đất không áp dụng đối với "
            "trường hợp giao đất tái định cư khi Nhà nước thu hồi đất.")
    start, end = polarity_span(text, 0, len(text), QA.yes_no_max_chars)
    assert text[start:end].startswith("không áp dụng đối với trường hợp giao đất")


def test_a_heading_agency_wrapped_onto_the_next_line(tmp_path):
    from retriever.qa.extractors.agency import AgencyExtractor

    body = ("Điều 5. Trách nhiệm thi hành\n1. Sở Y tế\n\na. Chủ trì hướng dẫn các cơ sở khám bệnh, chữa bệnh thực "
            "hiện Quy định này.\n\n3. Sở Văn hóa, Thể thao và\nDu lịch\n\na. Chủ trì, chỉ đạo các cơ\nquan báo chí tổ "
            "chức tuyên truyền, hỗ trợ tích cực việc thực hiện nếp sống văn\nminh trong việc cưới, việc tang theo "
            "Quy định.\n")
    store, units, terms, text = _unit_context(tmp_path, body)
    question = "Cơ quan nào chủ trì chỉ đạo báo chí tuyên truyền nếp sống văn minh?"
    analysis = analyze_question(question)
    context = Context(store, units, terms.question_weights(question, []), QA)
    unit = next(u for row in range(len(store.chunks)) for u in units.units_of(row)
                if "báo chí" in text[u.start:u.end])
    span = AgencyExtractor().extract(analysis, unit, context)
    assert span is not None and span.text == "Sở Văn hóa, Thể thao và Du lịch"


def test_several_bodies_named_by_the_heading_above_their_tasks(tmp_path):
    from retriever.qa.extractors.agency import AgenciesExtractor

    body = ("Điều 3. Trách nhiệm tổ chức thực hiện\n1. Các Bộ: Y tế, Công Thương, Nông nghiệp và Môi trường\n"
            "a) Chủ động hướng dẫn tổ chức triển khai thi hành Nghị quyết này theo lĩnh vực được phân công quản lý.\n"
            "b) Chủ động rà soát Luật An toàn thực phẩm để đề xuất nội dung sửa đổi gửi về Bộ Y tế để tổng hợp.\n"
            "2. Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương tổ chức thực hiện Nghị quyết này.\n")
    store, units, terms, text = _unit_context(tmp_path, body)
    question = "Những bộ nào chủ động hướng dẫn triển khai thi hành Nghị quyết?"
    analysis = analyze_question(question)
    assert analysis.kind is QuestionKind.AGENCIES
    context = Context(store, units, terms.question_weights(question, []), QA)
    spans = {text[u.start:u.start + 2]: AgenciesExtractor().extract(analysis, u, context)
             for row in range(len(store.chunks)) for u in units.units_of(row)}
    assert spans["a)"].text == spans["b)"].text == "Y tế, Công Thương, Nông nghiệp và Môi trường"
    assert spans["a)"].confidence > spans["b)"].confidence  # its task is the question's


def test_alternative_bodies_share_their_task(tmp_path):
    from retriever.qa.extractors.agency import AgencyExtractor

    body = ("Điều 7. Bảo vệ việc làm\nTrường hợp người sử dụng lao động không chấp hành biện pháp bảo vệ việc làm thì "
            "Ban chấp hành công đoàn cơ sở hoặc Ban đại diện của tổ chức của người lao động tại doanh nghiệp phải có "
            "ý kiến bằng văn bản với người sử dụng lao động.\n")
    store, units, terms, text = _unit_context(tmp_path, body)
    question = "Tổ chức nào ở cơ sở phải có ý kiến bằng văn bản khi doanh nghiệp không bảo vệ việc làm?"
    context = Context(store, units, terms.question_weights(question, []), QA)
    unit = next(u for row in range(len(store.chunks)) for u in units.units_of(row) if "ý kiến" in text[u.start:u.end])
    span = AgencyExtractor().extract(analyze_question(question), unit, context)
    assert span is not None and span.text == "Ban chấp hành công đoàn cơ sở"


def test_items_repeating_their_noun_are_an_enumeration(tmp_path):
    body = ("1. Liên thông dữ liệu giấy chứng sinh, giấy chứng tử, giấy khám sức khoẻ lái xe cho người dân.\n"
            "2. Người bệnh xuất trình giấy tờ theo quy định khi khám bệnh.\n")
    store, units, terms, _ = _unit_context(tmp_path, body)
    question = "Tỉnh liên thông những loại giấy tờ y tế nào cho người dân?"
    analysis = analyze_question(question)
    assert analysis.kind is QuestionKind.LIST
    context = Context(store, units, terms.question_weights(question, []), QA)
    spans = [s for row in range(len(store.chunks)) for u in units.units_of(row)
             if (s := ListExtractor().extract(analysis, u, context)) is not None]
    assert [s.text for s in spans] == [
        "Liên thông dữ liệu giấy chứng sinh, giấy chứng tử, giấy khám sức khoẻ lái xe cho người dân"]


def test_the_office_holder_acts_for_the_body(tmp_path):
    from retriever.qa.extractors.agency import AgencyExtractor

    body = ("Điều 4. Thẩm quyền\n1. Chủ tịch Ủy ban nhân dân\nthành phố quyết định phê duyệt phương án xử lý tài sản "
            "là bất động sản, xe ô tô của cơ quan thi hành án.\n")
    store, units, terms, text = _unit_context(tmp_path, body)
    question = "Ai phê duyệt phương án xử lý tài sản là bất động sản, xe ô tô?"
    context = Context(store, units, terms.question_weights(question, []), QA)
    unit = next(u for row in range(len(store.chunks)) for u in units.units_of(row) if "xe ô tô" in text[u.start:u.end])
    span = AgencyExtractor().extract(analyze_question(question), unit, context)
    assert span is not None and span.text == "Chủ tịch Ủy ban nhân dân thành phố"
    # a title the question itself prints is not repeated ("Chủ tịch … nào" asks for the body)
    asked = AgencyExtractor().extract(analyze_question("Chủ tịch cơ quan nào phê duyệt phương án xử lý xe ô tô?"),
                                      unit, context)
    assert asked is not None and asked.text == "Ủy ban nhân dân thành phố"


def test_the_question_own_body_however_abbreviated_and_no_department_in_co_so():
    from retriever.qa.extractors.agency import _acceptable

    asked = analyze_question("Hồ sơ thuộc thẩm quyền HĐND cấp xã thì do cơ quan nào thẩm định?")
    assert not _acceptable(asked, "Hội đồng nhân dân cấp xã")
    assert _acceptable(asked, "Ủy ban nhân dân cấp xã")
    listed = analyze_question("Chủ tịch UBND những tỉnh, thành phố nào phải thi hành nghị quyết?")
    assert _acceptable(listed, "Ủy ban nhân dân tỉnh An Giang")
    assert names("trên cơ sở Đơn đề nghị của Công ty; tại trụ sở Bộ Y tế; phòng Tài chính huyện") == \
        ["Bộ Y tế", "phòng Tài chính huyện"]


@pytest.mark.parametrize("text, expected", [
    # a board named after the field it commands, wrapped over a line, owned by a ministry
    ("8. Các đơn vị thực hiện chế độ báo cáo về\nBan Chỉ huy Phòng thủ dân sự Bộ Công an (qua thư điện tử).",
     ["Ban Chỉ huy Phòng thủ dân sự Bộ Công an"]),
    # lower case, down to its level; "phòng, chống" is the field's verb, not an office
    ("Ban chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh chủ trì, Sở Y tế phối hợp",
     ["Ban chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh", "Sở Y tế"]),
    ("Ban Chỉ huy phòng thủ dân sự cấp xã báo cáo kịp thời", ["Ban Chỉ huy phòng thủ dân sự cấp xã"]),
    # an office is still an office
    ("Phòng Y tế huyện phối hợp với Ban Chỉ đạo Trung ương", ["Phòng Y tế huyện", "Ban Chỉ đạo Trung ương"]),
])
def test_a_board_keeps_the_field_it_commands_in_its_name(text, expected):
    assert names(text) == expected
