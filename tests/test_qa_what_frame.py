"""w142: a "what" window that prints the question's frame but stops right after it has cut the value off; the run
read from the frame on answers (clauses.clause_window, READ_ON_FROM_FRAME)."""


from retriever.qa import clauses as C
from retriever.qa import vocabulary as V
from retriever.qa.question import analyze_question
from retriever.qa.scoring import syllables


def _window(question: str, text: str, limit: int = 150) -> str:
    analysis = analyze_question(question)
    weights = {w: 1.0 for w in syllables(question) if w not in V.STOPWORDS}
    s, e = C.clause_window(text, 0, len(text), weights, limit, frame=C.answer_frame(analysis.key))
    return text[s:e]


SOURCE = ("Hỗ trợ có mục tiêu từ ngân sách trung ương cho 15 huyện miền núi số tiền 320 tỷ đồng (ba trăm hai mươi tỷ "
          "đồng) từ nguồn dự phòng ngân sách trung ương năm 2025 còn lại chưa sử dụng theo quy định tại Nghị quyết "
          "số 12/2025/QH15 để khắc phục hậu quả thiên tai, sửa chữa trường học, trạm y tế.")


def test_the_value_after_the_frame_is_read_whole():
    assert "dự phòng ngân sách trung ương năm 2025" in _window(
        "Khoản 320 tỷ đồng hỗ trợ theo Quyết định 45/QĐ-TTg được lấy từ nguồn nào?", SOURCE)


def test_without_the_reading_the_window_stops_at_the_frame(monkeypatch):
    monkeypatch.setattr(C, "READ_ON_FROM_FRAME", False)
    assert "năm 2025" not in _window("Khoản 320 tỷ đồng hỗ trợ theo Quyết định 45/QĐ-TTg được lấy từ nguồn nào?", SOURCE)


def test_a_window_holding_an_earlier_mention_of_the_frame_with_its_value_stays():
    text = ("Đơn vị báo cáo Lãnh đạo Bộ về tình hình, kết quả thực hiện công tác tổ chức, cán bộ trong báo cáo công "
            "tác 6 tháng và hàng năm của đơn vị; báo cáo, thống kê về đội ngũ công chức, viên chức của đơn vị theo "
            "quy định và yêu cầu của cơ quan có thẩm quyền.")
    assert "6 tháng và hàng năm" in _window("Đơn vị phải báo cáo kết quả công tác tổ chức cán bộ vào những kỳ báo cáo nào?",
                                           text)
