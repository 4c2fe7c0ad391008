"""Who owns a task, read as a clerk reads Vietnamese plans and decrees (helper w62): a duty's title ("Điều 12.
Trách nhiệm của cơ sở giáo dục") or a heading naming bodies by their kind ("3. Các Sở, ban, ngành cấp tỉnh") owns
the points under it; a role named as the subject of the asked verb ("người đứng đầu cơ sở giáo dục quyết định …");
whole names ("Liên đoàn lao động cấp huyện", "Tập đoàn …", "Ủy ban nhân dân cấp xã" before "thành lập"); the
channel "(qua Ban …)" a question asks for.  The long cases read the real documents (../shared/realdocs)."""

from __future__ import annotations

from test_qa_extractors import extract_in_unit

from retriever.qa.extractors import agency_spans
from retriever.qa.extractors.agency import AgencyExtractor


def _answer(tmp_path, text: str, question: str, holding: str, name: str = "plan.txt"):
    """The agency extractor's span for ``question`` in the unit of document ``text`` that holds ``holding``."""
    return extract_in_unit(tmp_path, text, question, holding, AgencyExtractor(), name)


def _real(realdocs, name: str) -> str:
    return (realdocs / "documents" / name).read_text(encoding="utf-8")


def test_names_run_to_their_level_and_stop_at_a_verb():
    # congbao_034: a spelt-out head followed straight by lower-case words that reach a level
    assert [n for _, _, n in agency_spans("2. Liên đoàn lao động cấp huyện, cấp tỉnh ")] == [
        "Liên đoàn lao động cấp huyện"]
    assert [n for _, _, n in agency_spans("Trung tâm y tế huyện chủ trì")] == ["Trung tâm y tế huyện"]
    # tvpl_019: "thành" of "thành lập" is no level; "thành phố" and "thị xã" still are
    assert [n for _, _, n in agency_spans("Chủ tịch Ủy ban nhân dân cấp xã thành lập Tổ kiểm tra phối hợp")] == [
        "Ủy ban nhân dân cấp xã"]
    assert [n for _, _, n in agency_spans("UBND huyện, thị xã, thành phố chịu trách nhiệm")] == [
        "UBND huyện, thị xã, thành phố"]
    assert [n for _, _, n in agency_spans("Ủy ban nhân dân thành\nphố Huế")] == ["Ủy ban nhân dân thành phố Huế"]
    # congbao_041: a title line "… tối cao" is not glued to the verb that starts the next line
    assert [n for _, _, n in agency_spans("Trách nhiệm của Viện kiểm sát nhân dân tối cao\nChủ trì, phối hợp với "
                                          "các bộ, cơ quan ngang bộ tổ chức thi hành")] == [
        "Viện kiểm sát nhân dân tối cao"]
    # congbao_034, congbao_015: "Ban" and a lower-case word is a board, the word perhaps wrapped; "Ban hành" a verb
    assert [n for _, _, n in agency_spans("thì Ban chấp hành công đoàn cơ sở hoặc Ban lãnh\nđạo của tổ chức")] == [
        "Ban chấp hành công đoàn cơ sở", "Ban lãnh đạo"]
    assert [n for _, _, n in agency_spans("thanh lý tài sản, Ban đại diện chủ\nnợ trước khi")] == ["Ban đại diện"]
    assert agency_spans("Ban hành kèm theo Quyết định này") == []
    # tvpl_021: a state group is given tasks as a body is
    assert [n for _, _, n in agency_spans("giao Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam làm việc")] == [
        "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam"]


def test_the_heading_of_a_spelt_out_body_owns_its_points(realdocs, tmp_path):
    text = _real(realdocs, "congbao_034.txt")
    span = _answer(tmp_path, text, "Ai chỉ đạo Ban chấp hành công đoàn cơ sở giám sát doanh nghiệp chấp hành biện "
                   "pháp bảo vệ việc làm cho người tố cáo?", "a) Chỉ đạo Ban chấp hành công đoàn cơ sở giám sát")
    assert span is not None and span.text == "Liên đoàn lao động cấp huyện"


