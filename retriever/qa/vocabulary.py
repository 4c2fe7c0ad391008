"""The Vietnamese words the QA path reads by, in one module (what ``corpus.lexicon`` holds is taken from there).

Question cues are written on ``match_key`` text (lower case, no accents); names and units
as printed.  Nothing else in ``retriever.qa`` spells out a word list.
"""

from __future__ import annotations

import re

# Question words and function words (match_key): not evidence that a passage is relevant.
STOPWORDS = frozenset((
    "nao", "gi", "ai", "la", "cua", "o", "co", "duoc", "khong", "khi", "may", "the", "nhu", "lam", "sao", "bao",
    "nhieu", "va", "cho", "ve", "de", "theo", "tai", "trong", "voi", "nhung", "cac", "mot", "phai", "gom",
    "hay", "dau", "tu", "den", "vao", "nay", "do", "thi", "ma", "nhat", "se", "da", "dang", "bi", "boi",
    "nguoi", "ra", "len", "roi",
))

# ------------------------------------------------------------------ act types (match_key), from corpus.lexicon
from corpus import lexicon as L
from corpus.lexicon import ACT_TYPES

# Type words that in a question are ordinary nouns more often than an act's type ("quy định gì", "hướng dẫn
# gì", "báo cáo gì", "phương án nào"), or name acts known by title, not number ("Đề án nào", "quy chế nào"):
# not act types for the cues below.
_PLAIN_NOUN_TYPES = frozenset({"quy dinh", "huong dan", "bao cao", "lenh", "phuong an", "giay moi", "bien ban",
                               "van ban hop nhat", "de an", "quy che"})
ACT_TYPE_KEYS = "|".join(sorted((k for k in ACT_TYPES if k not in _PLAIN_NOUN_TYPES), key=len, reverse=True))
# The same types as a text prints them before an act's number ("Thông tư liên tịch số …", "Bộ luật …"): one alternation,
# no group, for the patterns that read an act off a line of text.
ACT_TYPE_PRINTED = (r"Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư(?:\s+liên\s+tịch)?|Quyết\s+định"
                    r"|Chỉ\s+thị")

# ------------------------------------------------------------------ question cues (match_key)
_SIGN = r"(?<!dang )(?<!thoi )(?<!dinh )(?<!nghi )ky(?! (thuat|hieu|luat|niem|hop|nang|hoc|ket|so|hiep)\b)"
# a consolidated text (VBHN) is not signed but "xác thực" (authenticated) by the signer of its block
_SIGN_VERB = rf"(?:{_SIGN}|xac thuc)"
CUE_SIGNER = (rf"\b(nguoi ky|ky boi ai|ky ten|nguoi xac thuc|(ai|nao)\b(?: \w+){{0,7}}? {_SIGN_VERB}"
              rf"|{_SIGN_VERB}\b(?: \w+){{0,16}} la ai)\b")
CUE_EFFECTIVE = r"\b(hieu luc|ap dung tu|thi hanh tu|co hieu luc)\b"
# … and only when a time is asked: "tạm ngưng hiệu lực … thay thế nghị quyết nào" asks an act, not a date
CUE_ASKS_TIME = (r"\b(ngay nao|khi nao|tu ngay|bao gio|thoi diem|luc nao|tu khi|ke tu|thang nao|nam nao"
                 r"|thoi gian nao|khoang thoi gian|bao lau|den ngay|den khi)\b")
CUE_REPEALS = r"\b(bai bo|thay the|het hieu luc|huy bo|bi thay|bi bai bo)\b"
# "căn cứ": the act's own basis (its "Căn cứ …" lines); "áp dụng theo thông tư nào" about one matter is an act
# named in the body (CUE_DOCUMENT).
# The act's basis asked in other words: "cơ sở pháp lý", "dựa trên / dựa vào / trên cơ sở những văn bản nào",
# "được ban hành trên cơ sở luật nào".
BASIS_ASKED = (rf"\b(?:co so phap ly|can cu phap ly|(?:dua|ban hanh) (?:tren|vao) (?:co so )?(?:(?:nhung|cac) )?"
               rf"(?:{ACT_TYPE_KEYS}|van ban|luat)|tren co so (?:(?:nhung|cac) )?(?:{ACT_TYPE_KEYS}|van ban|luat))\b")
CUE_LEGAL_BASIS = rf"\b(can cu)\b|{BASIS_ASKED}"
CUE_LIST = (r"\b(gom nhung|gom nhung gi|bao gom nhung|gom cac|bao gom gi|gom gi|nhung (noi dung|nhiem vu|giai phap"
            r"|doi tuong|truong hop|loai|hinh thuc|tieu chi|dieu kien|ho so|giay to|thanh phan)"
            r"|(nhiem vu|giai phap|noi dung|doi tuong|dieu kien|ho so) (gom|la) (nhung )?gi)\b")
CUE_AGENCIES = (r"\b(nhung (bo|so|co quan|don vi|nganh|ban nganh|dia phuong|tinh|to chuc)( nao)?|cac (bo|so|co quan|don vi"
                r"|nganh) nao|(bo|so|co quan|don vi) nao (phoi hop|tham gia|cung))\b")
CUE_DEADLINE = (r"\b(thoi han|han chot|trong vong bao lau|bao lau|trong bao lau|bao nhieu ngay|may ngay|truoc ngay nao"
                r"|truoc (thoi diem|thoi gian|luc|may gio|khi) nao|truoc khi nao"
                r"|cham nhat|han cuoi|han nop|trong thoi gian bao lau|mat bao lau|thoi gian giai quyet|(?:truoc |thoi )?han nao"
                r"|truoc ngay (?:may|bao nhieu))\b")
