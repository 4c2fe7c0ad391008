"""How the agency extractors read the role a body plays in a sentence, a heading, a table or a labelled field,
and whole names (helper w45).  The examples are sentences of the real documents (source named above each)."""

from __future__ import annotations

from types import SimpleNamespace

from test_qa_extractors import extract_in_unit, parsed_units

from retriever.qa.extractors import agency_spans
from retriever.qa.extractors.agency import (
    AgenciesExtractor,
    AgencyExtractor,
    _acceptable,
    acronym_forms,
)
from retriever.qa.extractors.base import Context
from retriever.qa.model import Unit, UnitKind
from retriever.qa.question import QuestionKind, analyze_question
from retriever.qa.scoring import TermWeights
from retriever.qa.settings import QA
from retriever.qa.units import UnitIndex

_HEADER = "CÔNG ĐIỆN\nVề việc ứng phó mưa lũ\n\n"


def _document(tmp_path, body: str):
    return parsed_units(tmp_path, _HEADER + body)


def _answer(tmp_path, body: str, question: str, holding: str, extractor=None):
    """The extractor's span for ``question`` in the unit of ``body`` that holds ``holding``."""
    return extract_in_unit(tmp_path, _HEADER + body, question, holding, extractor or AgencyExtractor())


def test_a_heading_line_naming_one_body_is_its_whole_name(tmp_path):
    # tvpl_134 (Công điện 96/CĐ-BXD): the body's name holds lower-case words after "Quản lý"
    body = ("7. Cục Kinh tế - Quản lý đầu tư xây dựng\n- Tham mưu cho Lãnh đạo Bộ trong việc đôn đốc, phối hợp chặt "
            "chẽ với các địa phương theo dõi, nắm bắt thường xuyên biến động giá vật liệu xây dựng.\n"
            "8. Sở Y tế chủ trì tổ chức cấp cứu người bị nạn\n- Bảo đảm thuốc, vật tư y tế.\n")
    span = _answer(tmp_path, body, "Cục nào theo dõi biến động giá vật liệu xây dựng sau mưa lũ?", "biến động giá")
    assert span is not None and span.text == "Cục Kinh tế - Quản lý đầu tư xây dựng"
    # a numbered task led by a body is no name: the body's name stops at its verb
    task = _answer(tmp_path, body, "Cơ quan nào bảo đảm thuốc, vật tư y tế?", "Bảo đảm thuốc")
    assert task is not None and task.text == "Sở Y tế"


def test_the_body_a_paper_is_submitted_to_and_the_one_on_whose_behalf_another_signs(tmp_path):
    # tvpl_052 (Nghị quyết of the Government on the draft Ordinance on environmental police)
    body = ("Điều 1. Giao Bộ trưởng Bộ Công an thừa ủy quyền Thủ tướng Chính phủ,\nthay mặt Chính phủ ký Tờ trình của "
            "Chính phủ về dự án Pháp lệnh sửa đổi, bổ\nsung một số điều của Pháp lệnh Cảnh sát môi trường, trình Ủy ban "
            "Thường vụ Quốc\nhội, bảo đảm thời hạn theo thời quy định.\n")
    asked = "Tờ trình của Chính phủ về dự án Pháp lệnh Cảnh sát môi trường được trình lên cơ quan nào?"
    span = _answer(tmp_path, body, asked, "Tờ trình")
    assert span is not None and span.text == "Ủy ban Thường vụ Quốc hội"
    signer = _answer(tmp_path, body, "Ai được thừa ủy quyền Thủ tướng ký Tờ trình về Pháp lệnh Cảnh sát môi trường?",
                     "Tờ trình")
    assert signer is not None and signer.text == "Bộ trưởng Bộ Công an"


def test_ministries_listed_after_a_capitalised_head_end_before_another_body(tmp_path):
    # congbao_046 (Nghị quyết 15/2026/NQ-CP on food safety)
    body = ("4. Trách nhiệm phối hợp trong tổ chức thực hiện\nCác Bộ: Y tế, Nông nghiệp và Môi trường, Công Thương, Tài "
            "chính và Ủy\nban nhân dân tỉnh, thành phố có trách nhiệm hoàn thiện việc kết nối, chia sẻ dữ\nliệu với "
            "Cổng dịch vụ công quốc gia để giải quyết các thủ tục hành chính.\n")
    question = "Những bộ nào phải hoàn thiện kết nối, chia sẻ dữ liệu với Cổng dịch vụ công quốc gia?"
    assert analyze_question(question).kind is QuestionKind.AGENCIES
    span = _answer(tmp_path, body, question, "chia sẻ", AgenciesExtractor())
    assert span is not None and span.text == "Y tế, Nông nghiệp và Môi trường, Công Thương, Tài chính"


