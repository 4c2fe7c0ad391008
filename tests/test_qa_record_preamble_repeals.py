"""Record facts read as a clerk reads a long document's preamble and final articles — the words a question
says of its own document before "căn cứ" do not pick a basis line; a part reference at a line's end ("… khoản 2
Điều 1") goes on with the act printed on the next line, so every item of a repeal article names its act
(synthetic documents parsed for real; no model, no index)."""

from __future__ import annotations

from test_qa_legal_basis import Document

from retriever.qa.question import analyze_question
from retriever.qa.units import sentence_spans

MINISTRY_DECISION = """BỘ Y TẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1234/QĐ-BYT
Hà Nội, ngày 10 tháng 11 năm 2025

QUYẾT ĐỊNH
VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH LIÊN THÔNG ĐIỆN TỬ CẤP GIẤY PHÉP HÀNH NGHỀ KHÁM BỆNH

BỘ TRƯỞNG BỘ Y TẾ

Căn cứ Nghị định số 42/2025/NĐ-CP ngày 27 tháng 02 năm 2025 của
Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Y tế;

Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính
phủ về kiểm soát thủ tục hành chính;

Căn cứ Nghị định số 301/2025/NĐ-CP ngày 20 tháng 11 năm 2025 của
Chính phủ quy định thực hiện liên thông điện tử thủ tục cấp giấy phép hành nghề khám bệnh;

Theo đề nghị của Cục trưởng Cục Quản lý Khám, chữa bệnh.

QUYẾT ĐỊNH:

Điều 1. Công bố kèm theo Quyết định này thủ tục hành chính liên thông điện tử.

Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Trần Văn Thuấn
"""

RESOLUTION = """HỘI ĐỒNG NHÂN DÂN
TỈNH AN BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 31/2025/NQ-HĐND
An Bình, ngày 05 tháng 12 năm 2025

NGHỊ QUYẾT
QUY ĐỊNH MỨC CHI HỖ TRỢ CÔNG TÁC DÂN SỐ TRÊN ĐỊA BÀN TỈNH AN BÌNH

HỘI ĐỒNG NHÂN DÂN TỈNH AN BÌNH

Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;

QUYẾT NGHỊ:

Điều 1. Mức chi hỗ trợ cộng tác viên dân số là 300.000 đồng/người/tháng.

Điều 2. Hiệu lực thi hành
1. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.
2. Nghị quyết này bãi bỏ
các văn bản sau:
a) Bãi bỏ khoản 3 Điều 2
Nghị quyết số 118/NQ-HĐND ngày 12 tháng 9 năm 2025 của Hội đồng nhân dân tỉnh
An Bình về áp dụng văn bản sau sắp xếp.
b) Bãi bỏ toàn bộ Nghị
quyết số 07/2021/NQ-HĐND ngày 15 tháng 7 năm 2021 của Hội đồng nhân dân tỉnh
Bình Sơn quy định mức chi hỗ trợ công tác dân số.

Nghị quyết này đã được Hội đồng nhân dân tỉnh An Bình thông qua ngày 05 tháng 12 năm 2025.

CHỦ TỊCH
Lê Văn Hòa
"""


def _facts(tmp_path, text: str, question: str) -> str:
    doc = Document(tmp_path, text)
    answer = doc.route().facts(analyze_question(question), doc.doc_id)
    assert answer is not None, question
    for quote in answer.quotes:  # verbatim
        assert doc.text[quote.start:quote.end] == quote.text
    return answer.answer


def test_the_documents_own_description_before_can_cu_picks_no_basis_line(tmp_path):
    # "… của Bộ Y tế" describes the decision itself (its issuer): it must not pick the line on the ministry's
    # functions ("… cơ cấu tổ chức của Bộ Y tế"); every decree stays, the one on the decision's subject among them
    shown = _facts(tmp_path, MINISTRY_DECISION, "Quyết định công bố thủ tục liên thông điện tử về giấy phép hành nghề "
                                                "khám bệnh của Bộ Y tế căn cứ nghị định nào?")
    assert "301/2025/NĐ-CP" in shown