CUE_AMOUNT = (r"\b(muc (?!tieu)[a-z ]{0,40}(la )?bao nhieu|bao nhieu (tien|dong)|muc (ho tro|chi|thu|phi|le phi|dong|huong"
              r"|phat|tien|luong|phu cap|gia|tran|chi tra|thanh toan|tro cap)|kinh phi [a-z ]{0,30}bao nhieu"
              r"|tong (kinh phi|muc dau tu|von)|(?<!tham )(?<!quoc )gia [a-z ]{0,20}bao nhieu"
              r"|(?<!tham )(?<!trong )(?<!quoc )(phi|le phi|thue suat|he so|muc thu|tien|luong|phu cap|gia)\b[a-z0-9 ./-]{0,120}"
              r"\bbao nhieu)\b")
CUE_LIST_GENERIC = r"\bnhung [a-z]+(?: [a-z]+){0,4} nao\b"
# w104: a question asking where money comes from ("tiền … lấy từ đâu", "kinh phí … từ nguồn nào", "vốn … nguồn nào")
# and the words a sentence names a source of funds with ("Năm 2026: Ngân sách của Thành phố bổ sung …", "Nguồn kinh
# phí thực hiện từ các doanh nghiệp …", "… huy động nguồn lực xã hội hóa", "vốn vay của Ngân hàng …").
# w104: a question asking the goal of a task or scheme ("nhằm mục tiêu gì", "mục tiêu … là gì", "để làm gì"), and
# the way a sentence states one: "Mục tiêu là …", "Mục đích: …", or a purpose clause "… để/nhằm <goal>".
CUE_ASKS_GOAL = r"\b(?:(?:muc tieu(?! quoc gia)|muc dich)\b[a-z0-9 ]{0,100}\b(?:gi|nao)|nham\b[a-z ]{0,20}\b(?:gi|nao)|de lam gi)\b"
GOAL_STATED = r"\b(?:muc tieu|muc dich)\s*(?::|la\b|nham\b)"
PURPOSE_WORDS = r"(?<!\w)(?<!không )(?<!không phải )(?:để|nhằm)(?!\w)"
CUE_MONEY = r"\b(?:tien|kinh phi|chi phi|von|ngan sach)\b"
CUE_FROM_WHERE = r"\b(?:tu (?:nguon )?(?:dau|nao)|(?:nguon|nguon von|nguon kinh phi|nguon tien) nao)\b"
FUNDING_SOURCE = (r"\b(?:ngan sach|nguon kinh phi|nguon von|von vay|von ngan sach|xa hoi hoa|nguon thu|nguon hop phap"
                  r"|nguon tai tro|von doi ung|von tu co)\b")
CUE_DOCUMENT = (r"\b(van ban nao|van ban gi|nhung van ban|so hieu|so may|so bao nhieu|ky hieu"
                r"|theo (luat|nghi dinh|thong tu|nghi quyet|quyet dinh|van ban) nao"
                rf"|(?<!\bky )({ACT_TYPE_KEYS}) (nao|gi|so may|so bao nhieu)\b"  # "hình thức kỷ luật nào": no "luật nào"
                # an act asked with its standing: "áp dụng văn bản cũ nào", "nghị định mới nào", "văn bản pháp luật nào"
                rf"|(van ban|{ACT_TYPE_KEYS}) (cu|moi|truoc do|hien hanh|phap luat|quy pham phap luat) nao\b)")
# A case in transition and the act that governs it: "hồ sơ đã nộp trước khi NĐ … có hiệu lực thì xử lý theo văn bản
# nào", "… mà chưa được phê duyệt thì làm theo quy định nào" — what a transitional article ("Điều khoản chuyển tiếp")
# answers with "thì thực hiện theo quy định tại <act>".  The case ("thì", "nếu", "trường hợp") comes first.
_GOVERNING_VERBS = r"(?:ap dung|thuc hien|xu ly|giai quyet|lam|tiep tuc|dieu chinh|tinh)"
CUE_GOVERNING_ACT = (rf"\b(?:thi|neu|truong hop)\b.*\b(?:(?:{_GOVERNING_VERBS}\s+)?theo|{_GOVERNING_VERBS})"
                     rf"\s+(?:van ban|quy dinh|{ACT_TYPE_KEYS})(?:\s+(?:cu|moi|hien hanh))?\s+(?:nao|gi)\b")
# "công văn số nào" ("số nào" is also "Sở nào": read before the agency cues)
# w148: a code asked ("mã TTHC là gì", "mã số thuế … là gì", "xếp vào mã số nào", "mang mã số nào").  A bare "ma" is
# also "mà" (that), so the noun is "mã số …", "MST" or "mã" with what it codes.
# (an abbreviation is read on both spellings: "mã TTHC" is keyed "ma thu tuc hanh chinh tthc")
CODE_NOUN = (r"\b(?:mst|ma so(?: (?:thue(?: mst)?|tthc|thu tuc|ho so|hs|doanh nghiep|dinh danh))?"
             r"|ma (?:tthc|thu tuc(?: hanh chinh)?(?: tthc)?|ho so|hs|nganh|dinh danh|quy trinh|doanh nghiep))\b")
# "được xác định trước mã số là bao nhiêu" names the ruling (an advance ruling on a code), the figure is asked;
# "được xác định trước mã số nào" asks the code itself (the wh-word right after it).
CUE_CODE = (rf"(?<!xac dinh truoc )(?<!xac dinh ){CODE_NOUN}(?: (?!cua\b)\w+){{0,2}} (?:la )?(?:gi|nao|bao nhieu|so may|so nao|so gi)\b"  # "có mã TTHC là gì", "mã số hàng hóa nào"
            rf"|{CODE_NOUN} (?:nao|gi)\b"
            rf"|^(?:\w+ ){{0,2}}?{CODE_NOUN}(?: \w+)+ la (?:gi|bao nhieu|so nao|so may)\b")  # "Mã số thuế của X là gì"
# How a text labels a code it prints (as printed, read case-blind): the code follows the label.
CODE_LABEL = (r"(?<!\w)(?:mã\s+số\s+thuế|MST|mã\s+(?:số\s+)?(?:TTHC|thủ\s+tục(?:\s+hành\s+chính)?|hồ\s+sơ|HS|ngành"
              r"|định\s+danh|doanh\s+nghiệp|quy\s+trình|đơn\s+vị)|mã\s+số|mã(?=\s*:)|(?:phân\s+)?nhóm|chương)(?!\w)")
