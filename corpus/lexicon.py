"""The Vietnamese administrative vocabulary, in one place.

Every module that reads act types, number codes, issuing bodies, the Quốc hiệu, dates,
signature blocks or "Nơi nhận" takes the words from here (corpus/acts.py, structure.py,
metadata.py, cleaning.py, retriever/citations.py, eval/corpus_eval.py).  Entries are plain
data plus a few compiled patterns; keys are ``match_key`` forms (lower case, no accents,
tone placement folded) unless a name says otherwise.

>>> ACT_TYPES["quyet dinh"], TYPE_CODES["QĐ"]
('Quyết định', 'Quyết định')
>>> expand_organ_abbreviations("UBND tỉnh Lai Châu")
'Ủy ban nhân dân tỉnh Lai Châu'
>>> bool(QUOC_HIEU_KEY.search(match_key("Ðộc lập – Tự do – Hạnh phúc")))
True
"""

from __future__ import annotations

import re

from corpus.vietnamese import match_key

__all__ = [
    "ACT_TYPES",
    "ACT_TYPE_KEY",
    "ACT_TYPE_NAMES",
    "ADOPTION_DATE_KEY",
    "APPENDIX_START_KEY",
    "ATTACHED_ONLY_TYPES",
    "BODY_START_KEY",
    "CAPACITY_PREFIX",
    "CAPACITY_PREFIXES",
    "CITED_TYPE_WORDS",
    "DATE_KEY",
    "DATE_LINE_KEY",
    "DATE_PHRASE_KEY",
    "GAZETTE_RUNNING_HEADER_KEY",
    "GAZETTE_SECTION_KEY",
    "ISSUER_ABBREVIATIONS",
    "KINH_GUI_KEY",
    "KNOWN_ORGANS",
    "MEASURE_KEYS",
    "MEASURE_SYMBOLS",
    "MEASURE_UNIT_TABLE",
    "MIXED_CASE_CODES",
    "NAME_RANKS",
    "NOI_NHAN_KEY",
    "NUMBER_LABEL_KEY",
    "ORGAN_CATEGORIES",
    "ORGAN_FORMS",
    "ORGAN_STARTS",
    "PERSON_NAME",
    "PORTAL_FIELDS",
    "PORTAL_FIELD_KEY",
    "POSITION_KEY",
    "PRINTED_MEASURES",
    "PROVINCES",
    "QUANTITY_SYMBOLS",
    "QUERY_TYPE_ABBREVIATIONS",
    "QUOC_HIEU_KEY",
    "SEPARATOR_LINE",
    "SIGNED_MARK_KEY",
    "SIGNING_LINE_KEY",
    "SURNAMES",
    "TYPE_CODES",
    "UNITS",
    "UNIT_WORDS",
    "VBHN_BLOCK_KEY",
    "VI_LOWER",
    "VI_UPPER",
    "VV_KEY",
    "expand_organ_abbreviations",
    "shorten_organ",
]

# --------------------------------------------------------------------------- letters

# Regex classes of Vietnamese upper- and lower-case letters ("[À-Ỹ]" would also
# contain lower-case letters: the Latin Extended blocks interleave both cases).
_LATIN = [chr(c) for c in range(0x41, 0x1EFA) if chr(c).isalpha() and (c < 0x250 or c >= 0x1E00)]
VI_UPPER = "".join(ch for ch in _LATIN if ch.isupper())
VI_LOWER = "".join(ch for ch in _LATIN if ch.islower())

# --------------------------------------------------------------------------- act types

# Type titles as printed alone on a header line (match_key -> display form).
ACT_TYPES: dict[str, str] = {
    "chi thi": "Chỉ thị",
    "ke hoach": "Kế hoạch",
    "quyet dinh": "Quyết định",
    "cong van": "Công văn",
    "thong bao": "Thông báo",
    "nghi quyet": "Nghị quyết",
    "bao cao": "Báo cáo",
    "to trinh": "Tờ trình",
    "huong dan": "Hướng dẫn",
    "cong dien": "Công điện",
    "thong tu": "Thông tư",
    "thong tu lien tich": "Thông tư liên tịch",
    "nghi dinh": "Nghị định",
    "quy che": "Quy chế",
    "quy dinh": "Quy định",
    "de an": "Đề án",
    "chuong trinh": "Chương trình",
    "chuong trinh hanh dong": "Chương trình hành động",
    "giay moi": "Giấy mời",
    "phuong an": "Phương án",
    "ket luan": "Kết luận",
    "luat": "Luật",
    "phap lenh": "Pháp lệnh",
    "lenh": "Lệnh",
    "hien phap": "Hiến pháp",
    "van ban hop nhat": "Văn bản hợp nhất",
    "thong cao": "Thông cáo",
    "bien ban": "Biên bản",
    "cong uoc": "Công ước",
    "hiep dinh": "Hiệp định",
}