def test_the_body_asked_to_act(tmp_path):
    # "đề nghị X + verb" gives X the task, as "giao X" does (tvpl_* công văn: "Đề nghị Ủy ban nhân dân phường, xã
    # và đặc khu thực hiện đánh giá …")
    body = "Cục Quản lý Dược đề nghị Sở Y tế tỉnh Nghệ An rà soát danh mục thuốc dự trữ.\n"
    asked = _answer(tmp_path, body, "Cơ quan nào được đề nghị rà soát danh mục thuốc dự trữ?", "danh mục")
    assert asked is not None and asked.text == "Sở Y tế tỉnh Nghệ An"


def test_the_body_that_proposed(tmp_path):
    # tvpl_200: "Xét đề nghị của Giám đốc Sở Tư pháp," — who proposed, not an object of "của"
    body = ("Theo đề nghị của Giám đốc Sở Tư pháp, Ủy ban nhân dân thành phố quyết định công bố thủ tục hành chính "
            "nội bộ.\n")
    proposer = _answer(tmp_path, body, "Cơ quan nào đề nghị công bố thủ tục hành chính nội bộ?", "Tư pháp")
    assert proposer is not None and proposer.text == "Giám đốc Sở Tư pháp"


def test_a_labelled_field_names_the_body_in_its_role(tmp_path):
    # tvpl_185: "**Cơ quan thực hiện thủ tục hành chính:** Sở Y tế nơi cơ sở đặt trụ sở chính."; tvpl_111: "- Đơn vị chủ
    # trì: Sở Khoa học và Công nghệ." / "- Đơn vị phối hợp: …"
    body = ("**Cơ quan thực hiện thủ tục hành chính:** Sở Y\ntế nơi cơ sở đặt trụ sở chính; cơ quan phối hợp: Sở Tài "
            "chính.\n")
    partner = _answer(tmp_path, body, "Cơ quan nào phối hợp giải quyết thủ tục?", "nơi cơ sở")
    assert partner is not None and partner.text == "Sở Tài chính"
    performer = _answer(tmp_path, body, "Cơ quan nào thực hiện thủ tục?", "nơi cơ sở")
    assert performer is not None and performer.text == "Sở Y tế"


def _row_context(text: str, cells: tuple[str, ...], header: tuple[str, ...], question: str):
    document = SimpleNamespace(text=text)
    store = SimpleNamespace(documents={"d": document})
    unit = Unit("d", 0, len(text), 0, "", "", kind=UnitKind.ROW, cells=cells, header=header)
    weights = {w: 1.0 for w in analyze_question(question).key.split()}
    from retriever.qa.extractors.agency import document_names

    units = SimpleNamespace(agency_names={"d": document_names(text)})  # what UnitIndex reads at load
    return unit, Context(store, units, weights, QA)


def test_a_table_column_of_bodies_answers_its_row_cell_wrapped_over_lines():
    # tvpl_065: the list of procedures, "Cơ quan thực hiện" the last column, its cell wrapped ("Trung\ntâm …")
    text = ("1\n1.011439\nCung cấp thông tin về biện pháp bảo\nđảm bằng động sản, bằng cây hằng\nnăm, công trình tạm\n"
            "Thông tư số 64/2025/TT-BTC\nĐăng ký biện pháp\nbảo đảm\nTrung\ntâm đăng ký giao dịch, tài sản - Bộ Tư pháp")
    header = ("STT", "Số hồ sơ TTHC", "Tên thủ tục hành chính", "Tên VBQPPL", "Lĩnh vực", "Cơ quan thực hiện")
    cells = ("1", "1.011439", "Cung cấp thông tin về biện pháp bảo đảm bằng động sản, bằng cây hằng năm, công trình tạm",
             "Thông tư số 64/2025/TT-BTC", "Đăng ký biện pháp bảo đảm", "Trung tâm đăng ký giao dịch, tài sản - Bộ Tư pháp")
    question = "Cơ quan nào thực hiện thủ tục cung cấp thông tin về biện pháp bảo đảm bằng động sản?"
    unit, context = _row_context(text, cells, header, question)
    span = AgencyExtractor().extract(analyze_question(question), unit, context)
    assert span is not None and span.text == "Trung tâm đăng ký giao dịch, tài sản - Bộ Tư pháp"
    assert text[span.start:span.end].split() == span.text.split()  # the quote is the printed cell


def test_a_table_partner_column_answers_which_bodies_cooperate():
    text = "1\nRà soát danh mục thuốc\nSở Y tế\nSở Tài chính, Công an tỉnh\nQuý II/2026"
    header = ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành")
    cells = ("1", "Rà soát danh mục thuốc", "Sở Y tế", "Sở Tài chính, Công an tỉnh", "Quý II/2026")
    question = "Những cơ quan nào phối hợp rà soát danh mục thuốc?"
    unit, context = _row_context(text, cells, header, question)
    span = AgenciesExtractor().extract(analyze_question(question), unit, context)
    assert span is not None and span.text == "Sở Tài chính, Công an tỉnh"