def test_words_after_the_asked_act_still_pick_its_line(tmp_path):
    shown = _facts(tmp_path, MINISTRY_DECISION, "Quyết định 1234/QĐ-BYT căn cứ nghị định nào về kiểm soát thủ tục "
                                                "hành chính?")
    assert shown.startswith("Nghị định số 63/2010/NĐ-CP") and "301/2025" not in shown


def test_a_part_reference_ending_a_line_goes_on_with_the_act_below():
    text = "a) Bãi bỏ khoản 3 Điều 2\nNghị quyết số 118/NQ-HĐND ngày 12 tháng 9 năm 2025.\nb) Bãi bỏ toàn bộ"
    assert next(text[s:e] for s, e in sentence_spans(text)).endswith("118/NQ-HĐND ngày 12 tháng 9 năm 2025.")
    basis = "Căn cứ điểm đ khoản 1 Điều 50\nLuật Đất đai số 31/2024/QH15;"
    assert len(sentence_spans(basis)) == 1


def test_an_article_heading_and_a_provision_on_this_act_stay_apart():
    assert len(sentence_spans("Điều 2\nNghị quyết này có hiệu lực từ ngày ký.")) == 2
    assert len(sentence_spans("Thực hiện theo Điều 3\nQuyết định này có hiệu lực từ ngày ký.")) == 2


def test_every_item_of_a_repeal_article_is_named(tmp_path):
    shown = _facts(tmp_path, RESOLUTION, "Nghị quyết 31/2025/NQ-HĐND của tỉnh An Bình bãi bỏ những văn bản nào?")
    assert "118/NQ-HĐND" in shown and "07/2021/NQ-HĐND" in shown


GRANT = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1500/QĐ-TTg
Hà Nội, ngày 02 tháng 12 năm 2025

QUYẾT ĐỊNH
VỀ VIỆC BỔ SUNG KINH PHÍ CHO CÁC ĐỊA PHƯƠNG

THỦ TƯỚNG CHÍNH PHỦ

Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Căn cứ Nghị quyết số 210/NQ-CP ngày 10 tháng 11 năm 2025 của Chính phủ về kinh phí phòng, chống dịch;
Trên cơ sở đề nghị của Bộ Tài chính tại văn bản
số 17001/BTC-NSNN ngày 25 tháng 11 năm 2025 về việc bổ sung kinh phí.

QUYẾT ĐỊNH:

Điều 1. Bổ sung cho 12 địa phương số tiền 500 tỷ đồng.

Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.

KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Hồ Đức Phớc
"""

COUNCIL = RESOLUTION.replace("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
                             "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n"
                             "Xét Tờ trình số 215/TTr-UBND ngày 20 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh;")


def test_the_paper_a_document_was_proposed_in_is_read_off_its_proposal_line(tmp_path):
    assert _facts(tmp_path, GRANT, "Quyết định 1500/QĐ-TTg được ban hành trên cơ sở văn bản đề nghị số mấy của Bộ "
                                   "Tài chính?") == "17001/BTC-NSNN"


def test_a_submission_considered_is_the_proposal_paper(tmp_path):
    assert _facts(tmp_path, COUNCIL, "Nghị quyết 31/2025/NQ-HĐND được ban hành dựa trên tờ trình số mấy của "
                                     "UBND tỉnh?") == "215/TTr-UBND"


def test_a_plain_basis_question_still_reads_the_can_cu_lines(tmp_path):
    shown = _facts(tmp_path, GRANT, "Quyết định 1500/QĐ-TTg được ban hành trên cơ sở nghị quyết nào của Chính phủ?")
    assert "210/NQ-CP" in shown and "17001" not in shown


EXPIRED_LIST = """BỘ Y TẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 88/QĐ-BYT
Hà Nội, ngày 15 tháng 01 năm 2025