# Texts issued only "kèm theo" an act (never on their own with a number): read as attached acts.
ATTACHED_ONLY_TYPES: dict[str, str] = {
    "noi quy": "Nội quy",
    "dieu le": "Điều lệ",
    "quy trinh": "Quy trình",
    "danh muc": "Danh mục",
    "bo tieu chi": "Bộ tiêu chí",
    "tieu chi": "Tiêu chí",
    "dinh muc": "Định mức",
    "chien luoc": "Chiến lược",
    "quy hoach": "Quy hoạch",
    "khung": "Khung",
    "bang gia": "Bảng giá",
}
ACT_TYPE_NAMES: tuple[str, ...] = tuple(dict.fromkeys(ACT_TYPES.values()))
# One act type, on match_key text, longest name first.
ACT_TYPE_KEY = re.compile(rf"(?:{'|'.join(sorted(map(re.escape, ACT_TYPES), key=len, reverse=True))})")

# Type words as they name a *cited* act in running text ("theo Chỉ thị số …", "văn bản số …"):
# the title words plus loose usages that fold into one type.
CITED_TYPE_WORDS: dict[str, str] = {
    **{key: name for key, name in ACT_TYPES.items()
       if key not in ("lenh", "bien ban", "thong cao", "cong uoc", "hiep dinh", "hien phap", "giay moi",
                      "phuong an", "quy dinh", "luat", "van ban hop nhat")},
    "thong tu lien tich": "Thông tư",
    "chuong trinh": "Chương trình hành động",
    "van ban": "Công văn",
}
# Abbreviations users type in a query, on match_key text ("QĐ" arrives as "qd").
QUERY_TYPE_ABBREVIATIONS: dict[str, str] = {
    "ct": "Chỉ thị",
    "nq": "Nghị quyết",
    "qd": "Quyết định",
    "kh": "Kế hoạch",
    "tb": "Thông báo",
    "cv": "Công văn",
    "tt": "Thông tư",
    "nd": "Nghị định",
    "cd": "Công điện",
    "kl": "Kết luận",
    "luat": "Luật",
}

# Type codes inside a number, after the running number (and year): "16/CT-TTg" -> CT.
# Keys are upper case as ``number_key`` gives them.
TYPE_CODES: dict[str, str] = {
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "CV": "Công văn",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NĐ": "Nghị định",
    "CĐ": "Công điện",
    "CTR": "Chương trình hành động",
    "KL": "Kết luận",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "TTR": "Tờ trình",
    "QC": "Quy chế",
    "VBHN": "Văn bản hợp nhất",
    "TC": "Thông cáo",
    "PL": "Pháp lệnh",
    "QH": "Luật",  # "22/2023/QH15": laws (and resolutions) of the National Assembly
    "L": "Luật",
}
# Code segments whose official spelling is mixed case (everything else is upper case):
# TTg = Thủ tướng, CTr = Chương trình, TTr = Tờ trình.
MIXED_CASE_CODES = {"TTG": "TTg", "CTR": "CTr", "TTR": "TTr"}

# --------------------------------------------------------------------------- issuing bodies

