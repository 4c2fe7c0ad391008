"""Items of a list are read under the lead-in they hang from (retriever.qa.units.lead_ins): every lettered point,
not only point a), and a lead-in wrapped over two printed lines."""

from retriever.qa.units import lead_ins, sentence_spans


def _leads(text: str) -> list[str | None]:
    spans = sentence_spans(text)
    return [text[lead[0]:lead[1]] if lead else None for lead in lead_ins(text, spans)]


def test_every_lettered_point_hangs_from_its_lead_in():
    text = ("2. Nội dung chi cho công tác kiểm tra:\n"
            "a) Chi công tác phí cho đoàn kiểm tra;\n"
            "b) Chi thuê chuyên gia thẩm định hồ sơ;\n"
            "c) Chi in ấn tài liệu.\n"
            "3. Sở Tài chính bố trí kinh phí.")
    lead = "2. Nội dung chi cho công tác kiểm tra:"
    assert _leads(text) == [None, lead, lead, lead, None]


def test_numbered_points_in_parentheses_hang_from_their_lead_in():
    text = "Hồ sơ gồm:\n(1) Đơn đề nghị;\n(2) Bản sao giấy phép."
    assert _leads(text) == [None, "Hồ sơ gồm:", "Hồ sơ gồm:"]


def test_a_lead_in_wrapped_over_two_lines_names_its_points():
    text = ("1. Người sử dụng lao động được xem xét tạm dừng đóng vào quỹ hưu trí khi thuộc\n"
            "một trong các trường hợp sau:\n"
            "a) Gặp khó khăn do thiên tai;\n"
            "b) Phải di dời địa điểm sản xuất.")
    lead = text[:text.index("\na)")]
    assert _leads(text) == [None, lead, lead]


def test_a_list_of_another_label_ends_the_lead_in():
    text = "Thành phần gồm:\n- Sở Y tế;\n- Sở Tài chính.\na) Chủ tịch ký quyết định."
    assert _leads(text) == [None, "Thành phần gồm:", "Thành phần gồm:", None]


def test_numbered_clauses_hang_from_the_sentence_announcing_them():
    text = ("Mức thu lệ phí được quy định như sau:\n"
            "1. Cấp mới chứng chỉ: 300.000 đồng/chứng chỉ.\n"
            "2. Cấp lại chứng chỉ: 150.000 đồng/chứng chỉ.\n"
            "Điều 5. Hiệu lực thi hành")
    lead = "Mức thu lệ phí được quy định như sau:"
    assert _leads(text)[:4] == [None, lead, lead, None]