QUYẾT ĐỊNH
VỀ VIỆC CÔNG BỐ DANH MỤC VĂN BẢN HẾT HIỆU LỰC THUỘC LĨNH VỰC QUẢN LÝ CỦA BỘ Y TẾ

Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản hết hiệu lực.

Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.

BỘ TRƯỞNG
Đào Hồng Lan

DANH MỤC VĂN BẢN HẾT HIỆU LỰC
1
Thông tư số 12/2019/TT-BYT ngày 10/5/2019 của Bộ trưởng Bộ Y tế
hướng dẫn thực hiện Nghị định số 55/2017/NĐ-CP về dược
Được sửa đổi, bổ sung bởi Thông tư số 08/2022/TT-BYT ngày 01/6/2022
01/8/2022
2
Thông tư số 30/2020/TT-BYT ngày 31/12/2020 của Bộ trưởng Bộ Y tế
quy định chi tiết về khám bệnh
Được thay thế bởi Thông tư số 32/2023/TT-
BYT ngày 31/12/2023 của Bộ trưởng Bộ Y tế
15/02/2024
3
Nghị định số 55/2017/NĐ-CP ngày 08/5/2017 của Chính phủ về dược
Được bãi bỏ bởi Nghị định số 110/2024/NĐ-CP ngày 30/8/2024
30/8/2024
"""


def test_the_act_that_replaced_a_named_act_is_read_off_its_row(tmp_path):
    doc = Document(tmp_path, EXPIRED_LIST)
    route = doc.route()

    def ask(question: str) -> str | None:
        answer = route.answer(analyze_question(question))
        return answer.answer if answer is not None else None

    # the verb of the question picks the row's verb: not the amending act of the row above
    assert ask("Thông tư 30/2020/TT-BYT về khám bệnh đã được thay thế bởi thông tư nào?") == "32/2023/TT-BYT"
    assert ask("Nghị định 55/2017/NĐ-CP về dược bị bãi bỏ bởi nghị định nào?") == "110/2024/NĐ-CP"
    assert ask("Thông tư 12/2019/TT-BYT được sửa đổi, bổ sung bởi thông tư nào?") == "08/2022/TT-BYT"
    # a verb the row does not print answers nothing from it
    assert ask("Thông tư 12/2019/TT-BYT đã được thay thế bởi thông tư nào?") != "08/2022/TT-BYT"


NOTICE = """VĂN PHÒNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 700/TB-VPCP
Hà Nội, ngày 20 tháng 11 năm 2025

THÔNG BÁO
KẾT LUẬN PHIÊN HỌP LẦN THỨ BA CỦA BAN CHỈ ĐẠO QUỐC GIA VỀ PHÒNG, CHỐNG DỊCH BỆNH

Ngày 14 tháng 11 năm 2025, tại Trụ sở Chính phủ, Phó Thủ tướng Lê Thành Long chủ trì Phiên họp lần thứ ba của
Ban Chỉ đạo quốc gia về phòng, chống dịch bệnh. Hội nghị trực tuyến với các địa phương đã diễn ra ngày 02 tháng
10 năm 2025.
1. Bộ Y tế hoàn thành kế hoạch trước ngày 30 tháng 11 năm 2025.

KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Nguyễn Văn Hùng
"""


def test_the_meeting_a_notice_reports_is_dated_by_its_opening_line(tmp_path):
    route = Document(tmp_path, NOTICE).route()
    answer = route.answer(analyze_question("Phiên họp lần thứ ba của Ban Chỉ đạo quốc gia về phòng, chống dịch bệnh "
                                           "diễn ra ngày nào?"))
    assert answer is not None and answer.answer == "Ngày 14 tháng 11 năm 2025"


def test_another_meeting_the_notice_mentions_is_left_to_its_text(tmp_path):
    route = Document(tmp_path, NOTICE).route()
    assert route.answer(analyze_question("Hội nghị trực tuyến với các địa phương mà Phó Thủ tướng nhắc tới diễn ra "
                                         "ngày nào?")) is None


CONSOLIDATED = """BỘ Y TẾ
Số: 12/VBHN-BYT
Hà Nội, ngày 05 tháng 3 năm 2025

