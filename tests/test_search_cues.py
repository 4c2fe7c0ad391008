"""What a question asks for (retriever.query.question_cues): "căn cứ" as the grounds of a decision is no act asked."""

from retriever.query import question_cues


def test_grounds_of_a_decision_ask_no_act():
    # "có căn cứ" / "làm căn cứ": the noun "grounds", the question asks a duration or a body
    assert "act" not in question_cues("Cơ quan phải đề xuất tạm đình chỉ chậm nhất bao lâu sau khi có căn cứ?").asks
    assert "act" not in question_cues("Ai dùng kết quả kiểm tra làm căn cứ xét khen thưởng hằng năm?").asks
    assert "act" not in question_cues("co quan phai de xuat cham nhat bao lau sau khi co can cu?").asks


def test_legal_basis_is_still_an_act_asked():
    assert "act" in question_cues("Quyết định này được ban hành căn cứ nghị định nào?").asks
    assert "act" in question_cues("Việc miễn tiền thuê đất căn cứ vào quy định nào?").asks
    assert "act" in question_cues("Kế hoạch có căn cứ pháp lý nào?").asks