# Organ names and their official short forms (display form, as in "UBND tỉnh Lai Châu").
ORGAN_FORMS: dict[str, str] = {
    "Ủy ban nhân dân": "UBND",
    "Hội đồng nhân dân": "HĐND",
}
# Code abbreviations of issuing bodies used inside act numbers ("16/CT-TTg") and in prose.
ISSUER_ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "TTg": "Thủ tướng Chính phủ",
    "CP": "Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "VPQH": "Văn phòng Quốc hội",
    "BYT": "Bộ Y tế",
    "BTC": "Bộ Tài chính",
    "BNV": "Bộ Nội vụ",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BTP": "Bộ Tư pháp",
    "BXD": "Bộ Xây dựng",
    "BCT": "Bộ Công Thương",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BNG": "Bộ Ngoại giao",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "TW": "Ban Chấp hành Trung ương",
    "SYT": "Sở Y tế",
    "BHXH": "Bảo hiểm xã hội",
    "TTYT": "Trung tâm Y tế",
}
# Issuing bodies whose name is spelt with fixed capitals; matched on match_key of the printed name.
KNOWN_ORGANS: tuple[str, ...] = (
    "Chính phủ", "Thủ tướng Chính phủ", "Văn phòng Chính phủ", "Thanh tra Chính phủ", "Quốc hội",
    "Ủy ban Thường vụ Quốc hội", "Văn phòng Quốc hội", "Chủ tịch nước", "Văn phòng Chủ tịch nước",
    "Bộ Y tế", "Bộ Tài chính", "Bộ Nội vụ", "Bộ Công an", "Bộ Quốc phòng", "Bộ Tư pháp", "Bộ Xây dựng",
    "Bộ Công Thương", "Bộ Giáo dục và Đào tạo", "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Nông nghiệp và Môi trường", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Tài nguyên và Môi trường",
    "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ", "Bộ Ngoại giao", "Bộ Kế hoạch và Đầu tư",
    "Bộ Giao thông vận tải", "Bộ Thông tin và Truyền thông", "Bộ Dân tộc và Tôn giáo", "Ủy ban Dân tộc",
    "Ngân hàng Nhà nước Việt Nam", "Kiểm toán Nhà nước", "Tòa án nhân dân tối cao", "Viện kiểm sát nhân dân tối cao",
    "Bảo hiểm xã hội Việt Nam", "Cục Thuế", "Cục Hải quan", "Kho bạc Nhà nước", "Ban Chấp hành Trung ương",
    "Bộ Chính trị", "Ban Bí thư",
)
# Words that open the name of an issuing body (match_key): a header line starting with one of
# these starts a new organ, any other line continues the one above ("ỦY BAN NHÂN" / "DÂN").
ORGAN_STARTS = ("uy ban", "hoi dong", "ubnd", "hdnd", "bo", "so", "cuc", "tong cuc", "chi cuc", "trung tam",
                "benh vien", "van phong", "thu tuong", "chinh phu", "quoc hoi", "thue", "hai quan", "kho bac",
                "thanh tra", "bao hiem xa hoi", "chu tich", "ban", "vien", "phong", "truong", "dai hoc", "hoc vien",
                "tinh uy", "thanh uy", "ngan hang", "toa an", "kiem toan", "cong an", "bo chi huy", "dang uy")
# Provinces and centrally-run cities (the 63 of 2008–2025; the 34 of the 2025 reorganisation are among
# them), so a place printed without "TỈNH"/"THÀNH PHỐ" ("SỞ Y TẾ HÀ NỘI") keeps its capitals.
PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
    "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)
# Common family names: "tỉnh Nguyễn …" in "Phó Chủ tịch UBND tỉnh Nguyễn Văn A" is a person, not a province.
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lương", "Mai", "Cao", "Lâm", "Tạ", "Hà", "Châu", "Đào", "Vương")
# Organ categories whose specific name follows ("SỞ Y TẾ" -> "Sở Y tế"), match_key form.
ORGAN_CATEGORIES = ("trung tam", "benh vien", "chi cuc", "tong cuc", "van phong", "so", "bo", "cuc",
                    "phong", "ban", "vien", "thue", "hai quan", "kho bac", "thanh tra", "bao hiem xa hoi")
# Administrative units: "TỈNH NGHỆ AN" -> "tỉnh Nghệ An" (match_key -> display form).
UNITS: dict[str, str] = {
    "thanh pho": "thành phố",
    "thi xa": "thị xã",
    "thi tran": "thị trấn",
    "tinh": "tỉnh",
    "quan": "quận",
    "huyen": "huyện",
    "phuong": "phường",
    "xa": "xã",
    "dac khu": "đặc khu",
}


def expand_organ_abbreviations(text: str) -> str:
    """ "UBND tỉnh X" -> "Ủy ban nhân dân tỉnh X" (whole words only, HĐND likewise)."""
    for full, short in ORGAN_FORMS.items():
        text = re.sub(rf"(?<!\w){short}(?!\w)", full, text)
    return text


def shorten_organ(text: str) -> str:
    """ "Ủy ban nhân dân tỉnh X" / "ỦY BAN NHÂN DÂN tỉnh X" -> "UBND tỉnh X" (any case or tone placement)."""
    key = match_key(text)
    for full, short in ORGAN_FORMS.items():
        full_key = match_key(full)
        at = key.find(full_key)
        while at >= 0:
            before_ok = at == 0 or not key[at - 1].isalnum()
            after = at + len(full_key)
            if before_ok and (after == len(key) or not key[after].isalnum()):
                text = text[:at] + short + text[after:]
                key = key[:at] + match_key(short) + key[after:]
                at = key.find(full_key, at + len(short))
            else:
                at = key.find(full_key, at + 1)
    return text


# --------------------------------------------------------------------------- header lines

# Quốc hiệu and Tiêu ngữ, on match_key text ("Ðộc lập" with the wrong Đ folds to "doc lap";
# the motto's dashes may be hyphens, en- or em-dashes, or missing).
QUOC_HIEU_KEY = re.compile(
    r"cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–—]?\s*tu do\s*[-–—]?\s*hanh phuc"
)
# "Thanh Hóa, ngày 22 tháng 02 năm 2024" (match_key); day and month may be blank in a draft,
# a space may be missing ("tháng12"), and the line may have been split (join it first).
DATE_LINE_KEY = re.compile(
    r"^(?P<place>[^,\d]{2,40}),\s*ngay[\s._…]*(?P<day>\d{1,2})?[\s._…]*thang[\s._…]*(?P<month>\d{1,2})?"
    r"[\s._…]*nam\s*(?P<year>\d{4})"
)
# A date in running text, on match_key text: "20/9/2022", "05-4-2024", "09 thang 7 nam 2024".
DATE_KEY = re.compile(
    r"(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)"
    r"|(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?nam\s+(\d{4})(?!\d)"
)
# "ngày 22 tháng 02 năm 2024" anywhere (match_key).
DATE_PHRASE_KEY = re.compile(r"ngay\s*(?P<day>\d{1,2})\s*thang\s*(?P<month>\d{1,2})\s*nam\s*(?P<year>\d{4})")
# The adoption formula closing a law or resolution of an elected body: "… được Quốc hội … thông qua
# ngày 16 tháng 6 năm 2025" (match_key); its date is the act's date when no place/date line is printed.
ADOPTION_DATE_KEY = re.compile(
    r"thong qua\s+ngay\s*(?P<day>\d{1,2})\s*thang\s*(?P<month>\d{1,2})\s*nam\s*(?P<year>\d{4})"
)
# "Số:" before a document's number (match_key).
NUMBER_LABEL_KEY = re.compile(r"(?<![a-z])so\s*:\s*")  # use .match for a line that starts with it
# Fields of a legal-database page's own metadata table (match_key).
PORTAL_FIELDS = ("so hieu", "loai van ban", "noi ban hanh", "nguoi ky", "ngay ban hanh", "ngay hieu luc",
                 "ngay cong bao", "so cong bao", "tinh trang", "linh vuc")
PORTAL_FIELD_KEY = re.compile(rf"({'|'.join(PORTAL_FIELDS)})\s*:\s*")
# A rule line under a header block ("--------", "____", "***").
SEPARATOR_LINE = re.compile(r"^[-_=*.~–—\s]{3,}$")
# "V/v …" / "Về việc …" subject line of an official letter (match_key).
VV_KEY = re.compile(r"^(?:v/v|ve viec)\b\s*:?\s*")
KINH_GUI_KEY = re.compile(r"^kinh gui\b")
# The first line of a body: a preamble sentence ("Căn cứ…", "Thực hiện…") or the first article (match_key).
BODY_START_KEY = re.compile(r"^(?:can cu|thuc hien|theo|xet|nham|de |trien khai|ngay \d|dieu 1\b|chuong i\b|phan i\b)")

# --------------------------------------------------------------------------- signature block

# "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC", "KT CHỦ TỊCH", "TL. BỘ TRƯỞNG", "Q. GIÁM ĐỐC", "TUQ. …".
CAPACITY_PREFIXES = ("TM", "KT", "TL", "TUQ", "Q", "PP")
CAPACITY_PREFIX = re.compile(rf"^({'|'.join(CAPACITY_PREFIXES)})\.?\s+(?=\S)")
# Positions that sign (match_key; "truong" also covers misspellings such as "THỨ TRỬỞNG").
POSITION_KEY = re.compile(
    r"\b(?:chu tich|giam doc|truong|bi thu|thu tuong|chanh van phong|vien truong|thu truong|"
    r"pho chu tich|uy vien|tong cuc truong|cuc truong|tong bi thu|chu nhiem|tong thu ky|pho thu tuong)\b"
)
# A whole line that is a signing capacity (match_key; cleaning uses it to find the closing block):
# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "(Đã ký)".
SIGNING_LINE_KEY = re.compile(
    r"^(tm|kt|q|tl|tuq|pp|t/m|k/t|thay mat|ky thay)\.?\s|"
    r"^(pho )?(chu tich|giam doc|truong phong|truong ban|bo truong|thu truong|bi thu|chanh van phong|"
    r"cuc truong|vu truong|chanh thanh tra|tong giam doc|hieu truong|thu tuong|pho thu tuong|chu nhiem)$|"
    r"^[(\[]?\s*da\s*ky\s*[)\]]?$"
)
# "(Đã ký)", "[daky]", "Ký tên" standing for a signature (match_key).
SIGNED_MARK_KEY = re.compile(
    r"^[(\[]?\s*(?:da\s*ky|ky ten|da ky va dong dau|ky, ghi ro ho ten|daky)\s*[)\]]?\.?$"
)
# Military and academic ranks printed before a signer's name ("Đại tướng Lương Tam Quang").
NAME_RANKS = ("dai tuong", "thuong tuong", "trung tuong", "thieu tuong", "dai ta", "thuong ta", "trung ta",
              "thieu ta", "giao su", "pho giao su", "tien si", "thac si", "bac si", "gs.ts", "pgs.ts", "ts.", "ths.",
              "bs.", "gs.", "pgs.", "ts", "ths", "bs")
NOI_NHAN_KEY = re.compile(r"^noi nhan\s*:?")
# A person's name as printed under a signature: 2–6 capitalised words ("Nguyễn Thị Lan").
PERSON_NAME = re.compile(rf"^[{VI_UPPER}][{VI_LOWER}]*\.?(?:\s+[{VI_UPPER}][{VI_LOWER}]*\.?){{1,5}}$")
# The closing block of a consolidated text, which carries its number, date, issuer and signer.
VBHN_BLOCK_KEY = re.compile(r"xac (?:thuc|nhan) van ban hop nhat")
# Where annexes and forms begin ("Phụ lục", "Mẫu số 01"): their Quốc hiệu and "Số:" are not the header.
APPENDIX_START_KEY = re.compile(r"^(?:phu luc|mau so|mau\s+\d)\b")

# --------------------------------------------------------------------------- gazette (Công báo)

# Running page header of the Official Gazette: "CÔNG BÁO/Số 977 + 978/Ngày 25-7-2025" (match_key),
# sometimes with the page number before or after it.
GAZETTE_RUNNING_HEADER_KEY = re.compile(r"^(?:\d{1,4}\s+)?cong bao\s*/\s*so\s*[\d\s+]+/\s*ngay\s*[\d\s./-]+(?:\s+\d{1,4})?$")
# Gazette section labels above a text: "VĂN BẢN QUY PHẠM PHÁP LUẬT", "VĂN BẢN HỢP NHẤT - BỘ Y TẾ".
GAZETTE_SECTION_KEY = re.compile(r"^van ban (?:quy pham phap luat|phap luat khac|hop nhat)\b\s*-?\s*")
# Health topics a question can ask about by name: the notifiable infectious diseases (the groups A, B and C
# of the Ministry of Health's list), common non-communicable diseases and conditions, and named health
# services and programmes.  Only names of two syllables or more (one syllable — "sởi", "tả", "lao" — is an
# ordinary word too often).  A question naming one of them is about it: abstention checks that the passages
# it would answer from come from documents that print it (``retriever.qa.topics``).
HEALTH_TOPICS = (
    # infectious diseases
    "bại liệt", "cúm gia cầm", "dịch hạch", "đậu mùa", "đậu mùa khỉ", "sốt xuất huyết", "sốt vàng", "sốt Tây sông Nin",
    "Ebola", "Marburg", "Lassa", "MERS-CoV", "bệnh tả", "thương hàn", "ho gà", "uốn ván", "bạch hầu",
    "lỵ trực trùng", "lỵ a-míp", "liên cầu lợn", "viêm não Nhật Bản", "viêm não vi rút", "viêm màng não",
    "viêm gan vi rút", "viêm gan B", "viêm gan C", "tay chân miệng", "thủy đậu", "quai bị", "rubella",
    "sốt rét", "bệnh dại", "kháng dại", "xoắn khuẩn", "Whitmore", "bệnh lao", "lao phổi", "bệnh phong",
    "giang mai", "bệnh lậu", "sán lá gan", "Zika", "mpox", "đau mắt đỏ", "tiêu chảy cấp",
    # non-communicable diseases and conditions
    "đái tháo đường", "tiểu đường", "tăng huyết áp", "huyết áp cao", "ung thư cổ tử cung", "ung thư vú",
    "ung thư gan", "ung thư phổi", "tim bẩm sinh", "bệnh tim mạch", "đột quỵ", "hen phế quản",
    "phổi tắc nghẽn", "suy thận", "chạy thận", "thận nhân tạo", "đục thủy tinh thể", "tâm thần phân liệt",
    "trầm cảm", "tự kỷ", "thalassemia", "tan máu bẩm sinh", "loãng xương", "béo phì", "thấp còi",
    "thiếu vi chất", "bướu cổ", "chết não",
    # services and programmes
    "hiến máu", "hiến tạng", "ghép tạng", "sữa mẹ", "sữa học đường", "kế hoạch hóa gia đình", "tránh thai",
    "phá thai", "sàng lọc sơ sinh", "sàng lọc trước sinh", "methadone", "rượu bia", "thuốc lá điện tử",
    "đuối nước", "tai nạn thương tích", "ngộ độc thực phẩm", "chất thải y tế", "kiểm soát nhiễm khuẩn",
    "răng hàm mặt", "răng miệng", "y tế học đường", "tiêm chủng mở rộng", "HPV",
)