VĂN BẢN HỢP NHẤT
THÔNG TƯ
QUY ĐỊNH VỀ THANH TOÁN CHI PHÍ THUỐC

Thông tư số 30/2018/TT-BYT ngày 30 tháng 10 năm 2018 của Bộ trưởng Bộ Y tế quy định về thanh toán chi phí thuốc,
có hiệu lực kể từ ngày 01 tháng 01 năm 2019, được sửa đổi, bổ sung bởi:
1. Thông tư số 01/2020/TT-BYT ngày 16 tháng 01 năm 2020 của Bộ trưởng Bộ Y tế sửa đổi, bổ sung một số điều của
Thông tư số 30/2018/TT-BYT ngày 30 tháng 10 năm 2018, có hiệu lực kể từ ngày 01 tháng 3 năm 2020;
2. Thông tư số 20/2022/TT-BYT ngày 31 tháng 12 năm 2022 của Bộ trưởng Bộ Y tế, có hiệu lực kể từ ngày 01 tháng 3
năm 2023.
Căn cứ Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008;
Bộ trưởng Bộ Y tế ban hành Thông tư quy định về thanh toán chi phí thuốc.

Điều 1. Phạm vi điều chỉnh
Thông tư này quy định về thanh toán chi phí thuốc.

XÁC THỰC VĂN BẢN HỢP NHẤT
BỘ TRƯỞNG
Đào Hồng Lan
"""


def test_a_consolidated_text_merges_the_acts_its_header_lists(tmp_path):
    route = Document(tmp_path, CONSOLIDATED).route()
    answer = route.answer(analyze_question("Văn bản hợp nhất 12/VBHN-BYT hợp nhất Thông tư 30/2018/TT-BYT với những "
                                           "thông tư sửa đổi nào?"))
    # the act consolidated, printed again at the head of a wrapped line of an amending act's title, is not one
    assert answer is not None and answer.answer == "Thông tư số 01/2020/TT-BYT; Thông tư số 20/2022/TT-BYT"


def test_a_figure_the_question_states_of_its_case_is_not_its_answer():
    from retriever.qa.choice import restates_figure

    question = analyze_question("Thủ tục cấp thẻ cho người có đủ 20 năm công tác được giải quyết trong bao lâu?")
    assert restates_figure("20 năm", question)  # "có đủ 20 năm công tác": the case supposed
    assert not restates_figure("05 ngày làm việc", question)
    dated = analyze_question("Người lao động nộp hồ sơ đến ngày 30/9/2021 mà chưa được giải quyết thì hạn cuối là ngày nào?")
    assert restates_figure("ngày 30/9/2021", dated) and not restates_figure("31/12/2021", dated)
    # a "what" question reads clauses, whose figures may well repeat the question's
    assert not restates_figure("20 năm", analyze_question("Người có đủ 20 năm công tác được hưởng gì?"))


def test_an_amended_act_in_a_basis_line_names_its_amender(tmp_path):
    amended = MINISTRY_DECISION.replace(
        "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính\nphủ về kiểm soát thủ tục hành chính;",
        "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính\nphủ về kiểm soát thủ tục hành chính "
        "(đã được sửa đổi, bổ sung tại Nghị định số 92/2017/NĐ-CP);")
    assert amended != MINISTRY_DECISION
    route = Document(tmp_path, amended).route()
    answer = route.answer(analyze_question("Nghị định 63/2010/NĐ-CP về kiểm soát thủ tục hành chính đã được sửa đổi, "
                                           "bổ sung bởi nghị định nào?"))
    assert answer is not None and answer.answer == "92/2017/NĐ-CP"