def test_the_question_own_body_through_its_acronym_either_way():
    asked = analyze_question("Sở NN&MT phối hợp với cơ quan nào để thẩm định hồ sơ?")
    assert not _acceptable(asked, "Sở Nông nghiệp và Môi trường")
    assert _acceptable(asked, "Sở Tài chính")
    assert not _acceptable(analyze_question("Sở Nông nghiệp và Môi trường phối hợp với cơ quan nào?"), "Sở NN&MT")
    assert not _acceptable(analyze_question("Bộ LĐTBXH phối hợp với ai?"), "Bộ Lao động - Thương binh và Xã hội")
    assert not _acceptable(analyze_question("Tờ trình gửi UBTVQH qua cơ quan nào?"), "Ủy ban Thường vụ Quốc hội")
    # an act's code is no body: "Cục Thuế" stays an answer to a question naming "Chỉ thị 25-CT/TW"
    assert _acceptable(analyze_question("Theo Chỉ thị 25-CT/TW, cơ quan nào thu thuế?"), "Cục Thuế")
    assert "so nnmt" in acronym_forms("Sở Nông nghiệp và Môi trường")


def test_names_read_whole_levels_joined_by_va_and_the_one_stop_desk():
    # tvpl_169: "- Bộ phận Tiếp nhận và Trả kết quả của Sở Nông nghiệp\nvà Môi trường, số 63 …"
    text = ("- Bộ phận Tiếp nhận và Trả kết quả của Sở Nông nghiệp\nvà Môi trường, số 63 đường Lý Tự Trọng. "
            "Đề nghị Ủy ban nhân dân phường, xã và đặc khu thực hiện đánh giá.")
    assert [n for _, _, n in agency_spans(text)] == [
        "Bộ phận Tiếp nhận và Trả kết quả", "Sở Nông nghiệp và Môi trường", "Ủy ban nhân dân phường, xã và đặc khu"]


def test_a_body_whose_first_words_the_question_prints_before_its_slot_is_an_answer():
    # tvpl_002 (t007 with "UBND" spelt out): "Chủ tịch Ủy ban nhân dân tỉnh An Giang, …" answers "… Ủy ban nhân dân
    # những tỉnh, thành phố nào"; the question's own body is still refused
    spelt = analyze_question("Chủ tịch Ủy ban nhân dân những tỉnh, thành phố nào phải thi hành nghị quyết?")
    assert _acceptable(spelt, "Ủy ban nhân dân tỉnh An Giang")
    own = analyze_question("Ban Quản lý Khu Kinh tế mở Chu Lai là cơ quan hành chính thuộc cơ quan nào?")
    assert not _acceptable(own, "Ban Quản lý Khu kinh tế mở Chu Lai thành phố Đà Nẵng")


def test_names_keep_words_a_verb_would_start_elsewhere_and_places_after_a_level():
    # tvpl_163: "…, Văn phòng Đăng ký đất đai Hà Nội (và các Chi nhánh)"; tvpl_183: "cơ quan Thi hành án dân sự thành
    # phố"; "ký", "triển", "thực" end a name before a verb ("UBND tỉnh Quảng Ninh ký quyết định")
    text = ("Văn phòng Đăng ký đất đai Hà Nội (và các Chi nhánh); Cục Thi hành án dân sự tỉnh chủ trì. Trung tâm Phát triển "
            "quỹ đất tỉnh tổ chức đấu giá. Cục An toàn thực phẩm chủ trì. Trung tâm Y tế khu vực Hoàng Mai tổ chức "
            "tiêm. UBND tỉnh Quảng Ninh ký quyết định. Chủ tịch UBND tỉnh Nguyễn Văn A chủ trì.")
    assert [n for _, _, n in agency_spans(text)] == [
        "Văn phòng Đăng ký đất đai Hà Nội", "Cục Thi hành án dân sự tỉnh", "Trung tâm Phát triển quỹ đất tỉnh",
        "Cục An toàn thực phẩm", "Trung tâm Y tế khu vực Hoàng Mai", "UBND tỉnh Quảng Ninh", "UBND tỉnh"]


def test_the_person_under_the_title_the_question_asks_for(tmp_path):
    # a decision's list of members: the Chair first, the Vice-Chair asked for
    from retriever.qa.extractors.people import PersonExtractor

    body = ("Điều 1. Thành lập Ban Chỉ đạo gồm: Chủ tịch Ủy ban nhân dân tỉnh Trần Văn Bình là Trưởng ban; Phó Chủ tịch "
            "Ủy ban nhân dân tỉnh Lê Thị Hoa là Phó Trưởng ban thường trực.\n")
    question = "Phó Chủ tịch Ủy ban nhân dân tỉnh làm Phó Trưởng ban thường trực Ban Chỉ đạo là ai?"
    assert analyze_question(question).kind is QuestionKind.PERSON
    span = _answer(tmp_path, body, question, "Ban Chỉ đạo", PersonExtractor())
    assert span is not None and span.text == "Lê Thị Hoa"
    chair = _answer(tmp_path, body, "Trưởng ban Ban Chỉ đạo là ai?", "Ban Chỉ đạo", PersonExtractor())
    assert chair is not None and chair.text == "Trần Văn Bình"