# --------------------------------------------------------------------------- units of measure (w54)
# The one unit vocabulary of the project: every unit a figure is printed with, its family and the uses it is read
# by.  The QA path reads five views of it (derived below, never spelled out elsewhere):
#   "symbol"   — a symbol printed against the figure ("400mm", "50 kW"): a figure followed by it is still a figure
#                (``MEASURE_SYMBOLS``, retriever/qa/extractors/numbers.py);
#   "quantity" — a physical quantity's symbol, read with ranges and signs ("-20°C đến +50°C", "150-200 mA")
#                (``QUANTITY_SYMBOLS``, retriever/qa/extractors/figures.py);
#   "measure"  — the measure printed after a figure that a question's measure word asks ("nặng … bao nhiêu":
#                tấn, kg) (``PRINTED_MEASURES``, retriever/qa/vocabulary.py, figures.py);
#   "word"     — a unit word printed after a figure ("46 trạm", "03 năm", "2 tỷ") (``UNIT_WORDS``);
#   "asked"    — a word after "bao nhiêu" that names a measure or a time, printed as a symbol or beside any figure,
#                not a counted noun the answer must print (``MEASURE_KEYS``, match_key; retriever/qa/signals.py).
# Each row: (printed spelling — a regular expression for the few spelled several ways —, family, match_key word a
# question names it by or "", uses).
MEASURE_UNIT_TABLE: tuple[tuple[str, str, str, frozenset[str]], ...] = tuple(
    (printed, family, key, frozenset(uses.split())) for printed, family, key, uses in (
        # mass
        ("tấn", "mass", "tan", "quantity measure asked"),
        ("kg", "mass", "kg", "symbol quantity measure word asked"),
        ("mg", "mass", "mg", "quantity asked"),
        ("ki-lô-gam", "mass", "", "measure"),
        ("kilôgam", "mass", "", "measure"),
        ("kilogam", "mass", "", "measure"),
        ("tạ", "mass", "", "measure"),
        ("yến", "mass", "", "measure"),
        ("gam", "mass", "gam", "quantity measure asked"),
        ("gram", "mass", "", "quantity"),
        ("g", "mass", "g", "quantity measure asked"),
        # length
        ("mm", "length", "mm", "symbol quantity measure asked"),
        ("cm", "length", "cm", "symbol quantity measure asked"),
        ("km", "length", "km", "symbol quantity measure asked"),
        ("m", "length", "m", "symbol quantity measure asked"),
        ("mét", "length", "met", "quantity measure word asked"),
        ("ki-lô-mét", "length", "", "measure"),
        # area
        ("m2", "area", "m2", "symbol quantity measure asked"),
        ("m²", "area", "", "symbol quantity measure"),
        ("km2", "area", "", "quantity measure"),
        ("km²", "area", "", "quantity measure"),
        ("ha", "area", "ha", "symbol quantity measure asked"),
        ("héc-ta", "area", "hec", "quantity measure asked"),
        ("hecta", "area", "hecta", "quantity measure asked"),
        # volume
        ("m3", "volume", "m3", "symbol quantity measure asked"),
        ("m³", "volume", "", "symbol quantity measure"),
        ("lít", "volume", "lit", "quantity measure word asked"),
        ("ml", "volume", "ml", "symbol quantity measure asked"),
        # electricity and power
        ("°\\s?C", "temperature", "", "quantity"),
        ("℃", "temperature", "", "quantity"),
        ("độ\\s+C(?!\\w)", "temperature", "", "quantity"),
        ("mA", "current", "", "quantity"),
        ("A", "current", "", "quantity"),
        ("ampe", "current", "", "quantity"),
        ("kV", "voltage", "", "symbol quantity"),
        ("mV", "voltage", "", "quantity"),
        ("V", "voltage", "", "quantity"),
        ("vôn", "voltage", "", "quantity"),
        ("kW", "power", "", "symbol"),
        ("MW", "power", "mw", "symbol asked"),
        ("kWh", "energy", "kwh", "asked"),
        # times
        ("năm", "time", "nam", "word asked"),
        ("tháng", "time", "thang", "word asked"),
        ("tuần", "time", "tuan", "word asked"),
        ("ngày", "time", "", "word"),
        ("giờ", "time", "gio", "word asked"),
        ("phút", "time", "phut", "word asked"),
        ("giây", "time", "giay", "asked"),
        ("buổi", "time", "", "word"),
        # how many times
        ("lần", "multiplier", "lan", "measure word asked"),
        # money
        ("đồng", "money", "", "word"),
        ("nghìn", "money", "", "word"),
        ("ngàn", "money", "", "word"),
        ("triệu", "money", "", "word"),
        ("tỷ", "money", "", "word"),
        ("USD", "money", "", "word"),
        ("VNĐ", "money", "", "word"),
        ("đ", "money", "", "word"),
        # people and things counted (first syllables of the counted noun: "kỹ thuật", "đơn vị", "bác sĩ")
        ("người", "count", "nguoi", "word asked"),
        *((w, "count", "", "word") for w in ("tuổi", "trạm", "mẫu", "kỹ", "đơn", "phường", "xã", "điều", "bác",
                                              "giường", "cơ", "huyện", "bệnh", "trường", "học", "nhiệm", "hộ", "thôn",
                                              "xóm", "bản", "khoa", "loại", "chỉ", "bước", "trụ", "nhóm", "vị", "kíp",
                                              "lượt")),
    ))

