"""How a clerk reads who is given a task (helper w53): the whole name a document prints where only a name can stand
(the proposer of its preamble, the heading of a body's duties, a numbered name heading, "Nơi nhận") completes the
same name wherever it is printed again; a heading owns the tasks listed under it when it names the body as its
subject; the roles of a clause ("X chủ trì, phối hợp với Y", "giao X", "X tham mưu UBND tỉnh", "theo đề nghị của X").
The sentences follow the real documents named above each case."""

from __future__ import annotations

import pytest
from test_qa_extractors import extract_in_unit

from retriever.qa.extractors.agency import (
    AgenciesExtractor,
    AgencyExtractor,
    agency_spans,
    document_names,
    whole_names,
)


def _answer(tmp_path, body: str, question: str, holding: str, extractor=None):
    """The extractor's span for ``question`` in the unit of ``body`` that holds ``holding``."""
    return extract_in_unit(tmp_path, "QUYẾT ĐỊNH\nVề việc tổ chức thực hiện\n\n" + body, question, holding, extractor or AgencyExtractor(), "act.txt")


# ---------------------------------------------------------------- whole names the document prints
PROPOSERS = [
    # tvpl_046 (Thông tư of Bộ Tài chính on karaoke licence fees): the name goes on after a comma in lower case
    ("Theo đề nghị của Cục trưởng Cục Quản lý, giám sát\nchính sách thuế, phí và lệ phí;\n",
     "Cục Quản lý, giám sát chính sách thuế, phí và lệ phí"),
    # tvpl_199 (Quyết định of Bộ Khoa học và Công nghệ): a lower-case tail wrapped over the line
    ("*Theo đề nghị của Cục trưởng Cục Công nghiệp công\nnghệ thông tin;*\n", "Cục Công nghiệp công nghệ thông tin"),
    # tvpl_065 (Quyết định 3303/QĐ-BTP): "và" joins a capitalised part after lower-case words
    ("Theo đề nghị của Cục trưởng Cục Đăng ký giao dịch bảo đảm\nvà Bồi thường nhà nước.\n",
     "Cục Đăng ký giao dịch bảo đảm và Bồi thường nhà nước"),
    # congbao_016 (Thông tư of Bộ Lao động - Thương binh và Xã hội)
    ("Theo đề nghị của Tổng cục trưởng Tổng cục Giáo dục nghề nghiệp;\n", "Tổng cục Giáo dục nghề nghiệp"),
    # a provincial decision: the proposer's submission follows the name
    ("Xét đề nghị của Giám đốc Sở Nông nghiệp và Môi trường tại Tờ trình số 45/TTr-SNNMT.\n",
     "Sở Nông nghiệp và Môi trường"),
]


@pytest.mark.parametrize(("line", "name"), PROPOSERS)
def test_the_proposer_of_a_preamble_is_a_whole_name(line, name):
    assert name in document_names("Căn cứ Luật Tổ chức Chính phủ;\n" + line)


DUTY_HEADINGS = [
    # congbao_041 (Nghị định on the costs of mutual legal assistance): "Điều N. Trách nhiệm của X"
    ("Điều 12. Trách nhiệm của Viện kiểm sát nhân dân tối cao\n", "Viện kiểm sát nhân dân tối cao"),
    # congbao_014 (Luật Bảo hiểm y tế): the duty's field is not part of the name
    ("Điều 7. Trách nhiệm của Bộ Tài chính về bảo hiểm y tế\n", "Bộ Tài chính"),
    # tvpl_164 (Kế hoạch of UBND tỉnh Nghệ An): a bold name heading wrapped over two lines
    ("**2. Ban Quản lý Khu kinh tế\nĐông Nam**\n\n- Đề xuất những khu công nghiệp có mật độ doanh nghiệp cao.\n",
     "Ban Quản lý Khu kinh tế Đông Nam"),
    # a "Nơi nhận" item
    ("Nơi nhận:\n- Như Điều 3;\n- Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính;\n- Lưu: VT.\n",
     "Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính"),
]


@pytest.mark.parametrize(("text", "name"), DUTY_HEADINGS)
def test_a_duty_heading_a_name_heading_and_a_recipient_are_whole_names(text, name):
    assert name in document_names(text)


NOT_NAMES = [
    # a numbered task wrapped at the page width is a sentence (congbao_036)
    "1. Bộ Tài chính công khai các thông tin Báo cáo tài chính nhà nước toàn\nquốc trên Cổng thông tin điện tử.\n",
    # a recipient item wrapped over lines stops inside the name
    "Nơi nhận:\n- Trung tâm Phục vụ hành\nchính công;\n",
    # two proposers: neither runs into the other
    "Theo đề nghị của Bộ trưởng Bộ Y tế và Bộ trưởng Bộ Tài chính;\n",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_a_sentence_a_wrapped_item_or_two_bodies_is_no_whole_name(text):
    names = document_names(text)
    assert not any(len(n.split()) > 6 for n in names) and "Bộ Y tế và Bộ trưởng Bộ Tài chính" not in names


def test_a_name_is_completed_where_the_text_goes_on_printing_it():
    text = ("Theo đề nghị của Cục trưởng Cục Công nghiệp công nghệ thông tin;\n"
            "Điều 3. Cục Công nghiệp công\nnghệ thông tin hướng dẫn doanh nghiệp.\n"
            "Cục Công nghiệp và Sở Y tế phối hợp.\n")
    names = document_names(text)
    spans = whole_names(text, agency_spans(text), names)
    printed = [n for _, _, n in spans]
    assert printed.count("Cục Công nghiệp công nghệ thông tin") == 2  # the proposer and the wrapped one
    assert "Cục Công nghiệp" in printed  # where the text stops printing it, the name stays as printed


# ---------------------------------------------------------------- the agency answered
CASES = [
    # tvpl_046: the proposer asked, its whole name in the answer
    (("Căn cứ Luật Phí và lệ phí;\nTheo đề nghị của Cục trưởng Cục Quản lý, giám sát\nchính sách thuế, phí và lệ phí;\n"
     "Bộ trưởng Bộ Tài chính ban hành Thông tư quy định mức thu phí thẩm định cấp giấy phép kinh doanh karaoke.\n"),
     "Thông tư phí thẩm định giấy phép karaoke được ban hành theo đề nghị của cục nào?", "Theo đề nghị",
     "Cục Quản lý, giám sát chính sách thuế, phí và lệ phí"),
    # congbao_041: "Điều 12. Trách nhiệm của X" owns the verb-led sentence under it, not the partners it names
    (("Điều 11. Trách nhiệm của Bộ Tài chính\nBộ Tài chính hướng dẫn việc lập dự toán kinh phí dẫn độ.\n"
     "Điều 12. Trách nhiệm của Viện kiểm sát nhân dân tối cao\nChủ trì, phối hợp với các bộ, Bộ Công an tổ chức thi hành "
     "trong hoạt động về kinh phí bảo đảm trong công tác tương trợ tư pháp về hình sự.\n"),
     "Cơ quan nào chủ trì tổ chức thi hành về kinh phí bảo đảm công tác tương trợ tư pháp về hình sự?",
     "tương trợ tư pháp", "Viện kiểm sát nhân dân tối cao"),
    # tvpl_190 (Kế hoạch of UBND tỉnh Đồng Nai): the heading "1. Sở Khoa học và Công nghệ" owns its points; a body
    # the point names as its object is not the one acting
    (("VI. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ\na) Hướng dẫn Sở Y tế và các bệnh viện triển khai ứng dụng "
     "chữ ký số trong bệnh án điện tử.\nb) Chủ trì tổng hợp kết quả thực hiện Kế hoạch.\n2. Sở Tài chính\n"
     "a) Bố trí kinh phí thực hiện Kế hoạch.\n"),
     "Cơ quan nào hướng dẫn các bệnh viện triển khai chữ ký số trong bệnh án điện tử?", "chữ ký số",
     "Sở Khoa học và Công nghệ"),
    # tvpl_190: a point whose own title names a body inside its sentence ("trình UBND tỉnh") belongs to the heading
    (("VI. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ\na) Xây dựng, trình UBND tỉnh phê duyệt và triển khai các "
     "Chương trình phát triển IoT:\n- Chương trình thúc đẩy doanh nghiệp sản xuất thiết bị IoT giai đoạn 2026 - 2030.\n"
     "2. Sở Tài chính\na) Bố trí kinh phí thực hiện Kế hoạch.\n"),
     "Đơn vị nào xây dựng chương trình thúc đẩy doanh nghiệp sản xuất thiết bị IoT?", "thiết bị IoT",
     "Sở Khoa học và Công nghệ"),
    # tvpl_164: the bold name heading wrapped over two lines owns the tasks under it
    (("IV. TỔ CHỨC THỰC HIỆN\n**1. Sở Khoa học và Công nghệ**\n\n- Theo dõi, đôn đốc các doanh nghiệp viễn thông.\n\n"
     "**2. Ban Quản lý Khu kinh tế\nĐông Nam**\n\n- Tạo điều kiện thuận lợi để các doanh nghiệp viễn thông khảo sát, "
     "tiếp cận các vị trí tiềm năng trong KCN để lắp đặt trạm phát sóng 5G.\n"),
     "Đơn vị nào tạo điều kiện để doanh nghiệp viễn thông khảo sát vị trí lắp trạm 5G trong KCN?", "khảo sát",
     "Ban Quản lý Khu kinh tế Đông Nam"),
    # a provincial plan: "X chủ trì, phối hợp với Y, Z": X leads
    (("Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính, Bảo hiểm xã hội tỉnh xây dựng phương án hỗ trợ mức đóng "
     "bảo hiểm y tế cho người cao tuổi.\n"),
     "Cơ quan nào chủ trì xây dựng phương án hỗ trợ mức đóng bảo hiểm y tế cho người cao tuổi?", "người cao tuổi",
     "Sở Y tế"),
    # "X tham mưu UBND tỉnh …": the body advised is an object, X is the one asked for
    ("3. Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh ban hành Quy chế thi đua, khen thưởng năm 2026.\n",
     "Cơ quan nào tham mưu ban hành Quy chế thi đua, khen thưởng năm 2026?", "Quy chế thi đua",
     "Sở Nội vụ"),
    # tvpl_190 style: "X tham mưu UBND tỉnh <task>": the body advised is an object, the task is X's
    ("4. Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh tổ chức sơ kết, tổng kết việc thực hiện Kế hoạch cải cách hành chính.\n",
     "Cơ quan nào chịu trách nhiệm về sơ kết, tổng kết việc thực hiện Kế hoạch cải cách hành chính?", "sơ kết",
     "Sở Nội vụ"),
    # "giao nhiệm vụ cho X": "cho" does not make the body given the task an object
    (("Ủy ban nhân dân tỉnh giao nhiệm vụ cho Trung tâm Kiểm soát bệnh tật tỉnh theo dõi, giám sát dịch sốt xuất huyết "
     "trên địa bàn.\n"),
     "Đơn vị nào được giao giám sát dịch sốt xuất huyết trên địa bàn tỉnh?", "sốt xuất huyết",
     "Trung tâm Kiểm soát bệnh tật tỉnh"),
    # tvpl_054 (Nghị quyết of Ủy ban Thường vụ Quốc hội) and the People's Councils' resolutions (tvpl_064, tvpl_170):
    # "Báo cáo thẩm tra số … của X" names the body that examined the draft
    (("Xét đề nghị của Chính phủ tại Tờ trình số 363/TTr-CP và Đề án số 364/ĐA-CP ngày 09 tháng 5 năm 2025, Báo cáo "
     "thẩm tra số 414/BC-UBPLTP15 ngày 03 tháng 6 năm 2025 của Ủy ban Pháp luật và Tư pháp,\n"),
     "Cơ quan nào của Quốc hội thẩm tra đề án sắp xếp đơn vị hành chính cấp xã?", "Báo cáo",
     "Ủy ban Pháp luật và Tư pháp"),
    (("Xét Tờ trình số 45/TTr-UBND ngày 10 tháng 11 năm 2025 của Ủy ban nhân dân Thành phố về mức học phí; Báo cáo "
     "thẩm tra số 103/BC-BVHXH\nngày 23 tháng 11 năm 2025 của Ban Văn hóa - Xã hội Hội đồng nhân dân Thành phố;\n"),
     "Ban nào của Hội đồng nhân dân Thành phố thẩm tra tờ trình về mức học phí?", "Báo cáo",
     "Ban Văn hóa - Xã hội"),
    # tvpl_200 / tvpl_141 (decisions publishing procedures): "thuộc thẩm quyền giải quyết của X" holds the task printed
    # before it; the one-stop desk that receives the file is another body
    (("Hồ sơ nộp tại Trung tâm Phục vụ hành chính công tỉnh; việc cấp chứng chỉ hành nghề dược thuộc thẩm quyền giải "
     "quyết của Sở Y tế.\n"),
     "Cấp chứng chỉ hành nghề dược thuộc thẩm quyền của cơ quan nào?", "chứng chỉ hành nghề", "Sở Y tế"),
    ("Danh mục thuốc dự trữ do Bộ Quốc phòng quản lý; Bộ Công an phối hợp kiểm tra việc cấp phát.\n",
     "Danh mục thuốc dự trữ do cơ quan nào quản lý?", "thuốc dự trữ", "Bộ Quốc phòng"),
    # tvpl_169 (Quyết định 2859/QĐ-UBND, TP.HCM): a legal-basis item names an act's issuer, an address line names the
    # desk where files are handed in; the body given the task is the one "Giao …" names
    (("Điều 1. Căn cứ pháp lý:\n- Thông tư số 40/2025/TT-BNNMT ngày 02/7/2025 của\nBộ trưởng Bộ Nông nghiệp và Môi "
     "trường quy định về phân cấp, quy trình nội bộ giải quyết thủ tục khoáng sản.\n- Bộ phận Tiếp nhận và Trả kết quả "
     "của Sở Nông nghiệp\nvà Môi trường, số 63 đường Lý Tự Trọng, Phường Sài Gòn, quy trình nội bộ.\n"
     "Điều 2. Giao Sở Nông nghiệp và Môi trường xây dựng quy trình nội bộ giải quyết thủ tục hành chính khoáng sản.\n"),
     "Cơ quan nào xây dựng quy trình nội bộ giải quyết thủ tục khoáng sản?", "Thông tư số 40", None),
    # "đề nghị X + verb" gives X the task (công văn of a ministry to the provinces)
    ("Bộ Y tế đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo rà soát cơ số thuốc dự trữ phòng, chống thiên tai.\n",
     "Bộ Y tế đề nghị cơ quan nào chỉ đạo rà soát cơ số thuốc dự trữ phòng, chống thiên tai?", "cơ số thuốc",
     "Ủy ban nhân dân các tỉnh, thành phố"),
]


@pytest.mark.parametrize(("body", "question", "holding", "expected"), CASES)
def test_the_agency_given_the_task(tmp_path, body, question, holding, expected):
    span = _answer(tmp_path, body, question, holding)
    if expected is None:  # the unit names no body doing the task: its proposal must lose to one that does
        given = _answer(tmp_path, body, question, "Giao Sở")
        assert given is not None and given.text == "Sở Nông nghiệp và Môi trường"
        assert span is None or span.confidence <= 0 < given.confidence, (span, given)  # no evidence of a task
        desk = _answer(tmp_path, body, question, "Bộ phận Tiếp nhận")
        assert desk is None or desk.confidence <= 0 < given.confidence, (desk, given)
        return
    assert span is not None and expected in span.text, span


AGENCIES = [
    # a provincial plan: the partners of "phối hợp với" for "những cơ quan nào phối hợp"
    (("Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính, Bảo hiểm xã hội tỉnh xây dựng phương án hỗ trợ mức đóng "
     "bảo hiểm y tế cho người cao tuổi.\n"),
     "Những cơ quan nào phối hợp với Sở Y tế xây dựng phương án hỗ trợ mức đóng bảo hiểm y tế cho người cao tuổi?",
     "người cao tuổi", ("Sở Tài chính", "Bảo hiểm xã hội tỉnh")),

    # congbao_046 (Nghị quyết 15/2026/NQ-CP) style: the heading "Các Bộ: Y tế, …" owns a verb-led point, not the body
    # the point instructs
    (("4. Các Bộ: Y tế, Nông nghiệp và Môi trường, Công Thương:\na) Hướng dẫn Ủy ban nhân dân cấp tỉnh kiểm tra an toàn "
     "thực phẩm tại các chợ đầu mối nông sản.\nb) Tổng hợp kết quả kiểm tra.\n"),
     "Những cơ quan nào hướng dẫn kiểm tra an toàn thực phẩm tại chợ đầu mối nông sản?", "chợ đầu mối",
     ("Y tế", "Công Thương")),
]


@pytest.mark.parametrize(("body", "question", "holding", "expected"), AGENCIES)
def test_the_agencies_given_the_task(tmp_path, body, question, holding, expected):
    span = _answer(tmp_path, body, question, holding, AgenciesExtractor())
    assert span is not None and all(name in span.text for name in expected), span


# ---------------------------------------------------------------- whole names inside a list of bodies
LISTED = [
    # congbao_047 (Nghị định on trade promotion): "Văn phòng Xúc tiến thương mại, Trung tâm …"
    ("Chỉ đạo hệ thống Thương vụ, Văn phòng Xúc tiến thương mại, Trung\ntâm Xúc tiến thương mại triển khai.",
     "Văn phòng Xúc tiến thương mại"),
    # tvpl_072 style (health ministry recipients): the department's lower-case tail runs to the next body
    ("Giao Cục An toàn thực phẩm, Sở Y tế các tỉnh phối hợp kiểm tra.", "Cục An toàn thực phẩm"),
    ("phối hợp với Vụ Bảo hiểm y tế và Cục Quản lý Dược rà soát danh mục.", "Vụ Bảo hiểm y tế"),
    ("Cục Dân số, Vụ Pháp chế có trách nhiệm hướng dẫn.", "Cục Dân số"),
    ("Cục Kiểm soát thủ tục hành chính, Văn phòng Chính phủ theo dõi.", "Cục Kiểm soát thủ tục hành chính"),
    # "xã hội" is one word, not a commune
    ("Ngân hàng Chính sách xã hội, Sở Tài chính bố trí vốn.", "Ngân hàng Chính sách xã hội"),
]


@pytest.mark.parametrize(("text", "name"), LISTED)
def test_a_listed_body_keeps_its_lower_case_tail(text, name):
    assert name in [n for _, _, n in agency_spans(text)]


VERB_AFTER = [
    # a verb after a capitalised name is the name's predicate, not its tail
    ("Bộ Tài chính cung cấp, Sở Y tế tổng hợp số liệu.", "Bộ Tài chính"),
    ("Sở Y tế tổng hợp, Sở Tài chính thẩm định dự toán.", "Sở Y tế"),
    ("Trung tâm Y tế quận và các đơn vị liên quan thực hiện.", "Trung tâm Y tế quận"),
]


@pytest.mark.parametrize(("text", "name"), VERB_AFTER)
def test_a_verb_after_a_name_is_not_its_tail(text, name):
    assert next(n for _, _, n in agency_spans(text)) == name