# A table column holding codes (match_key of its header): "Mã TTHC", "Mã số", "Tên thủ tục (Mã thủ tục)".
CODE_COLUMN = r"^ma\b|\bma (?:so|tthc|thu tuc|ho so|hs)\b"
# The families of codes a label or a question names (match_key): a tax code, a procedure's code, a heading of the
# goods nomenclature ("nhóm 85.41", "phân nhóm", "chương"); any other "mã số" is of no family.
CODE_FAMILIES = (("thue", r"\b(?:ma so thue|mst)\b"), ("tthc", r"\b(?:tthc|ma (?:so )?thu tuc)\b"),
                 ("nhom", r"\b(?:phan nhom|nhom|chuong)\b"))
CUE_ACT_NUMBER = rf"\b({ACT_TYPE_KEYS}|van ban) so (nao|may|bao nhieu)\b"
# w112: periods a date is counted in besides the calendar year: "từ năm học nào", "niên khóa nào", "năm tài chính nào".
TIME_PERIOD_ASKED = r"\b(?:nam hoc|nien khoa|hoc ky|nam tai chinh|nam ngan sach) (?:nao|may|bao nhieu)\b"
CUE_DATE = (rf"{TIME_PERIOD_ASKED}"
            r"|\b(ngay nao|khi nao|bao gio|luc nao|thang nao|nam nao|quy nao|thoi diem nao"
            r"|thoi gian nao|han hoan thanh|de ngay|ngay bao nhieu|ngay may|vao ngay|ngay ban hanh|may gio|gio nao"
            r"|(?:den|vao|tu|truoc) nam (?:bao nhieu|may)"  # "đến năm bao nhiêu": a year
            # w103: "quý mấy", "năm mấy" ask which quarter or year ("mấy năm" counts them), not "mỗi/hằng năm mấy
            # lần" (a frequency); "tháng mấy" stays a count: the month is read off "Tháng 6" by the number extractor
            r"|(?<!moi )(?<!hang )(?<!mot )(?<!1 )(?:quy|nam) may(?! (?:lan|nguoi|trieu|ty|nghin|dong|tien)\b))\b")
CUE_NUMBER = r"\b(bao nhieu|may|ty le|so ?luongx?|phan tram|muc bao nhieu|trong khoang nao)\b"  # "soluongx": question._cue_key
CUE_PERSON = r"\b(la ai|ai la|ten gi)\b"
CUE_PERSON_ROLE = r"\b(chu tich|giam doc|truong|pho|bi thu|nguoi|bo truong|thu truong)\b"
# "hồ sơ nào", "cơ sở nào" (a file, a facility) are no "Sở nào" (a department)
CUE_AGENCY_NAMED = (r"\b((?<!\bho )(?<!\bco )so nao|co quan nao|don vi nao|phong nao|(?<!\bvan )ban nao|nganh nao|to chuc nao|cap nao|bo nao"
                    r"|cuc nao|vien nao|benh vien nao|trung tam nao|ngan hang nao|chi cuc nao|uy ban nao|bo phan nao|ben nao|(?<!nhung )(?<!cac )nguoi nao)\b")
CUE_AGENCY = r"\b(tinh nao|huyen nao|ai|ve dau|noi nao)\b"
CUE_ISSUE_DATE = r"ban hanh|de ngay|duoc ky|ky (vao|ngay)|ngay nao|thang nao"
CUE_OWN_DATE = (rf"\b(thong qua|ban hanh|duoc ky|ky (vao )?ngay|ngay ky|(?:xac thuc|xac nhan) (?:vao )?ngay nao"
                rf"|(?<!ai ){_SIGN}\b(?: \w+){{1,20}} vao (ngay|thoi diem) nao)\b")  # "ký quyết định … vào ngày nào"
CUE_SIGNING_EFFECTIVE = r"ke tu ngay ky|tu ngay ky|ngay ky ban hanh"
CUE_IMPLEMENTS = r"trien khai|thuc hien"
CUE_ASKS_ISSUER = r"ban hanh|cua co quan nao|do (co quan|ai) nao|co quan nao ban hanh"
# "Sở nào…", "Bộ nào…": the head word the answer must start with.
WANTED_HEAD = r"\b((?<!\bho )(?<!\bco )(?<!\bma )so|phong|(?<!\bvan )ban|cong an|bao hiem xa hoi|uy ban|ubnd|trung tam|bo|cuc|vien|benh vien|ngan hang) nao\b"
QUESTION_DOCUMENT_WORDS = rf"(?<![a-z])({ACT_TYPE_KEYS}|huong dan|bao cao|van ban|bai viet)(?![a-z])"