def test_a_unit_of_measure_or_an_address_column_is_no_body_column():
    from retriever.qa.extractors.agency import _agency_column

    question = analyze_question("Cơ quan nào thực hiện thủ tục cấp phép?")
    # tables of the real documents: "Đơn vị tính" (a unit of measure), "Trụ sở chính của đơn vị" (an address)
    assert _agency_column(question, ("STT", "Nội dung", "Đơn vị tính", "Số lượng"), False) is None
    assert _agency_column(question, ("Tên đơn vị", "Trụ sở chính của đơn vị"), False) is None
    assert _agency_column(question, ("Bước", "Nội dung công việc", "Trách nhiệm thực hiện", "Thời gian"), False) == 2


def test_a_body_that_oversees_a_task_is_not_the_one_doing_it(tmp_path):
    # tvpl_053 (QĐ 1973/QĐ-UBND of Hưng Yên): its two points, here in one sentence
    body = ("Văn phòng Ủy ban nhân dân tỉnh có trách nhiệm hướng dẫn, theo dõi, đôn đốc và kiểm tra việc thực hiện "
            "công khai thủ tục hành chính; Sở Y tế có trách nhiệm công khai nội dung cụ thể của thủ tục hành chính "
            "kèm theo Quyết định này.\n")
    span = _answer(tmp_path, body, "Cơ quan nào có trách nhiệm công khai nội dung thủ tục hành chính?", "Sở Y tế")
    assert span is not None and span.text == "Sở Y tế"
    # asked who oversees, the overseeing body's words count again
    oversee = _answer(tmp_path, body, "Cơ quan nào kiểm tra việc công khai thủ tục hành chính?", "Sở Y tế")
    assert oversee is not None and oversee.text == "Văn phòng Ủy ban nhân dân tỉnh"


def test_words_of_the_document_title_do_not_tell_one_body_task_from_another(tmp_path):
    # tvpl_144 (the Government's decision on the ASEAN - New Zealand air transport agreement), its two sentences
    from corpus import parse_document

    path = tmp_path / "agreement.txt"
    path.write_text("QUYẾT ĐỊNH\nVề việc ký Hiệp định vận chuyển hàng không giữa ASEAN và New Zealand\n\nĐiều 1.\n"
                    "Bộ Xây dựng thay mặt Chính phủ ký Hiệp định với đại diện của Chính phủ các Quốc gia Thành viên ASEAN "
                    "và Chính phủ New Zealand.\nĐiều 2.\nBộ Ngoại giao hoàn tất các thủ tục đối ngoại theo quy định.\n",
                    encoding="utf-8")
    parsed = parse_document(path)
    store = SimpleNamespace(documents={parsed.record.doc_id: parsed}, chunks=parsed.chunks, citations=None)
    units, terms = UnitIndex(store), TermWeights(parsed.chunks)
    question = "Bộ nào lo hoàn tất thủ tục đối ngoại cho Hiệp định hàng không giữa ASEAN và New Zealand?"
    context = Context(store, units, terms.question_weights(question, []), QA)
    found = {s.text: s.confidence for row in range(len(store.chunks)) for u in units.units_of(row)
             if (s := AgencyExtractor().extract(analyze_question(question), u, context)) is not None}
    assert found["Bộ Ngoại giao"] > found["Bộ Xây dựng"]  # the name no longer runs on into "hoàn tất"


def test_a_sentence_opening_with_an_office_title_starts_with_its_actor_not_a_verb(tmp_path):
    # the bundled Huế plan (dev q101): "Chủ tịch UBND huyện, thị xã, thành phố chịu trách nhiệm trước UBND tỉnh, Chủ
    # tịch UBND tỉnh …" under a heading naming a body: the bodies one answers to ("trước X, Y") are objects
    body = ("3. Ủy ban nhân dân các huyện, thị xã, thành phố\nChủ tịch UBND huyện, thị xã, thành phố chịu trách "
            "nhiệm trước UBND tỉnh, Chủ tịch UBND tỉnh về việc tiêm vắc xin trên địa bàn.\n")
    span = _answer(tmp_path, body, "Ai chịu trách nhiệm về tiêm vắc xin?", "vắc xin")
    assert span is not None and span.text == "Chủ tịch UBND huyện, thị xã, thành phố"
