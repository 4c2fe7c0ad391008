"""Reading rules of the w12b pass, on small synthetic texts: a figure answered whole (range, unit,
spelled-out duration), the year printed after a figure, and yes/no questions."""

from __future__ import annotations

from retriever.qa.polarity import is_yes_no, polarity_span
from retriever.qa.question import analyze_question
from tests.test_qa_extractors import Corpus


def test_range_keeps_both_ends_and_attached_measure(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Dự báo khu vực ven biển có mưa phổ biến 200-400mm, cục bộ có nơi trên "
                              "500mm trong 24 giờ tới.\n")
    assert corpus.extract("Khu vực ven biển dự báo có lượng mưa phổ biến bao nhiêu?").text == "200-400mm"


def test_range_with_tu_den(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Xếp loại tốt: trung tâm có tổng số điểm đạt được từ 85 đến 100; "
                              "xếp loại khá: dưới 85 điểm.\n")
    assert corpus.extract("Trung tâm đạt tổng số điểm bao nhiêu thì xếp loại tốt?").text == "từ 85 đến 100"


def test_amount_range_and_per_unit(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Tỉnh đã đầu tư nâng cấp hạ tầng cho các xã (2,5 - 5,5 tỷ đồng/xã, phường) "
                              "trong năm 2025.\n")
    assert corpus.extract("Tỉnh đầu tư hạ tầng cho mỗi xã khoảng bao nhiêu tiền?").text == "2,5 - 5,5 tỷ đồng/xã"


def test_per_unit_stops_at_a_measure_symbol(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Nuôi trồng thủy sản thâm canh trong ao: hỗ trợ 60.000.000 đồng/ha diện tích "
                              "nuôi bị thiệt hại.\n")
    assert corpus.extract("Nuôi trồng thủy sản thâm canh trong ao được hỗ trợ bao nhiêu?").text == \
        "60.000.000 đồng/ha"


def test_number_keeps_its_currency_and_separate_measure(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Cơ sở có số thuế chưa khấu trừ hết từ 300 triệu đồng trở lên được hoàn thuế.\n"
                              "Điều 2. Hàng siêu trường là hàng có chiều dài > 40 m hoặc chiều rộng > 10 m.\n")
    assert "300 triệu đồng" in corpus.extract("Số thuế chưa khấu trừ hết từ bao nhiêu trở lên thì được hoàn thuế?").text
    assert corpus.extract("Hàng có chiều dài trên bao nhiêu mét thì là hàng siêu trường?").text.endswith("40 m")