# ------------------------------------------------------------------ agencies (as printed)
AGENCY_HEADS = (
    r"Sở|Phòng|Ban|Bảo hiểm xã hội|BHXH|Công an|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND|"
    r"Trung tâm|Thanh tra|Văn phòng|Cục|Chi cục|Bộ|Bệnh viện|Trạm y tế|Hội|Mặt trận|Ủy ban Mặt trận|"
    r"Ủy ban|Uỷ ban|Đài|Ngân hàng|Tỉnh ủy|Tỉnh uỷ|Quận ủy|Huyện ủy|Thành ủy|Liên đoàn|Đoàn|Kho bạc|Cục Thuế|"
    r"Bộ Chỉ huy|Viện|Tổng cục|Vụ|Chính phủ|Thủ tướng Chính phủ|Quốc hội|Tòa án|Viện kiểm sát|Kiểm toán"
)
# Heads that are names by themselves (no continuation needed).
STANDALONE_AGENCIES = frozenset({"BHXH", "Chính phủ", "Quốc hội", "Thủ tướng Chính phủ", "HĐND", "Bảo hiểm xã hội",
                                 "Công an", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân"})
# Lower-case words that continue an agency name ("Bảo hiểm xã hội tỉnh", "UBND cấp huyện").
ADMIN_WORDS = frozenset({"tỉnh", "quận", "huyện", "thành", "phố", "thị", "xã", "phường", "cấp", "các", "Sở", "sở",
                         "trung", "ương", "trấn", "đặc", "khu"})
# Words after which an agency name has ended even inside a capitalised run.
NAME_STOP = frozenset({"chủ", "phối", "tiếp", "tham", "có", "chịu", "thực", "theo", "để", "chỉ", "hướng", "tổ", "triển",
                       "khẩn", "kiến", "đề", "và", "với", "phải", "cần", "được", "là", "tại", "trong", "về", "căn",
                       "tăng", "đẩy", "rà", "nghiên", "thường", "xây", "bố", "nắm", "ban", "hành", "yêu", "giao", "đã",
                       "sẽ", "đang", "cấp", "thẩm", "trình", "quyết", "đưa", "giải", "làm", "ngày", "năm", "tháng",
                       "số", "trưởng", "lớn", "nhỏ", "này", "đó", "kèm", "gửi", "quy", "ký", "trực", "thuộc",
                       "cung"})  # "cung cấp" (w53: "Bộ Tài chính cung cấp, …" is no name "Bộ Tài chính cung")
# The first word after a head that makes it a title or a verb, not an agency ("Bộ trưởng", "Ban hành").
NOT_AFTER_HEAD = frozenset({"trưởng", "hành", "chỉ", "đạo", "lớn", "phó", "ngày", "đồng", "quản", "thư"})
ORG_VERBS = (r"^\s*(?:,\s*)?(?:chủ trì|phối hợp|tiếp tục|tham mưu|có trách nhiệm|chịu trách nhiệm|thực hiện|chỉ đạo|"
             r"hướng dẫn|tổ chức|triển khai|khẩn trương|kiến nghị|đề xuất|rà soát|cấp|quyết định|ban hành|phê duyệt|"
             r"thẩm định|kiểm tra|giám sát|quản lý|theo dõi|:)")
LEAD_VERB = r"chủ trì"
COOPERATE_VERBS = r"phối hợp(?:\s+với)?|cùng với|và"

# ------------------------------------------------------------------ numbers and amounts
NUMBER_WORDS = ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
QUALIFIERS = r"(?:trên|dưới|ít nhất|tối thiểu|tối đa|khoảng|hơn|gần|không quá|không vượt quá|vượt quá|không dưới|đến|từ)"
# What a rate or multiple is of, printed after it ("50% mức lương cơ sở", "1,5 lần mức lương tối thiểu vùng"): the
# bases Vietnamese benefits and prices are stated against (w54).
BASE_OF_RATE = (r"\s+(?:của\s+)?(?:mức\s+lương\s+(?:cơ\s+sở|tối\s+thiểu(?:\s+vùng)?|hiện\s+hưởng|tháng)|mức\s+lương"
                r"|lương\s+cơ\s+sở|mức\s+chuẩn(?:\s+trợ\s+giúp\s+xã\s+hội|\s+nghèo)?|mức\s+tham\s+chiếu"
                r"|mức\s+đóng(?:\s+bảo\s+hiểm\s+(?:xã\s+hội|y\s+tế|thất\s+nghiệp))?|mức\s+(?:trợ\s+cấp|hỗ\s+trợ|phí|thu)"
                r"|tiền\s+lương(?:\s+tháng)?(?:\s+đóng\s+bảo\s+hiểm\s+(?:xã\s+hội|y\s+tế))?"
                r"|giá\s+(?:dịch\s+vụ|niêm\s+yết|cụ\s+thể(?:\s+dịch\s+vụ)?)|tổng\s+(?:mức\s+đầu\s+tư|kinh\s+phí))(?!\w)")
# A bound printed after a figure ("từ 90% trở lên", "05 năm trở xuống").
BOUND_AFTER = r"\s+trở\s+(?:lên|xuống)(?!\w)"
UNIT_WORDS = L.UNIT_WORDS  # unit words printed after a figure: corpus.lexicon, the one unit vocabulary
# A sum may be spelled out in words between the figure and its unit ("5.000 (năm nghìn) tỷ đồng") and a national
# plan counts in US dollars ("55 tỷ USD/năm").
MONEY_UNITS = r"(?:\([^\W\d][^()\d]{0,60}\)\s*)?(?:nghìn |ngàn |triệu |tỷ )?(?:đồng|VNĐ|VND|USD|đ)(?![\w])"
# (a second word is never the joiner of a range or list: "1.000.000 đồng/con đến 2.500.000 đồng/con")
PER_JOINERS = r"(?!(?:đến|tới|và|hoặc|trở|đối|cho|từ|tại|trong|theo)(?!\w))"
PER_UNIT = r"(?:\s*/\s*[^\W\d][\w]*(?:\s+" + PER_JOINERS + r"[^\W\d/][\w]*)?){1,3}"  # "/người/tháng", "/lượt khám"
MEASURE_SYMBOLS = L.MEASURE_SYMBOLS  # printed against a figure or after it
DURATION_UNITS = r"(?:ngày làm việc|ngày|tháng|năm|giờ|tuần|phút)"

# ------------------------------------------------------------------ dates (as printed)
DATE_PATTERNS = (
    r"(?<!\w)(?:trước\s+)?ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}",
    r"(?<![\w/])\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}(?![\w/])",
    r"(?<!\w)(?:ngày\s+)?\d{1,2}\s+tháng\s*\d{1,2}\s*,?\s+năm\s+\d{4}",
    r"(?<!\w)ngày\s+tháng\s+\d{1,2}\s+năm\s+\d{4}",
    r"(?<!\w)quý\s+(?:[1-4]|IV|I{1,3})(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?(?!\w)",
    r"(?<!\w)(?:6|06|9|09)\s+tháng\s+(?:đầu\s+)?năm(?:\s+\d{4})?",
    r"(?<!\w)tháng\s+\d{1,2}\s*(?:/\s*\d{4}|\s+năm\s+\d{4})",
    r"(?<![\w-])năm\s+\d{4}(?![\w-]|\s*-\s*\d)",
    # a weekly time: "15:00 ngày thứ Sáu hàng tuần", "16 giờ ngày Chủ nhật"
    # (a time or "ngày" before the weekday: "Thứ hai, …" alone is "secondly")
    (r"(?<![\w:])(?:(?:\d{1,2}(?::\d{2}|\s*giờ(?:\s*\d{1,2})?)\s+)(?:ngày\s+)?|ngày\s+)(?:thứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm"
     r"|[Ss]áu|[Bb]ảy)|[Cc]hủ\s+nhật)(?:\s+hàng\s+tuần)?(?!\w)"),
    # a day that recurs: "ngày 15 hằng tháng", "ngày 20 tháng 12 hằng năm", "ngày 20/12 hàng năm"
    r"(?<!\w)ngày\s+\d{1,2}(?:\s*/\s*\d{1,2}|\s+tháng\s+\d{1,2})?\s+(?:hằng|hàng)\s+(?:tháng|quý|năm)(?!\w)",
)
# A time of day: "15:00", "06 giờ sáng", "17 giờ 30", with the weekday or date it falls on.
TIME_PATTERN = (r"(?<![\w:])\d{1,2}(?::\d{2}|\s*giờ(?:\s*\d{1,2}(?!\s*(?:ngày|tháng)))?(?:\s+(?:sáng|chiều|tối|đêm|trưa))?)"
                r"(?:\s+ngày\s+(?:thứ\s+\w+|[Cc]hủ\s+nhật|\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?)(?:\s+hàng\s+tuần)?)?")
DEADLINE_CUE = r"(hoàn thành|trước|thời hạn|dự kiến|vào|trong|chậm nhất|đến hết|xong|trước ngày|hạn)\s*$"
EFFECTIVE_PHRASE = r"(?:có\s+)?hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+kể)?\s+(?:từ|kể\s+từ)\s+"
SIGNING_PHRASE = r"ngày\s+ký(?:\s+ban\s+hành)?"

# ------------------------------------------------------------------ people
from corpus.lexicon import PROVINCES, SURNAMES  # noqa: F401 - re-exported; the one home of the administrative vocabulary

# The last line of a signing capacity ("THỨ TRƯỞNG", "KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC"), in capitals.
SIGNING_TITLE = (r"(?m)^[ \t]*(?:(?:KT|TM|Q|TL|TUQ)\.\s*)?[A-ZĐÀ-Ỹ .]*(?:TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|THỦ TƯỚNG|BÍ THƯ"
                 r"|CHÁNH VĂN PHÒNG|TỔNG THƯ KÝ|CHỦ NHIỆM|TRƯỞNG BAN|PHÓ BAN)[A-ZĐÀ-Ỹ .]*[ \t]*$")
SIGNATURE_NOISE = r"(?:\(?\s*Đã\s+ký\s*\)?|\[\s*daky\s*\]|\s)*"

# ------------------------------------------------------------------ repeals, lists
REPEAL_VERBS = r"(?:bãi bỏ|thay thế|hết hiệu lực|huỷ bỏ|hủy bỏ)"
LIST_LEAD = r"(?:gồm|bao gồm|như sau|là|sau đây)\s*:?\s*$"
LABEL_ONLY = r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|\(\d+\)|[-+•*])$"
LEAD_LABEL = r"\s*(?:[-+•*–]|\(\d+\)|[a-zđ]\)|\d+(?:\.\d+)*\.|[IVXLC]+\.)\s+"


# ------------------------------------------------------------------ what a date or figure question asks (match_key)
# Which date a question's verb asks for (read on match_key text, so accent-less questions read alike).  The
# first role whose cue matches wins: "từ ngày nào đến ngày nào" is a period before it is a start.
DATE_ROLES: tuple[tuple[str, str], ...] = (
    ("period", (r"\b(tu (ngay|khi|thoi diem) nao den (ngay|khi|thoi diem) nao|giai doan nao|trong (khoang )?thoi gian nao"
               r"|khoang thoi gian nao|thoi gian (ap dung|thuc hien|trien khai) (la )?(tu )?(khi|ngay|luc) nao)\b")),
    ("frequency", (r"\b(dinh ky (nao|the nao|ra sao|bao lau|vao (ngay|khi|luc) nao)|bao lau (mot|1) lan|may lan (mot|1|moi)"
                  r"|bao nhieu lan (mot|1|moi)|tan suat"
                  # w143: "theo chu kỳ nào", "vào thời điểm nào trong tháng": when in a recurring cycle, how often
                  r"|chu ky nao|(thoi diem|luc|khi) nao trong (thang|nam|quy|tuan))\b")),
    ("end", (r"\b(den het (ngay|nam|thang|thoi diem|khi)|den (ngay|thoi diem|khi) nao|den bao gio|het han|ket thuc"
            r"|(co|con) hieu luc den|ap dung den|keo dai den)\b")),
    # w112: "chậm nhất bao lâu / mấy ngày (sau khi …)": the bound qualifies a span asked, a duration, not a due date
    ("due", (r"\b(truoc (ngay|thoi diem|thoi gian|luc|khi|dip|le) nao|truoc khi nao"
            r"|cham nhat(?! (?:la |trong |sau )?(?:bao lau|bao nhieu (?:ngay|thang|tuan|gio)|may (?:ngay|thang|tuan|gio)))|han chot|han cuoi|han nop"
            r"|phai (hoan thanh|hoan tat|xong|gui|nop|bao cao)\b.*\b(ngay|khi|thoi diem|luc) nao)\b")),
    ("duration", (r"\b(bao lau|bao nhieu ngay|may ngay|bao nhieu thang|may thang|trong vong|thoi han (la )?bao"
                 r"|thoi han (giai quyet|xu ly|thuc hien)|mat bao lau)\b")),
    ("start", (r"\b(tu ngay nao|tu khi nao|tu thoi diem nao|ke tu (ngay|khi|thoi diem) nao|bat dau|tu bao gio"
              r"|tu nam nao|tu thang nao|tu (?:nam hoc|nien khoa|hoc ky|nam tai chinh) nao)\b")),
    ("weekday", (r"\b(ngay nao trong tuan|thu may (hang|moi) tuan|vao thu may|ngay thu may|thu nao trong tuan)\b")),
    ("event", (r"\b(hop|to chuc|dien ra|khai mac|kiem tra|lam viec|hoi nghi)\b.*\b(ngay nao|khi nao|luc nao"
              r"|bao gio|thoi diem nao)\b")),
)
# "được trợ cấp hằng tháng bao nhiêu", "bồi thường bao nhiêu": a sum of money is asked (unless a counted noun
# follows "bao nhiêu": "hỗ trợ bao nhiêu hộ")
CUE_AMOUNT_VERBS = (r"\b(tro cap|ho tro|boi thuong|thu lao|chi phi|duoc huong|muc huong|chi tra|dong gop|thanh toan"
                    r"|nop phat|xu phat|phat tien)\b[a-z0-9 ./-]{0,60}\b(?:bao nhieu|muc nao|muc bao nhieu)\b"
                    r"(?! (?!(?:mot|moi|hang|cho|trong|khi|neu|thi|la|theo|tien|dong|tai|o)\b)\w)")

# A figure that answers an amount question ("mức phụ cấp … bao nhiêu") carries its unit (đồng, %, lần) or is a
# coefficient ("2,34"): a bare whole number ("03" of "03 Chương trình") counts something else (helper w37).
BARE_COUNT = r"\s*\d+\s*"

# A bound a question or a figure states (match_key): "tối đa" asks the figure printed after "không quá".
BOUND_MAX = r"\b(toi da|khong qua|khong vuot qua|cao nhat|nhieu nhat|tran)\b"
BOUND_MIN = r"\b(toi thieu|it nhat|khong duoi|thap nhat|tro len)\b"
# What a time limit counts from in a question ("trong bao lâu kể từ ngày nhận hồ sơ")
CUE_COUNTED_FROM = r"\b(?:ke tu|tinh tu|sau khi|tu khi|tu ngay)\b"


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """The compiled pattern (a small helper so callers read the names above)."""
    return re.compile(pattern, flags)


# ------------------------------------------------------------------ w35: which figure of a sentence answers
# (read by retriever/qa/extractors/figures.py; match_key text unless said otherwise)
# Words between a question's predicate and its wh-word ("báo cáo Thủ tướng vào lúc nào"): not the predicate.
FIGURE_PREDICATE_FILLERS = ("vao luc ngay thoi gian diem trong tu den truoc sau la duoc co dat toi da thieu it nhat "
                            "tren duoi khoang hon gan chiem muc so bao nhieu may khi han ke tinh")
# The measure a question asks (first match wins) and how each measure is printed after a figure (as printed).
ASKED_MEASURE: tuple[tuple[str, str], ...] = (
    ("multiplier", r"\bgap (?:may|bao nhieu) lan\b"),
    ("mass", (r"\b(?:trong luong|khoi luong|tai trong|trong tai)\b|\bnang (?:tren|duoi|hon|tu|toi da|toi thieu|it nhat"
              r"|khong qua|bao nhieu|may)\b|\b(?:bao nhieu|may) (?:tan|kg|kilogam|ta)\b")),
    # "mét vuông" asks an area (printed "m2"), "mét khối" a volume: "mét" alone a length (w114)
    ("area", r"\bdien tich\b(?!.*\b(?:tien|dong)\b)|\b(?:bao nhieu|may) (?:ha|hecta|m2|km2|(?:ki lo )?met vuong)\b"),
    ("volume", r"\b(?:the tich|dung tich)\b|\b(?:bao nhieu|may) (?:lit|m3|met khoi)\b"),
    ("length", (r"\b(?:chieu (?:dai|rong|cao|sau)|do sau|khoang cach|cu ly|ban kinh)\b(?= (?:\w+ ){0,3}(?:bao nhieu|may)\b)"
                r"|\b(?<!keo )(?:dai|rong) (?:tren|duoi|hon|toi da|toi thieu|it nhat|khong qua|bao nhieu|may)\b"
                r"|\b(?:bao nhieu|may) (?:met|km|m)\b(?! (?:vuong|khoi)\b)")),
)
PRINTED_MEASURE: tuple[tuple[str, str], ...] = L.PRINTED_MEASURES
# Nouns that count people: "bao nhiêu cán bộ, công chức" is printed "64 người/xã", "10 nhân lực".
PEOPLE_NOUNS = ("nguoi", "can bo", "cong chuc", "vien chuc", "nhan luc", "nhan vien", "lao dong", "bac si",
                "dieu duong", "ho sinh", "y si", "duoc si", "giao vien", "hoc sinh", "sinh vien", "thanh vien",
                "nhan su", "chuyen gia", "dang kiem vien", "can bo cong chuc")
# Nouns a question may count two of at once ("bao nhiêu xã, phường"): a total over both is asked.
COUNTABLE_KEYS = frozenset({"xa", "phuong", "thi", "tran", "huyen", "quan", "tinh", "thanh", "pho", "dac", "khu", "thon",
                            "to", "ban", "ap", "benh", "vien", "tram", "truong", "lop"})
# A total asked: "tổng cộng bao nhiêu", "tổng số … là bao nhiêu", "tất cả bao nhiêu".
CUE_TOTAL = r"\b(?:tong cong|tong so|tat ca|toan bo)\b(?=.*\b(?:bao nhieu|may)\b)|\btong\b(?= (?:bao nhieu|may)\b)"
# What one pays oneself ("tự bỏ ra", "tự đóng") and who that is in a contribution clause (as printed).
CUE_SELF_PAYS = r"\btu (?:bo ra|dong|chi tra|tra|chiu|nop|gop)\b"
SELF_PAYER_PRINTED = r"(?:người lao động|người tham gia|người hưởng|cá nhân|bản thân|người được bảo hiểm)\s+(?:tự\s+)?(?:đóng|chịu|trả|nộp)"
# A range asked ("trong khoảng bao nhiêu", "từ bao nhiêu đến bao nhiêu"): not "khoảng bao nhiêu" (about how much).
CUE_RANGE = (r"\btrong khoang (?:bao nhieu|nao)\b|\bkhoang nao\b|\btu (?:bao nhieu|may) \w+ den\b|\btu (?:bao nhieu|may) den\b"
             r"|\bkhung (?:gio|thoi gian) nao\b")  # "khung giờ nào": a window, from one time to another
# By how much something changes ("tăng bao nhiêu", "giảm bao nhiêu phần trăm"), and a figure printed as a change.
CUE_CHANGE_ASKED = r"\b(?:tang|giam)(?: them)? (?:bao nhieu|may)\b"
CHANGE_PRINTED = r"(?:\b(?:tăng|giảm|tính|cộng|nâng)\s+thêm|\btăng|\bgiảm)"

# ------------------------------------------------------------------ agency names and lists (helper w31)
# Lower-case words a name may run on with before its verb ("Cục Kết cấu hạ tầng xây dựng tham mưu").
AGENCY_TAIL_WORDS = 5
# Verbs of NAME_STOP that also sit inside a name's lower-case tail ("hạ tầng xây dựng", "an toàn thực phẩm").
AGENCY_NAME_PART_STOPS = frozenset({"xây", "thực", "hành", "ban"})
# Words joining bodies that answer alike ("Ban chấp hành công đoàn cơ sở hoặc Ban lãnh đạo …").
AGENCY_ALTERNATIVES = frozenset({"và", "hoặc"})
# A number of this many digits right after a name's capitalised word is part of the name ("Ban Quản lý Dự án 85").
AGENCY_NUMBER_DIGITS = (2, 3)
# Words that start what follows a name, never its lower-case tail ("báo cáo Sở X kết quả …", "… tình hình").
AGENCY_TAIL_NOT_FIRST = frozenset({"kết", "tình", "liên", "kịp", "nơi", "đánh", "giám", "trả", "việc", "những",
                                   "các", "mọi", "toàn", "đầy", "sớm", "nhanh", "chặt", "đúng", "thường"})
# Nouns printed before a place's name ("xã Thanh Xương"), longest first.
PLACE_NOUNS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tổ dân phố", "khu phố", "tỉnh", "huyện", "quận", "xã",
               "phường", "thôn", "ấp", "bản", "xóm")
# Function words (as printed: "cơ" is not "có") that end a name's lower-case tail.
AGENCY_TAIL_FUNCTION_WORDS = frozenset({"của", "cho", "với", "theo", "tại", "trong", "về", "để", "là", "có", "được",
                                        "các", "những", "này", "đó", "thì", "mà", "khi", "nếu", "đến", "từ", "vào",
                                        "ra", "lên", "bị", "bởi", "do", "trên", "dưới", "sau", "trước", "đã", "sẽ",
                                        "đang", "cũng", "không", "chưa", "phải", "cần", "nào", "gì", "một", "mỗi"})
# Words that need what follows them (a preposition, "của", a plural marker): a line of text ending in one goes on in
# the next line, however short it is ("a) Đề án cơ cấu tổ chức của" / "Chính phủ theo nhiệm kỳ …").
LINE_GOES_ON_WORDS = ("của", "các", "những", "theo", "tại", "về", "thuộc", "trong", "với", "đối với")
# Classifiers (match_key) a question puts before a counted noun ("những con sông nào", "các chiếc xe nào") that the
# text does not print with each item ("lũ trên sông Ba, sông Kôn").  Not those whose accent-less key is also a
# content word's ("cái"/"cải cách", "quyển"/"quyền", "tấm"/"tâm", "tòa"/"tọa").
NOUN_CLASSIFIERS = frozenset({"con", "chiec", "ngoi", "buc", "cuon"})
# Titles of the office holder who acts for a body, printed before its name (longest first).
AGENCY_TITLES = (r"Tổng cục trưởng|Tổng Giám đốc|Viện trưởng|Hiệu trưởng|Chủ nhiệm|Giám đốc|Chủ tịch|Thủ trưởng|Bộ trưởng|Thứ trưởng"
                 r"|Cục trưởng|Vụ trưởng|Chi cục trưởng|Chánh án|Chánh Văn phòng|Chánh Thanh tra|Trưởng ban|Trưởng phòng|Trưởng")