def test_a_duty_title_naming_its_owner_by_kind_owns_the_points(realdocs, tmp_path):
    text = _real(realdocs, "congbao_032.txt")  # "Điều 12. Trách nhiệm của cơ sở giáo dục"
    span = _answer(tmp_path, text, "Nghị định về giảng viên đồng cơ hữu giao ai gửi kết quả đánh giá giảng viên "
                   "đồng cơ hữu hằng năm về đơn vị nơi người đó đang công tác?", "8. Gửi kết quả đánh giá")
    assert span is not None and span.text == "cơ sở giáo dục"
    # the article's own point names a role as the subject of the asked verb
    role = _answer(tmp_path, text, "Ai quyết định ký hợp đồng lao động với giảng viên đồng cơ hữu?",
                   "người đứng đầu cơ sở giáo dục quyết định")
    assert role is not None and role.text == "người đứng đầu cơ sở giáo dục"


def test_a_duty_title_line_names_the_owner_not_an_object(tmp_path):
    # congbao_041 (Nghị định 172/2026/NĐ-CP): "Trách nhiệm của X" over its task; "của" does not make X an object
    text = ("NGHỊ ĐỊNH\nQuy định về kinh phí bảo đảm cho công tác dẫn độ\n\n"
            "Điều 12. Trách nhiệm của Viện kiểm sát nhân dân tối cao\nChủ trì, phối hợp với các bộ, cơ quan ngang bộ "
            "tổ chức thi hành trong hoạt động về chi phí thực hiện và kinh phí bảo đảm trong công tác tương trợ tư "
            "pháp về hình sự.\n")
    span = _answer(tmp_path, text, "Cơ quan nào chủ trì tổ chức thi hành về chi phí tương trợ tư pháp về hình sự?",
                   "Chủ trì, phối hợp")
    assert span is not None and span.text == "Viện kiểm sát nhân dân tối cao" and span.confidence > 0.5


def test_a_heading_naming_bodies_by_kind_owns_its_tasks(realdocs, tmp_path):
    text = _real(realdocs, "tvpl_164.txt")  # "3. Các Sở, ban, ngành cấp tỉnh" above "- Chủ trì, phối hợp …"
    span = _answer(tmp_path, text, "Trong kế hoạch phát triển 5G, cơ quan nào chủ trì cùng điện lực bảo đảm cấp "
                   "điện ổn định cho trạm BTS 5G?", "Chủ trì, phối hợp các đơn vị điện lực")
    assert span is not None and span.text == "Các Sở, ban, ngành cấp tỉnh"
    # … but not when the question names those bodies as the ones who send ("doanh nghiệp viễn thông … gửi cho ai")
    sent = _answer(tmp_path, text, "Doanh nghiệp viễn thông phải gửi kế hoạch phủ sóng và danh sách cho cơ quan nào?",
                   "gửi danh sách về Sở Khoa học và Công nghệ")
    assert sent is not None and sent.text == "Sở Khoa học và Công nghệ"


def test_the_channel_a_report_goes_through(realdocs, tmp_path):
    text = _real(realdocs, "tvpl_164.txt")  # "báo cáo kịp thời UBND tỉnh (qua Ban Quản lý Khu kinh tế Đông Nam)"
    span = _answer(tmp_path, text, "Vướng mắc khi triển khai kế hoạch 5G tại khu công nghiệp thì báo cáo UBND tỉnh "
                   "qua đơn vị nào?", "báo cáo kịp thời UBND tỉnh")
    assert span is not None and span.text == "Ban Quản lý Khu kinh tế Đông Nam"
    # the more of the question's words before its slot the text prints before the name, the closer the fit
    short = _answer(tmp_path, text, "Vướng mắc khi triển khai kế hoạch 5G tại khu công nghiệp thì báo cáo qua đơn vị "
                    "nào?", "báo cáo kịp thời UBND tỉnh")
    assert short is not None and short.text == span.text and span.confidence > short.confidence


def test_an_office_title_stays_unless_the_question_asks_whose_it_is(realdocs, tmp_path):
    text = _real(realdocs, "tvpl_019.txt")
    span = _answer(tmp_path, text, "Ai thành lập Tổ kiểm tra để thống kê, đánh giá thiệt hại sản xuất do thiên tai?",
                   "Chủ tịch Ủy ban nhân dân cấp xã thành lập Tổ kiểm tra")
    assert span is not None and span.text == "Chủ tịch Ủy ban nhân dân cấp xã"
