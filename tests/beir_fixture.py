"""A tiny Vietnamese BEIR-format dataset written by the tests (30 passages, 8 queries)."""

from __future__ import annotations

import json
from pathlib import Path

PASSAGES = [
    ("Tiêm chủng", "Trạm y tế xã tổ chức tiêm chủng mở rộng cho trẻ em dưới một tuổi vào ngày 25 hằng tháng."),
    ("Bảo hiểm y tế", "Bảo hiểm xã hội tỉnh vận động người dân tham gia bảo hiểm y tế hộ gia đình, phấn đấu đạt tỷ lệ bao phủ 95%."),
    ("Y tế trường học", "Sở Giáo dục và Đào tạo chủ trì bố trí nhân viên y tế trường học tại tất cả các trường mầm non và phổ thông."),
    ("Sốt xuất huyết", "Ngành y tế phát động chiến dịch diệt lăng quăng, bọ gậy để phòng chống sốt xuất huyết trước mùa mưa."),
    ("An toàn thực phẩm", "Đoàn liên ngành kiểm tra các bếp ăn tập thể và cơ sở kinh doanh thức ăn đường phố để bảo đảm an toàn thực phẩm."),
    ("Nhân lực y tế", "Tỉnh có chính sách hỗ trợ nhà ở và phụ cấp thu hút bác sĩ về công tác lâu dài tại các xã miền núi."),
    ("Chuyển đổi số", "Các bệnh viện triển khai bệnh án điện tử và thanh toán viện phí không dùng tiền mặt trong năm 2025."),
    ("Thuốc và vật tư", "Sở Y tế tổ chức đấu thầu tập trung thuốc để bảo đảm các bệnh viện không thiếu thuốc, vật tư y tế."),
    ("Người cao tuổi", "Trung tâm y tế huyện lập hồ sơ quản lý sức khỏe và khám định kỳ miễn phí cho người cao tuổi."),
    ("Dân số", "Chương trình dân số khuyến khích các cặp vợ chồng sinh đủ hai con và kiểm tra sức khỏe trước khi kết hôn."),
    ("Bệnh không lây nhiễm", "Trạm y tế xã quản lý và điều trị ngoại trú bệnh tăng huyết áp, đái tháo đường tại cộng đồng."),
    ("Cấp cứu", "Hệ thống cấp cứu ngoại viện 115 được mở rộng để xe cứu thương đến hiện trường trong vòng 15 phút."),
    ("Phòng chống HIV", "Các cơ sở điều trị methadone được duy trì và mở rộng cho người nghiện chất dạng thuốc phiện."),
    ("Sức khỏe tâm thần", "Bệnh viện tâm thần tỉnh phối hợp với trạm y tế xã quản lý người bệnh trầm cảm và tâm thần phân liệt."),
    ("Dinh dưỡng", "Chương trình bổ sung vitamin A và cân đo trẻ em giúp giảm tỷ lệ suy dinh dưỡng thấp còi xuống dưới 20%."),
    ("Môi trường y tế", "Chất thải rắn y tế nguy hại phải được phân loại tại nguồn và xử lý bằng lò đốt đạt chuẩn."),
    ("Khám chữa bệnh từ xa", "Bệnh viện tuyến tỉnh hỗ trợ tuyến huyện qua hệ thống khám chữa bệnh từ xa bằng hội chẩn trực tuyến."),
    ("Đào tạo", "Trường cao đẳng y tế mở lớp đào tạo liên tục cho nhân viên y tế thôn bản về sơ cứu ban đầu."),
    ("Y học cổ truyền", "Mỗi trạm y tế xã có vườn thuốc nam và cán bộ được tập huấn về y học cổ truyền."),
    ("Phòng chống dịch", "Ban chỉ đạo phòng chống dịch họp định kỳ hằng tuần để đánh giá tình hình dịch bệnh cúm A."),
    ("Tài chính y tế", "Ngân sách tỉnh bố trí kinh phí đầu tư xây dựng mới mười hai trạm y tế xã xuống cấp."),
    ("Nước sạch", "Tỷ lệ hộ gia đình nông thôn sử dụng nước sạch hợp vệ sinh đạt 98% vào cuối năm."),
    ("Tai nạn thương tích", "Chương trình phòng chống đuối nước dạy bơi an toàn cho học sinh tiểu học trong dịp hè."),
    ("Thuốc lá", "Cấm hút thuốc lá tại cơ sở y tế, trường học và các địa điểm công cộng trong nhà."),
    ("Sức khỏe sinh sản", "Phụ nữ mang thai được khám thai ít nhất bốn lần và sinh con tại cơ sở y tế có nhân viên được đào tạo."),
    ("Lao", "Chương trình chống lao phát hiện sớm người bệnh lao phổi bằng chụp X-quang lưu động."),
    ("Bệnh viện vệ tinh", "Bệnh viện Trung ương nhận chuyển giao kỹ thuật cho các bệnh viện vệ tinh để giảm quá tải."),
    ("Kiểm soát nhiễm khuẩn", "Nhân viên y tế phải rửa tay đúng quy trình năm thời điểm để kiểm soát nhiễm khuẩn bệnh viện."),
    ("Sức khỏe nghề nghiệp", "Doanh nghiệp tổ chức khám sức khỏe định kỳ và phát hiện bệnh nghề nghiệp cho người lao động."),
    ("Hiến máu", "Phong trào hiến máu tình nguyện tiếp nhận hơn mười nghìn đơn vị máu mỗi năm."),
]

QUERIES = [
    ("q1", "Trẻ em được tiêm chủng vào ngày nào hằng tháng?", "d00"),
    ("q2", "Ai chủ trì bố trí nhân viên y tế trong trường học?", "d02"),
    ("q3", "Làm sao để bệnh viện không thiếu thuốc?", "d07"),
    ("q4", "chinh sach thu hut bac si ve xa mien nui", "d05"),
    ("q5", "Xe cấp cứu 115 phải đến hiện trường trong bao lâu?", "d11"),
    ("q6", "Tỷ lệ hộ nông thôn dùng nước sạch là bao nhiêu?", "d21"),
    ("q7", "Xử lý chất thải y tế nguy hại như thế nào?", "d15"),
    ("q8", "Người bệnh tăng huyết áp được quản lý ở đâu?", "d10"),
]


def write_beir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for i, (title, text) in enumerate(PASSAGES):
            out.write(json.dumps({"_id": f"d{i:02d}", "title": title, "text": text}, ensure_ascii=False) + "\n")
    with (folder / "queries.jsonl").open("w", encoding="utf-8") as out:
        for qid, text, _ in QUERIES:
            out.write(json.dumps({"_id": qid, "text": text}, ensure_ascii=False) + "\n")
    (folder / "qrels").mkdir(exist_ok=True)
    rows = ["query-id\tcorpus-id\tscore"] + [f"{qid}\t{doc}\t1" for qid, _, doc in QUERIES]
    (folder / "qrels" / "test.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder
