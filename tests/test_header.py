"""Header layout rules (corpus.header, corpus.metadata) on small synthetic headers.

Each text is written here in one of the flattenings met in real legal-database pages and gazette
PDFs (see ../shared/realdocs/README.md); none is a copy of a real document.
"""

from __future__ import annotations

import pytest

from corpus import describe_text
from corpus.header import format_organs, read_header, read_signature
from corpus.lexicon import QUOC_HIEU_KEY
from corpus.vietnamese import match_key


def record_of(text: str, name: str = "x.txt"):
    record, _, _ = describe_text(name, text)
    return record


BODY = "Căn cứ Luật Tổ chức chính quyền địa phương;\nĐiều 1. Ban hành kèm theo Quyết định này.\n"


def test_issuer_wrapped_above_quoc_hieu_number_and_date_on_their_own_lines():
    text = ("ỦY BAN NHÂN\nDÂN\nTỈNH HÀ GIANG\n--------\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n---------------\nSố:\n15/2024/QĐ-UBND\n*Hà Giang, ngày\n"
            "22 tháng 02 năm 2024*\n\nQUYẾT ĐỊNH\n\nBAN HÀNH QUY CHẾ PHỐI HỢP\n\n" + BODY)
    r = record_of(text)
    assert (r.issuer, r.number, r.date, r.place, r.type) == (
        "UBND tỉnh Hà Giang", "15/2024/QĐ-UBND", "2024-02-22", "Hà Giang", "Quyết định")
    assert r.title == "BAN HÀNH QUY CHẾ PHỐI HỢP"


def test_table_cells_on_one_line_are_read_column_by_column():
    text = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI\nTỈNH BẮC KẠN | CHỦ NGHĨA VIỆT NAM\n"
            "------- | Độc lập - Tự do - Hạnh phúc\nSố: 7/KH-UBND | Bắc Kạn, ngày 3 tháng 4 năm 2025\n\n"
            "KẾ HOẠCH\nTiêm chủng mở rộng\n" + BODY)
    r = record_of(text)
    assert (r.issuer, r.number, r.date, r.type, r.title) == (
        "UBND tỉnh Bắc Kạn", "7/KH-UBND", "2025-04-03", "Kế hoạch", "Tiêm chủng mở rộng")


def test_interleaved_lines_quoc_hieu_is_never_the_issuer():
    text = ("BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/2025/TT-BYT Hà Nội, ngày 5 tháng 6 năm 2025\nTHÔNG TƯ\nQuy định về khám sức khỏe\n" + BODY)
    r = record_of(text)
    assert (r.issuer, r.number, r.date, r.type) == ("Bộ Y tế", "12/2025/TT-BYT", "2025-06-05", "Thông tư")
    assert "Hội" not in r.issuer