# What an office holder standing at the head of a clause does next (w113): a body's verb (``ORG_VERBS``), a modal or a
# verb of an office's powers ("Cục trưởng quyết định bổ nhiệm …", "Trưởng ban Ban Quản lý trình …", "Hiệu trưởng được
# cử …"): the holder is the clause's subject.
HOLDER_PREDICATE = (r"\s*(?:chủ trì|phối hợp|tham mưu|(?:có|chịu) trách nhiệm|có thẩm quyền|có quyền|thực hiện|chỉ đạo"
                    r"|hướng dẫn|triển khai|quyết định|ban hành|phê duyệt|thẩm định|kiểm tra|giám sát"
                    r"|trình|cử|bổ nhiệm|ký|giao|xem xét|cho phép|chấp thuận|được|phải|báo cáo|đề nghị|xây dựng)(?![\w])")

# ------------------------------------------------------------------ w98: sentences that restate the request
# A clerk skips the sentence of a reply letter that restates the request it answers: its opener ("Trả lời Công văn
# số 12/CV của Công ty X về việc …, Cục Y có ý kiến như sau:", "Cục Thuế nhận được công văn số … của …") and the
# request it rules on ("Trên cơ sở Đơn đề nghị xác định trước mã số số 01/CV … của Công ty TNHH …"): it says again
# what the question asks and answers nothing (as printed, case-insensitive).
REQUEST_RESTATED = (
    r"^\s*(?:(?:Trả\s+lời|Phúc\s+đáp)\s+(?:Công\s+văn|Văn\s+bản|Đơn|Thư|Phiếu|Câu\s+hỏi|Kiến\s+nghị|Đề\s+nghị|Ý\s+kiến)"
    r"|[^.;:]{0,80}?\bnhận\s+được\s+(?:Công\s+văn|Văn\s+bản|Đơn|Thư|Phiếu)\s+(?:đề\s+nghị\s+)?(?:số|của|đề\s+ngày)"
    r"|(?:Trên\s+cơ\s+sở|Căn\s+cứ|Theo)\s+(?:Đơn|Công\s+văn|Văn\s+bản|Phiếu|Hồ\s+sơ)\s+(?:đề\s+nghị|số)[^.;:]{0,200}?"
    r"\bcủa\s+(?:Công\s+ty|Doanh\s+nghiệp|Tổng\s+công\s+ty|Ngân\s+hàng|Chi\s+nhánh|Hợp\s+tác\s+xã|ông|bà))")