def test_spelled_out_duration_in_working_days(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Thời hạn giải quyết: 15 (mười lăm) ngày làm việc kể từ ngày nhận đủ hồ sơ.\n")
    assert corpus.extract("Thời hạn giải quyết thủ tục là bao nhiêu ngày?").text.startswith(
        "15 (mười lăm) ngày làm việc")


def test_year_printed_after_the_figure(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Phấn đấu giải ngân 100% vốn kế hoạch năm 2023 chuyển sang và 90% vốn kế "
                              "hoạch năm 2024.\n")
    assert corpus.extract("Phấn đấu giải ngân bao nhiêu phần trăm vốn kế hoạch năm 2024?").text == "90%"
    assert corpus.extract("Phấn đấu giải ngân bao nhiêu phần trăm vốn kế hoạch năm 2023?").text == "100%"


def test_yes_no_questions():
    assert analyze_question("Chính sách này có được áp dụng cho người có công không?").yes_no
    assert analyze_question("Người lao động có phải nộp lệ phí hay không?").yes_no
    assert not analyze_question("Cơ quan nào chủ trì thẩm định?").yes_no
    assert not is_yes_no("muc ho tro la bao nhieu")


def test_yes_no_answer_is_the_negation_phrase():
    text = ("Căn cứ quy định nêu trên, việc miễn, giảm tiền sử dụng đất không áp dụng đối với trường hợp giao đất "
            "tái định cư; các trường hợp khác thực hiện theo quy định.")
    start, end = polarity_span(text, 0, len(text), 140)
    assert text[start:end] == "không áp dụng đối với trường hợp giao đất tái định cư"
    wrapped = "e) Cấm rải tiền Việt Nam và\ncác loại tiền nước ngoài trên đường đưa tang.\nf) Người qua đời"
    start, end = polarity_span(wrapped, 0, len(wrapped), 140)
    assert wrapped[start:end] == "Cấm rải tiền Việt Nam và\ncác loại tiền nước ngoài trên đường đưa tang"
    assert polarity_span("Các cơ sở khám bệnh thực hiện thanh toán bằng căn cước.", 0, 55, 140) is None


def test_shared_head_that_is_not_a_ministry(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Công điện gửi:\n- Sở Xây dựng các tỉnh, thành phố: Gia Lai, Đắk Lắk, Khánh Hòa, "
                              "Lâm Đồng.\n- Các cơ quan báo chí.\n")
    assert corpus.extract("Công điện gửi Sở Xây dựng những tỉnh nào?").text == "Gia Lai, Đắk Lắk, Khánh Hòa, Lâm Đồng"


def test_shared_head_pair_list_over_a_wrap_ends_at_the_sentence(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Dự họp có đại diện Lãnh đạo các Bộ, cơ quan: Quốc phòng, Ngoại giao, Nội vụ, Công\n"
                              "Thương, Nông nghiệp và Môi trường phát biểu ý kiến tại cuộc họp.\n")
    span = corpus.extract("Đại diện những bộ, cơ quan nào dự họp?")
    assert span.text == "Quốc phòng, Ngoại giao, Nội vụ, Công Thương, Nông nghiệp và Môi trường"


def test_shared_head_must_be_the_asked_noun(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Hỗ trợ các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai khắc phục hậu quả.\n"
                              "Điều 2. Bộ Tài chính, Bộ Nông nghiệp và Môi trường phối hợp hỗ trợ các địa phương.\n")
    assert "Khánh Hòa" not in corpus.extract("Những bộ nào phối hợp hỗ trợ các địa phương?").text


def test_kinds_read_by_what_is_asked():
    assert analyze_question("Ai xác thực văn bản hợp nhất 4246/VBHN-BLĐTBXH?").kind.value == "signer"
    assert analyze_question("Nghị quyết 15/2026/NQ-CP tạm ngưng hiệu lực Nghị định 46/2026/NĐ-CP thay thế "
                            "nghị quyết nào?").kind.value == "repeals"
    assert analyze_question("Quyết định này có hiệu lực từ ngày nào?").kind.value == "effective_date"
    assert analyze_question("Quyết định có hiệu lực trong khoảng thời gian nào?").kind.value == "effective_date"


def _two_telegrams(tmp_path):
    """Two documents on the same floods, dated 18/11 and 20/11, signed by different people."""
    from types import SimpleNamespace

    from corpus import parse_document
    from retriever.qa.scoring import TermWeights
    from retriever.qa.units import UnitIndex
    from tests.test_qa_extractors import FOOTER, HEADER

    documents, chunks = {}, []
    for day, signer in (("18", "Trần Minh Khoa"), ("20", "Lê Văn Bình")):
        path = tmp_path / f"cd_{day}.txt"
        body = "Điều 1. Tập trung ứng phó lũ đặc biệt lớn tại các tỉnh ven biển, sơ tán dân khỏi vùng nguy hiểm.\n"
        path.write_text(HEADER.replace("ngày 20 tháng 11", f"ngày {day} tháng 11") + body
                        + FOOTER.replace("Trần Minh Khoa", signer), encoding="utf-8")
        parsed = parse_document(path)
        documents[parsed.record.doc_id] = parsed
        chunks.extend(parsed.chunks)
    store = SimpleNamespace(documents=documents, chunks=chunks, citations=None)
    return store, UnitIndex(store), TermWeights(chunks)


def test_document_identified_by_the_date_the_question_names(tmp_path):
    from index.tokenization import Tokenizer
    from retriever.documents import DocumentHeaders
    from retriever.qa.settings import QA

    store, _units, _terms = _two_telegrams(tmp_path)
    by_date = {d.record.date: doc_id for doc_id, d in store.documents.items()}
    assert set(by_date) == {"2025-11-18", "2025-11-20"}
    tokenizer = Tokenizer(segment_words=False)
    headers = DocumentHeaders.of_store(store, tokenizer)
    question = "Ai ký quyết định ngày 20/11/2025 về ứng phó lũ đặc biệt lớn?"
    order = [by_date["2025-11-18"], by_date["2025-11-20"]]  # the sibling's passage ranked first
    assert headers.identify(question, tokenizer.query_tokens(question), order, QA) == by_date["2025-11-20"]
    plain = "Ai ký quyết định về ứng phó lũ đặc biệt lớn?"
    assert headers.identify(plain, tokenizer.query_tokens(plain), order, QA) == order[0]  # nothing decides


def test_asked_issuer_is_not_a_named_issuer(tmp_path):
    from tests.test_qa_extractors import Corpus as One

    corpus = One(tmp_path, "Điều 1. Ban hành quy chế phối hợp giữa các sở với Ủy ban nhân dân tỉnh An Bình.\n")
    asked = analyze_question("Quyết định ban hành quy chế phối hợp với Ủy ban nhân dân tỉnh An Bình do ai ký?")
    assert corpus.route().subject(asked) is None  # "do ai ký": the words before it are the title, not an issuer


def test_signing_date_asked_after_the_act_named():
    assert analyze_question("Thủ tướng ký quyết định thành lập Ban Quản lý Khu kinh tế mở Chu Lai thành phố "
                            "Đà Nẵng vào ngày nào?").asks_own_date
    assert not analyze_question("Người dân đăng ký tạm trú trước ngày nào?").asks_own_date


def test_recurring_due_dates(tmp_path):
    corpus = Corpus(tmp_path, "Điều 3. Các sở, ngành báo cáo kết quả thực hiện về Sở Y tế trước ngày 15 hằng tháng.\n"
                              "Điều 4. Các huyện gửi báo cáo số liệu về Sở Nội vụ trước ngày 20 tháng 12 hằng năm để "
                              "tổng hợp.\n")
    assert corpus.extract("Các sở báo cáo kết quả thực hiện về Sở Y tế trước ngày nào hằng tháng?").text == \
        "trước ngày 15 hằng tháng"
    assert "20 tháng 12" in corpus.extract("Hằng năm, các huyện gửi báo cáo số liệu về Sở Nội vụ trước ngày nào?").text


def test_agency_head_wrapped_between_its_words():
    from retriever.qa.extractors import agency_spans

    text = "trường hợp chưa có nghĩa trang, Uỷ ban\nnhân dân cấp xã có trách nhiệm hướng dẫn nhân dân"
    assert [name for _, _, name in agency_spans(text)] == ["Uỷ ban nhân dân cấp xã"]
    assert [name for _, _, name in agency_spans("Giao Văn\nphòng Ủy ban nhân dân tỉnh hướng dẫn")] == \
        ["Văn phòng Ủy ban nhân dân tỉnh"]


def test_range_printed_after_the_asked_label(tmp_path):
    corpus = Corpus(tmp_path, "Điều 1. Khu vực miền núi có mưa phổ biến 200-400mm; khu vực miền núi có lượng mưa "
                              "cục bộ trên 700mm.\n")
    assert corpus.extract("Khu vực miền núi có lượng mưa phổ biến bao nhiêu?").text == "200-400mm"