# A guard a family's printed measure carries: "1,5 lần" is a multiplier, "lần/năm" a frequency.
_MEASURE_GUARD = {"multiplier": r"(?!\s*/)"}


def _printed(use: str, family: str) -> str:
    return "|".join(printed for printed, fam, _, uses in MEASURE_UNIT_TABLE if fam == family and use in uses)


# "(?:mm|cm|…|kW)": a measure symbol printed against a figure or after it (longest spelling first).
MEASURE_SYMBOLS = "(?:" + "|".join(sorted((p for p, _, _, uses in MEASURE_UNIT_TABLE if "symbol" in uses),
                                          key=len, reverse=True)) + ")"
# (family, pattern) of physical quantities, in the order a printed symbol's family is told (temperature first).
QUANTITY_SYMBOLS: tuple[tuple[str, str], ...] = tuple(
    (family, _printed("quantity", family))
    for family in ("temperature", "current", "voltage", "mass", "length", "area", "volume"))
# (family, pattern) of the measures a question's measure word asks, as printed after a figure (multiplier first).
PRINTED_MEASURES: tuple[tuple[str, str], ...] = tuple(
    (family, r"\s*(?:" + _printed("measure", family) + ")" + _MEASURE_GUARD.get(family, ""))
    for family in ("multiplier", "mass", "area", "volume", "length"))
# Unit words printed after a figure (as printed).
UNIT_WORDS = frozenset(p for p, _, _, uses in MEASURE_UNIT_TABLE if "word" in uses)
# match_key words after "bao nhiêu" naming a measure or a time, printed as a symbol or beside any figure.
MEASURE_KEYS = frozenset(key for _, _, key, uses in MEASURE_UNIT_TABLE if "asked" in uses)