# Questions about the request or the letter's frame itself, which that sentence answers (match_key): who proposed,
# on what grounds, which letter is answered (who sent it, when, what it asked), when it takes effect, what for.
CUE_ASKS_FRAME = (r"\b(de nghi cua|theo de nghi|can cu|co so|tra loi|phuc dap|xet|hieu luc|thi hanh|muc dich|nham"
                  r"|de lam gi|vi sao|tai sao|ly do|goi tat|goi la|viet tat"
                  # the request letter itself: who sent it, when, what it asked ("gửi công văn hỏi về … vào ngày nào")
                  r"|gui (?:cong van|van ban|don|to trinh|phieu)|hoi (?:ve|gi|nhu the nao)|cong van (?:so )?(?:nao|may)"
                  r"|nhan duoc)\b")


# ------------------------------------------------------------------ w112: what the wh-phrase governs
# "khi có căn cứ", "đủ căn cứ", "làm căn cứ": "căn cứ" as the object of a verb is the common noun "grounds"
# (a reason to act), not the document's Căn cứ lines; it names a basis only when an act, "pháp lý", "vào" or a
# wh-word follows it, or an act it is the basis of ("làm căn cứ cho Nghị quyết 08/2025/NQ-CP").
GROUNDS_NOUN = (rf"\b(?:co|lam|du|thieu) can cu\b"
                rf"(?! (?:(?:cho|cua) )?(?:phap ly|vao|theo|tren|nao|gi|nhung|cac|{ACT_TYPE_KEYS}|van ban|luat)\b)")