def test_issuer_interleaved_word_by_word_into_the_quoc_hieu():
    text = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI\nTỈNH SƠN LA CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 9/TB-UBND Sơn La, ngày 8 tháng 8 năm 2025\nTHÔNG BÁO\nKết luận cuộc họp\n" + BODY)
    assert record_of(text).issuer == "UBND tỉnh Sơn La"
    assert format_organs(["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]) == "Bộ Lao động - Thương binh và Xã hội"


def test_gazette_page_doubled_issuer_running_header_and_footnote_digit():
    text = ("CÔNG BÁO/Số 101 + 102/Ngày 20-3-2025\n7\nVĂN BẢN QUY PHẠM PHÁP LUẬT\nBỘ NỘI VỤ\nBỘ NỘI VỤ\n"
            "Số: 03/2025/TT-BNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Hà Nội, ngày 10 tháng 3 năm 2025\nTHÔNG TƯ1\nHướng dẫn chế độ làm việc\n" + BODY)
    r = record_of(text)
    assert (r.issuer, r.number, r.type, r.title) == ("Bộ Nội vụ", "03/2025/TT-BNV", "Thông tư",
                                                     "Hướng dẫn chế độ làm việc")
    assert "CÔNG BÁO" not in r.title


def test_bold_inside_words_wrong_d_en_dashes_and_stray_space_in_number():
    text = ("**BỘ Y T****Ế**\n**-------**\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nÐộc lập – Tự do – Hạnh phúc\n"
            "Số: 3783/QĐ- BYT\n*Hà Nội, ngày 1 tháng12 năm 2025*\n**QUYẾT ĐỊNH**\nVề việc công bố thủ tục\n" + BODY)
    r = record_of(text)
    assert (r.issuer, r.number, r.date) == ("Bộ Y tế", "3783/QĐ-BYT", "2025-12-01")
    assert QUOC_HIEU_KEY.search(match_key("Ðộc lập – Tự do – Hạnh phúc"))


def test_type_title_wrapped_and_glued_to_its_trich_yeu():
    wrapped = ("BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 9/2025/TT-BTC\n"
               "Hà Nội, ngày 2 tháng 1 năm 2025\nTHÔNG\nTƯ\nQUY ĐỊNH MỨC THU PHÍ\n" + BODY)
    assert (record_of(wrapped).type, record_of(wrapped).title) == ("Thông tư", "QUY ĐỊNH MỨC THU PHÍ")
    glued = ("CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc\nSố: 5/2025/NĐ-CP |\n"
             "NGHỊ ĐỊNHQuy định về hỗ trợ sản xuất\n" + BODY)
    r = record_of(glued)
    assert (r.type, r.issuer, r.title, r.date) == ("Nghị định", "Chính phủ", "Quy định về hỗ trợ sản xuất", None)


def test_subordinate_bodies_follow_the_labels_convention():
    assert format_organs(["UBND TỈNH KON TUM", "SỞ Y TẾ"]) == "Sở Y tế tỉnh Kon Tum"
    assert format_organs(["BỘ TÀI CHÍNH", "CỤC THUẾ"]) == "Cục Thuế (Bộ Tài chính)"
    assert format_organs(["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]) == "Bộ Lao động - Thương binh và Xã hội"
    assert format_organs(["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN"]) == "Chủ tịch UBND tỉnh Điện Biên"
    text = ("BỘ TÀI\nCHÍNH\nCỤC HẢI QUAN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 120/CHQ-GSQL\nV/v hướng dẫn thủ tục\nhải quan\n*Hà\nNội, ngày 4 tháng 5 năm 2025*\nKính\ngửi: Công ty A.\n"
            "Cục Hải quan nhận được công văn số 5 của Công ty.\n")
    r = record_of(text)
    assert (r.issuer, r.type, r.title, r.place, r.date) == (
        "Cục Hải quan (Bộ Tài chính)", "Công văn", "hướng dẫn thủ tục hải quan", "Hà Nội", "2025-05-04")


def test_portal_table_is_a_cross_check_the_document_wins():
    header = ("ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "Số: 44/QĐ-UBND\nCà Mau, ngày 9 tháng 9 năm 2025\nQUYẾT ĐỊNH\nVề việc phê duyệt\n" + BODY +
              "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Bình\n")
    portal = ("Số hiệu:\n44/QĐ-UBND\nLoại văn bản:\nQuyết định\nNơi ban hành:\nTỉnh Cà Mau\nNgười ký:\nLê Văn Binh\n"
              "Ngày ban hành:\n10/09/2025\nQuyết định 44/QĐ-UBND năm 2025 phê duyệt\n")
    with_table, without = record_of(portal + header), record_of(header)
    facts = lambda r: (r.number, r.type, r.date, r.issuer, r.signer)  # noqa: E731
    assert facts(with_table) == facts(without) == ("44/QĐ-UBND", "Quyết định", "2025-09-09", "UBND tỉnh Cà Mau",
                                                   "Lê Văn Bình")
    assert [line.split(":")[0] for line in with_table.cross_check] == ["date", "signer"]  # the table disagrees
    assert without.cross_check == []
    stamp = record_of(header + "Người ký: Cổng Thông tin điện tử Chính phủ\nThời gian ký: 01.01.2025\n")
    assert stamp.cross_check == [] and stamp.signer == "Lê Văn Bình"  # a signature stamp is no portal table


def test_database_page_opening_with_the_title_is_not_a_news_article():
    text = ("Quyết định 8/QĐ-UBND năm 2025 về phòng chống dịch do tỉnh Gia Lai ban hành\n"
            "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 8/QĐ-UBND\nGia Lai, ngày 2 tháng 2 năm 2025\nQUYẾT ĐỊNH\nVề phòng chống dịch\n" + BODY)
    r = record_of(text)
    assert (r.type, r.number, r.issuer) == ("Quyết định", "8/QĐ-UBND", "UBND tỉnh Gia Lai")


def test_consolidated_text_reads_its_closing_block():
    text = ("CÔNG BÁO/Số 5 + 6/Ngày 2-1-2024\nVĂN BẢN HỢP NHẤT - BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nTHÔNG TƯ\nQuy định về thuốc thiết yếu\nThông tư số 1/2020/TT-BYT ngày 2 "
            "tháng 1 năm 2020 của Bộ trưởng Bộ Y tế, có hiệu lực kể từ ngày 1 tháng 3 năm 2020.\n"
            "Điều 1. Phạm vi\nThông tư này quy định danh mục./.\n"
            "BỘ Y TẾ\nSố: 09/VBHN-BYT\nXÁC THỰC VĂN BẢN HỢP NHẤT\nHà Nội, ngày 12 tháng 12 năm 2023\n"
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTrần Văn An\n")
    r = record_of(text)
    assert (r.type, r.number, r.date, r.issuer, r.signer) == (
        "Văn bản hợp nhất", "09/VBHN-BYT", "2023-12-12", "Bộ Y tế", "Trần Văn An")
    assert r.title == "Quy định về thuốc thiết yếu"


def test_appendix_form_with_its_own_header_is_not_the_documents_header():
    text = ("SỞ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 21/KH-SYT\n"
            "Lào Cai, ngày 1 tháng 8 năm 2025\nKẾ HOẠCH\nKiểm tra an toàn thực phẩm\n" + BODY +
            "GIÁM ĐỐC\nPhạm Thu Hà\nMẫu số 01\nTÊN CƠ QUAN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: …/BB-ĐKT\n…, ngày … tháng … năm …\nBIÊN BẢN KIỂM TRA\n")
    r = record_of(text)
    assert (r.number, r.type, r.date, r.signer) == ("21/KH-SYT", "Kế hoạch", "2025-08-01", "Phạm Thu Hà")
    form_only = ("Nội dung hướng dẫn.\n" + BODY + "Mẫu số 02\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                 "Độc lập - Tự do - Hạnh phúc\nSố: 5/TB-ABC\n")
    assert read_header(form_only) is None


@pytest.mark.parametrize("block, signer, capacity", [
    ("TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n[daky]\nNguyễn Văn Hòa\n", "Nguyễn Văn Hòa",
     "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG"),
    ("KT. BỘ TRƯỞNG\nTHỨ TRỬỞNG\n(Đã ký)\nLê Thị Mai\n", "Lê Thị Mai", "KT. BỘ TRƯỞNG / THỨ TRỬỞNG"),
    ("BỘ TRƯỞNG\nĐại tướng Trần Quốc Việt\n", "Trần Quốc Việt", "BỘ TRƯỞNG"),
    ("TM. ỦY BAN\nNHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nVũ\nĐức Minh\n", "Vũ Đức Minh",
     "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
    ("- Lưu: VT. | TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI CHỦ TỊCH\nĐỗ Văn Tâm |\n", "Đỗ Văn Tâm",
     "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI CHỦ TỊCH"),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\n", None, "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"),
    # the whole chain of capacities flattened onto one line, longer than any single capacity
    ("**TL. CỤC TRƯỞNG** KT. TRƯỞNG BAN QUẢN LÝ DƯỢC VÀ THIẾT BỊ Y TẾ PHÓ TRƯỞNG BAN\nTrần Thu Hà\n",
     "Trần Thu Hà", "TL. CỤC TRƯỞNG KT. TRƯỞNG BAN QUẢN LÝ DƯỢC VÀ THIẾT BỊ Y TẾ PHÓ TRƯỞNG BAN"),
])
def test_signature_blocks(block, signer, capacity):
    found = read_signature("Điều 3. Hiệu lực thi hành./.\nNơi nhận:\n- Như trên;\n" + block)
    assert found is not None
    assert (found.signer, " / ".join(found.capacity)) == (signer, capacity)


def test_a_person_named_in_the_body_is_never_the_signer():
    text = ("UBND TỈNH NINH BÌNH\nSỞ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 3/TB-SYT\nNinh Bình, ngày 5 tháng 5 năm 2025\nTHÔNG BÁO\nKết luận của Giám đốc\n"
            "Ngày 2/5/2025, đồng chí Nguyễn Thị Lan, Giám đốc Sở Y tế chủ trì cuộc họp.\n")
    r = record_of(text)
    assert (r.issuer, r.signer) == ("Sở Y tế tỉnh Ninh Bình", None)


def test_law_without_date_line_takes_its_adoption_date():
    text = ("ỦY BAN THƯỜNG VỤ QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 10/NQ-UBTVQH15 |\nNGHỊ QUYẾT\nVề việc sắp xếp đơn vị hành chính\n" + BODY +
            "Nghị quyết này được Ủy ban Thường vụ Quốc hội thông qua ngày 16 tháng 6 năm 2025.\n")
    r = record_of(text)
    assert (r.issuer, r.date, r.type) == ("Ủy ban Thường vụ Quốc hội", "2025-06-16", "Nghị quyết")


HEAD = ("BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/QĐ-BYT\n"
        "Hà Nội, ngày 05 tháng 01 năm 2026\n\nQUYẾT ĐỊNH\n")


@pytest.mark.parametrize("wrapped, title", [
    # an organ after "CỦA" is the title's, not the enacting authority
    ("VỀ PHÂN CẤP QUẢN LÝ CÁN BỘ CỦA\nBỘ Y TẾ\nBỘ TRƯỞNG BỘ Y TẾ\n",
     "VỀ PHÂN CẤP QUẢN LÝ CÁN BỘ CỦA BỘ Y TẾ"),
    # an authority after "CHO" is the one the title names
    ("VỀ VIỆC ỦY QUYỀN CHO\nGIÁM ĐỐC SỞ Y TẾ GIẢI QUYẾT THỦ TỤC\nBỘ TRƯỞNG BỘ Y TẾ\n",
     "VỀ VIỆC ỦY QUYỀN CHO GIÁM ĐỐC SỞ Y TẾ GIẢI QUYẾT THỦ TỤC"),
    # a year after "đến năm" is no page number
    ("Phê duyệt Đề án chuyển đổi số y tế đến năm\n2030\nBỘ TRƯỞNG BỘ Y TẾ\n",
     "Phê duyệt Đề án chuyển đổi số y tế đến năm 2030"),
    # a cited act after "và" goes on the title
    ("Tạm ngưng hiệu lực Quyết định số 5/QĐ-BYT và\nQuyết định số 7/QĐ-BYT của Bộ Y tế\nBỘ TRƯỞNG BỘ Y TẾ\n",
     "Tạm ngưng hiệu lực Quyết định số 5/QĐ-BYT và Quyết định số 7/QĐ-BYT của Bộ Y tế"),
    # a title ending on a word that can end it stops at the authority as before
    ("VỀ CÁC ĐỢT THI ĐUA NHỮNG NĂM TIẾP THEO\nBỘ TRƯỞNG BỘ Y TẾ\n", "VỀ CÁC ĐỢT THI ĐUA NHỮNG NĂM TIẾP THEO"),
])
def test_a_title_line_ending_on_a_word_that_cannot_end_it_goes_on(wrapped, title):
    assert record_of(HEAD + wrapped + BODY).title == title


def test_place_date_line_in_numeric_form_is_the_documents_date():
    text = ("BỘ Y TẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
            "Số: 812/QĐ-BYT\nHà Nội, ngày 5/01/2026\n\nQUYẾT ĐỊNH\n\nVỀ VIỆC BAN HÀNH HƯỚNG DẪN KIỂM TRA "
            "(thay thế Quyết định số 10/QĐ-BYT ngày 17/3/2015)\n\n" + BODY)
    r = record_of(text)
    assert (r.date, r.place, r.number) == ("2026-01-05", "Hà Nội", "812/QĐ-BYT")


def test_a_numeric_date_cited_in_the_title_is_not_the_documents_date():
    text = ("BỘ Y TẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
            "Số: 812/QĐ-BYT\n\nQUYẾT ĐỊNH\n\nSỬA ĐỔI QUYẾT ĐỊNH SỐ 10/QĐ-BYT NGÀY 17/3/2015\n\n" + BODY)
    assert record_of(text).date != "2015-03-17"


def test_header_without_quoc_hieu_is_found_by_its_number_line_without_colon():
    text = ("Trang chủ | Văn bản mới\n\nỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n-------\n"
            "Số 45/KH-UBND\nLạng Sơn, ngày 3 tháng 12 năm 2025\n\nKẾ HOẠCH\n\nTIÊM CHỦNG MỞ RỘNG NĂM 2026\n\n"
            "Căn cứ Luật Phòng bệnh;\nI. MỤC ĐÍCH\n1. Bảo đảm tiêm chủng đầy đủ.\n")
    r = record_of(text)
    assert (r.number, r.date, r.issuer, r.type) == ("45/KH-UBND", "2025-12-03", "UBND tỉnh Lạng Sơn", "Kế hoạch")


def test_quoc_hieu_after_the_body_began_heads_a_form_not_the_document():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n-------\nSố: 45/QĐ-UBND\nLạng Sơn, ngày 3 tháng 12 năm 2025\n\n"
            "QUYẾT ĐỊNH\n\nBAN HÀNH MẪU BIÊN BẢN KIỂM TRA VỆ SINH AN TOÀN THỰC PHẨM\n\n"
            "Căn cứ Luật An toàn thực phẩm;\nĐiều 1. Ban hành kèm theo Quyết định này mẫu biên bản.\n"
            "Mẫu biên bản\nTÊN CƠ QUAN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 7/BB-ĐKT\nHà Nội, ngày 9 tháng 9 năm 2024\nBIÊN BẢN\n")
    r = record_of(text)
    assert (r.number, r.date, r.issuer) == ("45/QĐ-UBND", "2025-12-03", "UBND tỉnh Lạng Sơn")


def test_quoc_hieu_named_in_a_sentence_is_not_the_header():
    text = ("THỦ TƯỚNG CHÍNH PHỦ\n-------\nSố: 30/CĐ-TTg\nHà Nội, ngày 20\ntháng 11 năm 2025\n\nCÔNG ĐIỆN\n"
            "VỀ VIỆC CHUẨN BỊ TIÊM CHỦNG\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n- Bộ trưởng Bộ Y tế;\n"
            "Nhân dịp Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2025), ngày 04\n"
            "tháng 9 năm 2025 Thủ tướng Chính phủ đã chỉ đạo các bộ, ngành.\n")
    r = record_of(text)
    assert (r.number, r.date) == ("30/CĐ-TTg", "2025-11-20")


def test_summary_prose_opening_with_can_cu_is_not_the_body():
    text = ("Thông tư 9/2025/TT-BYT quy định danh mục thuốc thiết yếu.\n"
            "Căn cứ tại Mục A Danh mục ban hành kèm theo Thông tư, các thuốc được mô tả như sau:\n"
            "- Thuốc kháng sinh: dùng theo chỉ định.\n"
            "BỘ Y TẾ\n-------\nSố: 9/2025/TT-BYT\nHà Nội, ngày 15 tháng 11 năm 2025\nTHÔNG TƯ\n"
            "BAN HÀNH DANH MỤC THUỐC THIẾT YẾU\nCăn cứ Luật Dược số 105/2016/QH13;\n"
            "Điều 1. Ban hành kèm theo Thông tư này Danh mục thuốc thiết yếu.\n")
    r = record_of(text)
    assert (r.number, r.date, r.issuer) == ("9/2025/TT-BYT", "2025-11-15", "Bộ Y tế")