# A share of a whole asked: "chiếm (tối thiểu) bao nhiêu GRDP", "… chiếm bao nhiêu?", "bao nhiêu GDP": a percentage
# ("chiếm bao nhiêu điểm" counts points: a counted noun after the wh-word other than the whole keeps it a count).
SHARE_ASKED = (r"\bchiem(?: \w+){0,3}? bao nhieu(?: (?:grdp|gdp|tong|trong|cua|so voi|dan so|dien tich)\b|$)"
               r"|\bbao nhieu (?:grdp|gdp)\b")
# Money earned, traded or held, besides money spent (CUE_MONEY): "doanh thu … là bao nhiêu", "kim ngạch xuất khẩu",
# "vốn điều lệ … tối thiểu là bao nhiêu": heading the subject, they make "bao nhiêu" a sum however long the modifiers.
REVENUE_NOUNS = r"doanh thu|kim ngach|loi nhuan|von dieu le"

# ------------------------------------------------------------------ w121: who does a thing, as printed
# Head nouns of a phrase that names a person, a role or a body doing a thing, named or not ("cá nhân", "Quản tài
# viên", "người đứng đầu cơ quan …", "đơn vị chủ quản nhà trường", "hiệu trưởng trường …", "cơ quan đại diện chủ sở
# hữu"): the subject of a decree's clause is one of them (read case-insensitively, longest first).
ACTOR_HEADS = (r"người|cá nhân|tổ chức|cơ quan|đơn vị|doanh nghiệp|hộ kinh doanh|hộ gia đình|hợp tác xã|công ty"
               r"|hiệu trưởng|giám đốc|chủ tịch|thủ trưởng|trưởng đoàn|trưởng ban|trưởng phòng|chuyên gia|cán bộ|công chức"
               r"|viên chức|quản tài viên|thẩm phán|tòa án|nhà trường|cơ sở|bộ phận|hội đồng|chủ đầu tư|nhà đầu tư"
               r"|nhà thầu|chủ sở hữu|công dân|học sinh|sinh viên|giáo viên|giảng viên|bên|đoàn|tổ công tác|ủy ban|uỷ ban"
               r"|ubnd|văn phòng|thanh tra|công an|kho bạc|ngân hàng|bảo hiểm xã hội|quỹ|trung tâm|chính phủ|thủ tướng"
               r"|bộ trưởng|lãnh đạo|chủ nhiệm|chánh|cục trưởng|vụ trưởng|gia đình|thương nhân|bệnh viện|trạm y tế"
               r"|chủ hộ|chủ cơ sở|chủ phương tiện|người sử dụng lao động|người lao động")
# A question's verb (match_key) and the verb a decree prints for it: one pays a fee "nộp", a question says "đóng" or
# "trả"; one executes a decision "thực hiện", a question says "chấp hành" (tvpl_153, congbao fee circulars; the
# bankruptcy decree's "có trách nhiệm thực hiện quyết định").
PRINTED_VERBS = {"dong": "nop", "tra": "nop", "chap hanh": "thuc hien"}
# Verbs whose object does the next verb (match_key): "mời X tham gia", "giao X chủ trì", "cử X làm", "đề nghị X báo
# cáo" — a question asking "mời ai tham gia …" asks that object.
PIVOT_VERBS = frozenset({"moi", "giao", "cu", "yeu cau", "de nghi", "chi dinh", "uy quyen", "phan cong", "cho phep",
                         "huong dan", "chi dao", "khuyen khich", "to chuc cho"})
