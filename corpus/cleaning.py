"""Clean scraped Vietnamese policy documents: keep the document, drop the website around it.

The bundled documents were scraped from provincial portals, news sites and legal
databases, so the real text (national motto, "Số:", sections, "Nơi nhận", signature,
appendix tables) is wrapped in site chrome: search boxes, login banners repeated
several times, visit counters, share buttons, link lists, hotline numbers.  The rules
here are *general* (a lexicon of chrome phrases typical of Vietnamese sites, repetition,
adjacency to chrome, position after the document's end); nothing refers to a file.

Text from printed publications and legal databases carries its own frame, removed by
position and shape (``remove_page_furniture``, ``cut_site_frame``): the Gazette's running
page header, page numbers and digital-signature stamps at each page break (the sentence they
cut is joined again), a portal's copyright notice, metadata table (kept apart:
``extract_portal_table``), editorial summary and trailer, a publisher's colophon.

Body text is protected by construction:

* lexicon patterns match whole lines only, never a phrase inside a sentence;
* a numbered table flattened one cell per line ("1", "Sở Y tế", …) is detected and its
  lines are exempt from the repetition, lone-number and trailing-block rules;
* the trailing-block rule only removes short non-sentence lines that come after the
  signer's name / "./." / the last table row, and only when that tail holds chrome.

>>> raw = '''Đăng nhập
... Tổng truy cập 1.234.567
... **ỦY BAN NHÂN DÂN
... TỈNH X**
... Số: 12/UBND-YT
... Kính gửi: Sở Y tế.
... Đề nghị Sở Y tế triển khai thực hiện./.
... Share
... 0
... Tweet'''
>>> print(clean_text(raw))
ỦY BAN NHÂN DÂN
TỈNH X
Số: 12/UBND-YT
Kính gửi: Sở Y tế.
Đề nghị Sở Y tế triển khai thực hiện./.
<BLANKLINE>
"""

from __future__ import annotations

import re
from statistics import median

from corpus.lexicon import ACT_TYPE_KEY, PORTAL_FIELDS, QUOC_HIEU_KEY, SIGNING_LINE_KEY
from corpus.vietnamese import match_key, nfc, tone_key

__all__ = ["clean_text", "is_boilerplate_line", "extract_portal_table", "remove_page_furniture", "cut_site_frame"]

# --------------------------------------------------------------------------- characters

# Spaces that look like spaces but are not U+0020 (NBSP from HTML, thin/figure spaces…).
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
# Invisible characters that only break matching: zero-width, BOM, soft hyphen, word joiner.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# Other C0/C1 control characters (a text layer sometimes leaks them); \n is kept.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# "Ð"/"ð" (Icelandic eth, U+00D0/U+00F0) are the look-alike Đ/đ some fonts and converters give
# ("Ðộc lập", "QÐ-UBND"); Vietnamese has no eth, so a clerk reads them as Đ/đ everywhere, and the
# number, issuer and body must match what is typed with the real letter.
_LOOKALIKE_D = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ"})
# Vertical tab, form feed (PDF page break), Unicode line/paragraph separators → newline.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def normalize_characters(text: str) -> str:
    """NFC, the real Đ/đ, one kind of newline, one kind of space, no invisible characters."""
    text = nfc(text).translate(_LOOKALIKE_D)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return _CONTROLS.sub("", text)


# --------------------------------------------------------------------------- markdown

_BOLD = re.compile(r"\*\*+")  # "**", "***": bold / bold-italic markers
# "__word__" emphasis; a run of 3+ underscores is a fill-in blank ("Số: ____/UBND") and stays.
_UNDERSCORE_BOLD = re.compile(r"(?<!_)__(?!_)")
# Single-asterisk italics: "*khẩu trang*".  The opening star must touch a letter/digit on
# its right and the closing one on its left, so "(*)" footnote marks and "2 * 3" survive.
_ITALIC = re.compile(r"(?<![\w*])\*(?=[\w(\"“])([^*\n]*?[\w).\"”…])\*(?![\w*])")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|#)[^)\n]*\)")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
# html2text-style escapes: "1\." "\-" "\*".
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


# An italic span broken over lines leaves a lone star at a line's start or end
# ("*Hà Nội, ngày 19" / "năm 2025*"); "* Ghi chú" (a star and a space) and "(*)" stay.
_LINE_EDGE_STAR = re.compile(r"(?m)^[ \t]*\*(?=[^\s*])|(?<=[^\s*(])\*[ \t]*$|^[ \t]*\*[ \t]+\*[ \t]*$")


def strip_markdown(text: str) -> str:
    """Remove emphasis markers, links and headings markup, keeping the words."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _BOLD.sub("", text)
    text = _UNDERSCORE_BOLD.sub("", text)
    text = _ITALIC.sub(r"\1", text)
    text = _LINE_EDGE_STAR.sub("", text)
    return _MD_ESCAPE.sub(r"\1", text)


# --------------------------------------------------------------------------- lexicon
# Whole-line patterns, matched on match_key(line) (lower case, no accents, đ → d), so
# "Từ khoá", "Từ khóa" and "TU KHOA" are the same.  Each is anchored at both ends or
# bounded in length, so a sentence that merely mentions "đăng nhập" is never touched.

_NUM = r"[\d.,  ]*\d"  # a counter: "41.782.238", "3,646"
_BOILERPLATE_PATTERNS = [
    # search boxes and loaders
    r"tim kiem( nang cao)?\s*(\.\.\.|…)?:?",
    r"(tu khoa|nhap tu khoa|tim kiem)\s*:.{0,120}",
    r"dang tai( van ban| noi dung| du lieu| trang)?\s*(\.\.\.|…)?\.*",
    r"vui long (cho|doi).{0,40}",
    # accounts and membership banners
    r"(dang nhap|dang ky|dang xuat|quen mat khau)( thanh vien| tai khoan)?\s*[.!:]?",
    r"hay de chung toi ho tro ban!?",
    # visit counters
    r"thong ke (truy cap|luot truy cap|website)\s*:?",
    r"(tong|so|luot|so luot|tong so)( luot)? truy cap( hien tai| hom nay| trong ngay| trong tuan| trong thang|"
    r" trong nam| website)?\s*:?\s*(" + _NUM + r")?",
    r"(dang|hien dang) (truy cap|online|xem)\s*:?\s*(" + _NUM + r")?",
    r"truy cap( hien tai| hom nay| trong ngay| trong thang| trong nam)?\s*:?\s*(" + _NUM + r")?",
    r"(hom nay|hom qua|tuan nay|tuan truoc|thang nay|thang truoc|nam nay|tat ca|online|khach|dang online)\s*:?\s*" + _NUM,
    r"(luot xem|so lan xem|luot doc|luot thich|luot chia se)\s*:?\s*(" + _NUM + r")?",
    r"\d[\d.,]* (luot xem|luot doc|binh luan|views?)",
    # site badges and technical footers
    r"dmca(\.com)?( protection status)?",
    r"ip\s*:?\s*\d{1,3}(\.\d{1,3}){3}",
    r"chung nhan tin nhiem mang",
    r"(copyright|©|\(c\) ?\d{4}).{0,160}",
    r"ban quyen (thuoc|©|\(c\)|\d{4}|website|cong thong tin).{0,120}",
    r"(ghi ro nguon|trich dan nguon).{0,80}",
    r"(thiet ke|phat trien|van hanh) (web(site)? )?boi .{0,80}",
    # share, print, like buttons
    r"(share|tweet|like|\+1|pin|print|email|e-mail|in|in trang|in bai|in bai viet|in van ban|"
    r"chia se|chia se bai viet|gui email|gui mail|gui bai|gui cho ban be|luu|luu tin|luu bai viet|"
    r"bookmark|facebook|zalo|twitter|linkedin|copy link|sao chep( lien ket| duong dan)?|"
    r"quay lai|tro ve|tro lai|ve dau trang|len dau trang|dau trang|top|back|"
    r"xem them|doc them|xem tiep|doc tiep|chi tiet|xem chi tiet|"
    r"co chu|kich thuoc chu|font|a\+|a-|a\+ a-|a- a\+|phong to|thu nho|nghe doc bai|nghe bai viet)\s*[:.]?",
    # comments and polls
    r"(de lai|gui|viet|them|cac|y kien|xem)\s*(y kien |cac )?binh luan.{0,40}",
    r"binh luan( trong bai| bai viet| cua ban)?\s*(\(\d+\))?\s*:?",
    r"hay la nguoi dau tien.{0,60}",
    r"(chua co|khong co) binh luan.{0,40}",
    r"(y kien ban doc|y kien cua ban|gop y|phan hoi)\s*:?",
    r"tham do y kien\s*:?",
    r"ban (danh gia|thay|nghi) .{0,60}(nhu the nao|the nao|ra sao)\s*\??",
    r"(binh chon|ket qua binh chon|xem ket qua)\s*:?",
    # news-site navigation
    r"(tin|bai|tin bai|bai viet) (moi|moi nhat|lien quan|khac|cung chuyen muc|doc nhieu|xem nhieu|noi bat|tieu diem)( hon)?\s*:?",
    r"(cac )?(tin|bai viet|tin bai) (da dua|truoc|tiep theo|cu hon)\s*:?",
    r"xem tin (theo ngay|khac).{0,20}",
    r"(xem|tim) (theo|tin) ngay.{0,20}",
    r"lien ket( website| web| nhanh| huu ich)?\s*:?",
    r"(website|trang) lien ket\s*:?",
    r"(chuyen muc|menu|dieu huong)\s*:?",
    r"trang chu(\s*[>»|/].{0,120})?",
    r"(gioi thieu|lien he|so do (site|trang|web)|ban do (site|trang)|rss|english|tieng viet|hoi dap|faq)\s*",
    r"(quang cao|advertisement|tai tro)\s*:?",
    r"tap tin dinh kem\s*:?",
    r"(tai ve|tai xuong|download)( file| tap tin| van ban)?\s*:?",
    r"(file|tep) dinh kem\s*:?",
    # photo captions and page dates
    r"(anh|hinh|hinh anh) minh hoa\.?",
    r"(anh|hinh anh|photo)\s*:.{0,60}",
    r"(ngay )?(cap nhat|dang|dang tai|xuat ban|ngay dang)( luc| ngay| vao)?\s*:?\s*\d[\d/:.\-, hg]*(\s*\(?gmt[+\-]\d+\)?)?",
    r"(thu (hai|ba|tu|nam|sau|bay)|chu nhat)\s*,?\s*(ngay\s*)?\d{1,2}/\d{1,2}/\d{4}.{0,20}",
    # contact boxes ("Điện thoại: …" alone is left to the trailing-block rule: a letterhead
    # may carry it)
    r"(hotline|duong day nong|tong dai)( tu van| ho tro| cskh)?\s*:?\s*[\d .\-()+]*",
    # legal-database notices
    r"van ban nay chua cap nhat noi dung tieng anh",
    r"(van ban (goc|lien quan|thay the|tieng anh|hop nhat)|luoc do)\s*",
    r"(bao loi|gop y) (van ban|noi dung).{0,40}",
]
_BOILERPLATE = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in _BOILERPLATE_PATTERNS) + r")$")

# A banner speaking to the reader about logging in: "Bạn chưa đăng nhập thành viên!",
# "Quý khách vui lòng đăng ký tài khoản để xem…".  Matched with accents kept (tone_key):
# without them "bạn" would be "ban" as in "Ủy ban", "ban hành".  Three cues are required
# so "Các bạn trẻ đăng ký hiến máu" stays.
_LOGIN_VERB = re.compile(r"\b(đăng nhập|đăng ký|đăng xuất)\b")
_LOGIN_OBJECT = re.compile(r"\b(thành viên|tài khoản|tại đây|để xem|chỉ xem|xem được|xem đầy đủ)\b")
_READER = re.compile(r"\b(bạn|quý khách|quý vị|chưa)\b")

# Menu entries: chrome when several stand together ("Trang chủ | Tin tức | Liên hệ"), but
# a single "Văn bản" or "Tin tức" line may be a heading, so they are not in the lexicon.
_MENU_WORDS = {
    "trang chu", "gioi thieu", "tin tuc", "su kien", "tin tuc su kien", "tin tuc - su kien", "van ban",
    "van ban phap quy", "van ban chi dao", "van ban dieu hanh", "thu tuc hanh chinh", "dich vu cong",
    "lich cong tac", "hoi dap", "lien he", "so do site", "thu vien", "thu vien anh", "video", "album anh",
    "tuyen dung", "thong bao", "hoat dong", "chuyen de", "truyen thong", "dao tao", "y te", "suc khoe",
    "english", "rss", "faq", "gop y", "cong khai", "du thao", "lanh dao", "co cau to chuc", "ban do",
}

# A line made of site-chrome words only; matches lines that became empty of letters
# ("|", "»", "-----" are kept: they are ruler lines of the national motto block).
_SEPARATOR_ONLY = re.compile(r"^[|»«›‹•·>]+$")
_CELL_BAR = re.compile(r"^\s*\|[\s|]*$")


def is_boilerplate_line(line: str) -> bool:
    """True when the whole line is a known piece of website chrome."""
    stripped = line.strip()
    if not stripped or len(stripped) > 260:
        return False
    if _SEPARATOR_ONLY.match(stripped):
        return True
    key = re.sub(r"\s+", " ", match_key(stripped)).strip()
    if _BOILERPLATE.match(key):
        return True
    if len(stripped) <= 200 and is_login_banner(stripped):
        return True
    # A menu bar "Đăng ký | Đăng nhập", "Trang chủ | Tin tức | Liên hệ": chrome if every item is.
    items = [item.strip() for item in re.split(r"\s*[|•·]\s*", key) if item.strip()]
    return len(items) >= 2 and all(is_menu_word(item) for item in items)


def is_login_banner(line: str) -> bool:
    key = tone_key(line)
    return bool(_LOGIN_VERB.search(key) and _LOGIN_OBJECT.search(key) and _READER.search(key))


def is_menu_word(key: str) -> bool:
    """key: match_key of one short item."""
    return key in _MENU_WORDS or bool(_BOILERPLATE.match(key))


# --------------------------------------------------------------------------- line shapes

_SENTENCE_END = re.compile(r"[.;:!?…)\"”]$")
_LONE_NUMBER = re.compile(r"^[+\-]?\d[\d.,]*$")
_PHONE = re.compile(r"^[+(]?\d[\d .\-()]{7,}\d$")
_TABLE_NUMBER = re.compile(r"^(\d{1,4})\.?$")
_ROMAN = re.compile(r"^[IVXL]{1,6}\.?$")
# "Đài phát thanh truyền hình Thừa Thiên HuếGia đìnhPhản ánh…": several site names glued
# together.  Two lowercase letters followed by a capital (see glued_joins), so "VNeID",
# "eHealth", "iPhone" do not count.
_QUOTED_SLOGAN = re.compile(r"^[\"“'«].{15,}[\"”'»]$")


def words(line: str) -> list[str]:
    return line.split()


def is_body_like(line: str) -> bool:
    """A line that reads like document text rather than a menu entry or a label."""
    n = len(words(line))
    if n >= 9:
        return True
    return n >= 4 and bool(_SENTENCE_END.search(line.strip())) and not line.strip().endswith(":")


def is_lone_number(line: str) -> bool:
    s = line.strip()
    return bool(_LONE_NUMBER.match(s) or _PHONE.match(s))


def glued_joins(line: str) -> int:
    """Count "ếGi"-like joins: two lowercase letters then a capital, no space between.

    str.islower/isupper rather than a character range: Vietnamese capitals (Ạ, Ả…)
    and small letters alternate inside the Latin Extended Additional block.
    """
    return sum(
        1
        for a, b, c in zip(line, line[1:], line[2:])
        if a.islower() and b.islower() and c.isupper()
    )


def is_glued_link_list(line: str) -> bool:
    # A web address ("…/d/1Ej609lvK23Sqz…/view") is not a glued menu.
    return glued_joins(re.sub(r"(https?://|www\.)\S+", " ", line)) >= 3


def is_quoted_slogan(line: str) -> bool:
    s = line.strip()
    letters = [c for c in s if c.isalpha()]
    return bool(_QUOTED_SLOGAN.match(s)) and len(letters) >= 15 and all(c.isupper() for c in letters)


# --------------------------------------------------------------------------- signature

# Signing capacity lines: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "(Đã ký)".
_SIGNING = SIGNING_LINE_KEY
_END_OF_TEXT = re.compile(r"\./\.?\s*$")  # the "./." that closes a Vietnamese official text
# Legal-database trailer repeating the title: "Kế hoạch 542/KH-UBND ngày … do tỉnh Nghệ An ban hành".
_TITLE_TRAILER = re.compile(rf"^(?:{ACT_TYPE_KEY.pattern}) \S*\d\S*/\S+ .{{0,400}}\bban hanh$")
# The same title line without "ban hành" ("Công điện 224/CĐ-TTg năm 2025 khẩn trương …"): only
# trusted right before the site's own trailer notice.
_SITE_TITLE = re.compile(rf"^(?:{ACT_TYPE_KEY.pattern}) \S*\d\S*/\S+ .{{10,500}}$")


def is_person_name(line: str) -> bool:
    """2–6 capitalised words and nothing else: "Nguyễn Trường Sơn", "Bùi Đình Long"."""
    parts = line.split()
    return 2 <= len(parts) <= 6 and all(
        w[0].isupper() and w[1:].isalpha() and w[1:].islower() for w in parts if len(w) > 1
    ) and all(w.isalpha() for w in parts)


# Site footer labels ("Địa chỉ: …", "Cơ quan chủ quản: …"): long enough to look like text,
# so they do not mark the end of the document for the trailing-block rule.
_FOOTER_LABEL = re.compile(
    r"^(dia chi|tru so|dien thoai|dt|email|e-mail|fax|website|co quan chu quan|"
    r"chiu trach nhiem( noi dung| chinh| xuat ban)?|giay phep|tong bien tap|truong ban bien tap|"
    r"don vi (quan ly|van hanh))\b.{0,200}$"
)


def is_footer_label(line: str) -> bool:
    return bool(_FOOTER_LABEL.match(match_key(line.strip())))


def is_signing_line(line: str) -> bool:
    return bool(_SIGNING.search(match_key(line.strip())))


def is_caps_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(words(line)) <= 12


def closing_block_end(lines: list[str], keep: list[bool]) -> int:
    """Last line of the closing block: "Nơi nhận" list, signing capacity, signer's name.

    Starts at the last "./.", "Nơi nhận" or signing line and walks on over recipients
    ("- …"), capitalised capacities ("GIÁM ĐỐC SỞ Y TẾ", "(Đã ký)") and a name that follows
    a capacity.  A name after plain text (a news byline) does not extend the block.
    """
    anchor = -1
    for i, line in enumerate(lines):
        if keep[i] and (
            is_signing_line(line) or _END_OF_TEXT.search(line) or match_key(line.strip()).startswith("noi nhan")
        ):
            anchor = i
    if anchor < 0:
        return -1
    last, after_capacity = anchor, is_signing_line(lines[anchor]) or is_caps_line(lines[anchor])
    for j in range(anchor + 1, len(lines)):
        s = lines[j].strip()
        if not s or not keep[j]:
            continue
        if s[0] in "-+•":
            last, after_capacity = j, False
        elif is_signing_line(s) or is_caps_line(s):
            last, after_capacity = j, True
        elif after_capacity and is_person_name(s):
            last, after_capacity = j, False
        else:
            break
    return last


def signature_end(lines: list[str], keep: list[bool]) -> tuple[int, int]:
    """(first signing line, last line of the last signature block incl. the name); -1 if none."""
    first, last = -1, -1
    for i, line in enumerate(lines):
        if not keep[i] or not is_signing_line(line):
            continue
        if first < 0:
            first = i
        last = max(last, i)
        seen = 0
        for j in range(i + 1, len(lines)):
            s = lines[j].strip()
            if not s or not keep[j]:
                continue
            seen += 1
            if seen > 5:
                break
            if is_signing_line(s) or s.isupper():
                last = max(last, j)
                continue
            if is_person_name(s):
                last = max(last, j)
            break
    return first, last


# --------------------------------------------------------------------------- tables

def find_table_spans(lines: list[str]) -> list[tuple[int, int]]:
    """Spans (start, end inclusive) of numbered tables flattened one cell per line.

    A table shows up as lone "1", "2", "3"… lines (the TT column) a few lines apart.  The
    span covers a header of one row width before "1" and one row width after the last
    number, so header cells and the last row's cells are protected too.
    """
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    pos = {i: k for k, i in enumerate(nonblank)}
    numbered = [(i, int(m.group(1))) for i in nonblank if (m := _TABLE_NUMBER.match(lines[i].strip()))]

    # Follow each count 1, 2, 3… while skipping other numbers (a "Số ca" column of "12",
    # "7" must not break the TT column).
    open_chains: list[list[tuple[int, int]]] = []
    for i, n in numbered:
        for chain in open_chains:
            last_i, last_n = chain[-1]
            if n == last_n + 1 and pos[i] - pos[last_i] <= 15:
                chain.append((i, n))
                break
        else:
            open_chains.append([(i, n)])
    chains = [[i for i, _ in chain] for chain in open_chains if len(chain) >= 2]

    spans = []
    for chain in chains:
        width = int(median(pos[b] - pos[a] for a, b in zip(chain, chain[1:])))
        head = max(0, pos[chain[0]] - width)
        tail_limit = min(len(nonblank) - 1, pos[chain[-1]] + 2 * width)
        tail = pos[chain[-1]]
        # Extend over the last row's cells, stopping at the first line of chrome.
        while tail < tail_limit and not is_boilerplate_line(lines[nonblank[tail + 1]]):
            tail += 1
            if tail - pos[chain[-1]] >= width - 1 and is_lone_number(lines[nonblank[tail]]):
                break
        spans.append((nonblank[head], nonblank[tail]))
    return spans


# --------------------------------------------------------------------------- page furniture
# Text extracted from a printed publication (the Official Gazette, any paginated PDF)
# carries, at every page break, a running header ("CÔNG BÁO/Số 977 + 978/Ngày 25-7-2025"),
# a page number (sometimes printed twice), blank lines, and on signed PDFs the stamp of the
# digital signature.  They fall between two halves of a sentence; removing them and the
# blank lines of the break joins the sentence again.

# The Gazette's running header, with an optional page number glued before or after it.
_GAZETTE_HEADER = re.compile(
    r"^(?:\d{1,4}\s+)?cong bao\s*/\s*so\s*[\d\s+\-]+/\s*ngay\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}(?:\s+\d{1,4})?$"
)
_PAGE_NUMBER = re.compile(r"^(?:trang\s*)?\d{1,4}$")
# Lines of a digital-signature stamp ("Ký bởi: …", "Người ký: …", "Cơ quan: …", "Email: …",
# "Thời gian ký: 28.07.2025 14:15:48 +07:00"); a stamp has a signing time or a "Ký bởi".
_STAMP_LINE = re.compile(
    r"^(ky boi|nguoi ky|co quan|to chuc|email|e-mail|thoi gian ky|ngay ky|ly do|vi tri|signed by|signing time|date)\s*:"
)
_STAMP_ANCHOR = re.compile(r"^((thoi gian ky|ngay ky|signing time|date)\s*:\s*\d|ky boi\s*:|signed by\s*:)")
_UNDERSCORE_RULE = re.compile(r"^_{3,}$")
# The Gazette's note at the foot of an issue: "(Xem tiếp Công báo số 979 + 980)".
_GAZETTE_CONTINUED = re.compile(r"^\(?\s*xem tiep cong bao so [\d\s+]+\)?$")


def is_running_header(line: str) -> bool:
    """A periodical's running page header, e.g. "CÔNG BÁO/Số 977 + 978/Ngày 25-7-2025"."""
    return bool(_GAZETTE_HEADER.match(re.sub(r"\s+", " ", match_key(line.strip()))))


def _repeated_page_headers(lines: list[str]) -> set[str]:
    """Other running headers: a short non-sentence line printed on 3+ pages, each time right
    beside a page number, the numbers increasing (a table's repeated header row is not:
    its neighbours are cells, not a rising page count)."""
    positions: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        s = line.strip()
        if (s and len(s) <= 120 and len(s.split()) >= 2 and not _SENTENCE_END.search(s)
                and not _PAGE_NUMBER.match(s) and not is_running_header(s)):
            positions.setdefault(s, []).append(i)
    found = set()
    for s, where in positions.items():
        if len(where) < 3 or not all(b - a >= 20 for a, b in zip(where, where[1:])):
            continue
        numbers = []
        for i in where:
            near = _near(lines, i, 1)
            if any(is_running_header(lines[j]) for j in _near(lines, i, 3)):
                break
            values = [int(m.group(1)) for j in near if (m := re.match(r"^(?:trang\s*)?(\d{1,4})$", lines[j].strip()))]
            if not values:
                break
            numbers.append(values[0])
        else:
            if all(b > a for a, b in zip(numbers, numbers[1:])):
                found.add(s)
    return found


def _near(lines: list[str], i: int, count: int) -> list[int]:
    """Up to ``count`` non-blank lines on each side of i."""
    out = []
    for step in (-1, 1):
        j, seen = i + step, 0
        while 0 <= j < len(lines) and seen < count:
            if lines[j].strip():
                out.append(j)
                seen += 1
            j += step
    return out


def _stamp_runs(lines: list[str]) -> list[int]:
    """Indexes of digital-signature stamp lines: 2–7 stamp lines in a row, one an anchor."""
    out: list[int] = []
    i = 0
    while i < len(lines):
        run = []
        j = i
        while j < len(lines) and (not lines[j].strip() or _STAMP_LINE.match(match_key(lines[j].strip()))):
            if lines[j].strip():
                run.append(j)
            j += 1
            if len(run) > 7:
                break
        if 2 <= len(run) <= 7 and any(_STAMP_ANCHOR.match(match_key(lines[k].strip())) for k in run):
            out.extend(run)
            i = j
        else:
            i += 1
    return out


def remove_page_furniture(lines: list[str]) -> list[str]:
    """Drop running headers, their page numbers, signature stamps and ``____`` rules.

    The blank lines of each page break go too, so the two halves of a sentence split by
    the break become consecutive lines; one blank line is kept when the text before the
    break ends a sentence.
    """
    drop = [False] * len(lines)
    breaks: list[int] = []
    headers = _repeated_page_headers(lines)
    for i, line in enumerate(lines):
        s = line.strip()
        if is_running_header(s) or (s and s in headers):
            drop[i] = True
            breaks.append(i)
            for j in _page_numbers_beside(lines, i):
                drop[j] = True
        elif _UNDERSCORE_RULE.match(s.replace(" ", "")) or _GAZETTE_CONTINUED.match(_key(s)):
            drop[i] = True
    for i in _stamp_runs(lines):
        drop[i] = True
        breaks.append(i)
    # Blank lines of a break: the run of blank/dropped lines around each break.
    for i in breaks:
        a = i
        while a > 0 and (drop[a - 1] or not lines[a - 1].strip()):
            a -= 1
        b = i
        while b + 1 < len(lines) and (drop[b + 1] or not lines[b + 1].strip()):
            b += 1
        before = lines[a - 1].strip() if a > 0 else ""
        keep_one = bool(_SENTENCE_END.search(before)) or not before
        kept_blank = False
        for k in range(a, b + 1):
            if not lines[k].strip() and not drop[k]:
                if keep_one and not kept_blank:
                    kept_blank = True
                else:
                    drop[k] = True
    return [line for line, d in zip(lines, drop) if not d]


def _page_numbers_beside(lines: list[str], i: int) -> list[int]:
    """The page number(s) printed with the running header at i: the nearest line before
    and the nearest after when they are lone numbers; when both are, and differ, only the
    one after (the one before may be the last cell of a table).  A number printed twice
    ("4" / header / "4") is removed twice."""
    near = [j for j in _near(lines, i, 1)]
    before = [j for j in near if j < i and _PAGE_NUMBER.match(lines[j].strip())]
    after = [j for j in near if j > i and _PAGE_NUMBER.match(lines[j].strip())]
    if before and after and lines[before[0]].strip() != lines[after[0]].strip():
        return after
    out = before + after
    # The second print of the same number just after: "4" / header / "4".
    if before and not after:
        nxt = [j for j in _near(lines, i, 1) if j > i]
        if nxt and lines[nxt[0]].strip() == lines[before[0]].strip():
            out.append(nxt[0])
    return out


# --------------------------------------------------------------------------- site frame
# A legal-database page wraps the document: a copyright notice, "Đang tải văn bản...",
# the portal's metadata table (Số hiệu, Loại văn bản, Nơi ban hành, Người ký, Ngày ban
# hành…), an editorial summary, then the document itself; after it, the site's trailer
# (the title again, "Văn bản này chưa cập nhật nội dung Tiếng Anh", related documents,
# comparison help, contact box, notices to members).  The document is found by its own
# header (the issuing body beside the Quốc hiệu), the frame by the portal's table and the
# trailer's markers.

# Labels of a portal's metadata table ("Số hiệu:", "Loại văn bản:"…): corpus.lexicon.
_PORTAL_LABEL = re.compile(r"(?<![\w])(" + "|".join(sorted(PORTAL_FIELDS, key=len, reverse=True)) + r")\s*:")
# The Party's motto stands where the Quốc hiệu does in a Party organ's header.
_PARTY_MOTTO = "dang cong san viet nam"


# Markers of a site's trailer after the document (whole lines, match_key form).
_TRAILER_MARKERS = re.compile(
    r"^(van ban nay chua cap nhat noi dung tieng anh|van ban lien quan|noi dung sua doi, huong dan|"
    r"file duoc dinh kem theo van ban|file attached to document|cam on da dung \S+|"
    r"click vao phan boi vang de xem chi tiet\.?)$"
)
# A publisher's colophon after the last page: "VĂN PHÒNG CHÍNH PHỦ XUẤT BẢN" then contacts.
_COLOPHON = re.compile(r"^[a-z ,.\-]{3,80} xuat ban$")
_CONTACT_LABEL = re.compile(r"^(dia chi|dien thoai|email|e-mail|website|fax|phat hanh|noi dung)\b")
# Gazette section headings printed above a document ("VĂN BẢN QUY PHẠM PHÁP LUẬT").
_GAZETTE_SECTION = re.compile(r"^van ban (quy pham phap luat|phap luat khac|khac)$")
_COPYRIGHT = re.compile(r"thuoc quyen so huu cua|has the copyright on|ban quyen thuoc")


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", match_key(line.strip().strip("|").strip())).strip()


def find_motto(lines: list[str], start: int = 0) -> int:
    """Index of the first line where the Quốc hiệu (or the Party motto) begins, even when
    the page broke it over several lines ("CỘNG" / "HÒA XÃ HỘI…"); -1 if none."""
    for i in range(start, len(lines)):
        key = _key(lines[i])
        if not key or not ("cong" in key or "dang" in key):
            continue
        joined, j = key, i + 1
        while len(joined) < 40 and j < len(lines) and j - i <= 6:
            nxt = _key(lines[j])
            if nxt:
                joined += " " + nxt
            j += 1
        if QUOC_HIEU_KEY.match(joined) or joined.startswith(_PARTY_MOTTO):
            return i
    return -1


def _is_header_line(line: str) -> bool:
    """A line of a header's issuing-body column: capitals, a rule, "Số: …", a cell bar."""
    s = line.strip().strip("|").strip()
    if not s:
        return True
    key = _key(s)
    return bool(
        _SEPARATOR_ONLY.match(s) or re.match(r"^[-_=–—.~*\s]{3,}$", s) or key.startswith("so:") or key.startswith("so :")
        or (is_caps_line(s) and not _PORTAL_LABEL.search(key) and not re.search(r"\d", s))
    )


def header_start(lines: list[str], motto: int) -> int:
    """First line of the header block that holds the motto at ``motto``: the issuing-body
    lines printed before it (capitals, rules, "Số:"), at most ten of them."""
    start, seen = motto, 0
    j = motto - 1
    while j >= 0 and seen < 10 and _is_header_line(lines[j]):
        if lines[j].strip().strip("|").strip():
            seen += 1
            start = j
        j -= 1
    return start


def portal_table_span(lines: list[str], limit: int | None = None) -> tuple[int, int]:
    """(first, last) line of a portal metadata table, (-1, -1) if none.

    The table is 3+ distinct labels ("Số hiệu:", "Loại văn bản:", "Người ký:"…) whose
    values follow on the same or the next lines; it ends at the value of its last label.
    """
    hits = []
    for i, line in enumerate(lines[: limit if limit is not None else len(lines)]):
        key = _key(line)
        found = _PORTAL_LABEL.findall(key)
        if found and _PORTAL_LABEL.match(key):
            hits.append((i, found))
    if len({label for _, labels in hits for label in labels}) < 3:
        return -1, -1
    # Keep the first cluster: labels no more than 8 lines apart.
    first, last = hits[0][0], hits[0][0]
    for i, _ in hits[1:]:
        if i - last > 8:
            break
        last = i
    # The last label's value: the next non-bar line when the label line holds no value.
    label_key = _key(lines[last])
    if not re.sub(_PORTAL_LABEL, "", label_key).strip(" |:"):
        j = last + 1
        while j < len(lines) and not lines[j].strip().strip("|").strip():
            j += 1
        last = min(j, len(lines) - 1)
    return first, last


def extract_portal_table(raw: str) -> dict[str, str]:
    """The portal's metadata table of a legal-database page, {label as printed: value}.

    ``{"Số hiệu": "08/2025/NQ-CP", "Loại văn bản": "Nghị quyết", "Nơi ban hành": "Chính phủ",
    "Người ký": "Hồ Đức Phớc", "Ngày ban hành": "26/11/2025", …}``; empty when the page has
    none.  The cleaned text no longer holds the table (it is site matter, not the
    document); metadata extraction may use it as a cross-check.
    """
    lines = [line.strip() for line in strip_markdown(normalize_characters(raw)).split("\n")]
    motto = find_motto(lines)
    first, last = portal_table_span(lines, motto if motto >= 0 else None)
    if first < 0:
        return {}
    flat = " | ".join(line for line in lines[first : last + 1] if line.strip())
    out: dict[str, str] = {}
    key_text = match_key(flat)
    matches = list(_PORTAL_LABEL.finditer(key_text))
    for m, nxt in zip(matches, matches[1:] + [None]):
        label = flat[m.start() : m.end()].rstrip(": ").strip()
        value = flat[m.end() : nxt.start() if nxt else len(flat)]
        value = " ".join(value.replace("|", " ").split()).strip(" :")
        if value and label not in out:
            out[nfc(label)] = nfc(value)
    return out


def _trailer_start(lines: list[str], body_start: int) -> int:
    """First line of a site trailer or publisher's colophon after ``body_start``; -1 if none.

    A trailer marker counts when another marker follows it, or it is the site's own
    "Văn bản này chưa cập nhật…" notice; the title line the site repeats just before it
    ("Công văn 5330/CT-CS năm 2025 về … do Cục Thuế ban hành") goes with it.
    """
    keys = [_key(line) for line in lines]

    def marker(i: int) -> bool:  # a marker may be broken over two lines ("FILE ĐƯỢC ĐÍNH" / "KÈM THEO…")
        if _TRAILER_MARKERS.match(keys[i]):
            return True
        nxt = next((keys[j] for j in range(i + 1, min(len(keys), i + 3)) if keys[j]), "")
        return bool(keys[i] and nxt and _TRAILER_MARKERS.match(keys[i] + " " + nxt))

    markers = [i for i in range(body_start, len(lines)) if marker(i)]
    cut = -1
    for n, i in enumerate(markers):
        if keys[i].startswith("van ban nay chua cap nhat") or n + 1 < len(markers):
            cut = i
            break
    for i in range(body_start, len(lines) if cut < 0 else cut):
        if _COLOPHON.match(keys[i]) and any(_CONTACT_LABEL.match(keys[j]) for j in range(i + 1, min(len(lines), i + 6))):
            cut = i
            break
    if cut < 0:
        return -1
    j = cut - 1
    while j > body_start and (not keys[j] or _TITLE_TRAILER.match(keys[j]) or _SITE_TITLE.match(keys[j])):
        if keys[j]:
            cut = j
        j -= 1
    return cut


def cut_site_frame(lines: list[str]) -> list[str]:
    """Drop a portal's frame (before the portal table … the document's header) and a site
    trailer or colophon after the document; gazette section headings above the header."""
    motto = find_motto(lines)
    table_first, table_last = portal_table_span(lines, motto if motto >= 0 else None)
    start = 0
    if motto >= 0:
        head = header_start(lines, motto)
        if table_first >= 0 and table_last < head:
            # Copyright, loader, table and editorial summary: all site matter — unless the
            # gap holds the document's own text (the motto found was an appendix form's).
            gap = lines[table_last + 1 : head]
            own = any(_key(line).startswith("noi nhan") or is_signing_line(line) for line in gap)
            start = table_last + 1 if own else head
        elif table_first < 0:
            # Before the header, only gazette section headings and chrome may be dropped.
            prefix = [i for i in range(head) if lines[i].strip().strip("|").strip()]
            if prefix and all(_GAZETTE_SECTION.match(_key(lines[i])) or is_boilerplate_line(lines[i]) for i in prefix):
                start = head
        # A gazette section heading heading the issuing-body column.
        while start < motto and (not lines[start].strip() or _GAZETTE_SECTION.match(_key(lines[start]))):
            start += 1
    elif table_first >= 0:
        start = table_last + 1
    end = _trailer_start(lines, max(start, motto))
    return lines[start : end if end >= 0 else len(lines)]


# --------------------------------------------------------------------------- rules

def _neighbours(lines: list[str], keep: list[bool], i: int) -> list[int]:
    """Nearest non-blank lines before and after i, whether kept or not."""
    out = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].strip():
            j += step
        if 0 <= j < len(lines):
            out.append(j)
    return out


def _mark_repeated_near_chrome(lines, keep, chrome, protected) -> None:
    """Lines repeated 3+ times that mostly touch chrome are chrome too (a banner repeated 5×).

    "Mostly" (at least half of the occurrences, and two of them): a table cell repeated in
    every row touches chrome only once, at the table's edge, and must stay.
    """
    counts: dict[str, int] = {}
    for line in lines:
        s = line.strip()
        if s:
            counts[s] = counts.get(s, 0) + 1
    repeated = {s for s, c in counts.items() if c >= 3}
    changed = True
    while changed:
        changed = False
        touching: dict[str, int] = {}
        for i, line in enumerate(lines):
            s = line.strip()
            if s in repeated and keep[i] and not protected[i]:
                if any(chrome[j] for j in _neighbours(lines, keep, i)):
                    touching[s] = touching.get(s, 0) + 1
        guilty = {s for s, n in touching.items() if n >= 2 and 2 * n >= counts[s]}
        for i, line in enumerate(lines):
            if line.strip() in guilty and keep[i] and not protected[i]:
                keep[i] = False
                chrome[i] = True
                changed = True


def _mark_lone_numbers_near_chrome(lines, keep, chrome, protected) -> None:
    """Counters and phone numbers left alone next to chrome ("Share / 0", "36")."""
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if keep[i] and not protected[i] and is_lone_number(line):
                if any(chrome[j] for j in _neighbours(lines, keep, i)):
                    keep[i] = False
                    chrome[i] = True
                    changed = True


def _mark_link_list_after_heading(lines, keep, chrome) -> None:
    """After a "Liên kết…" heading, a run of 4+ short unpunctuated lines is a link list."""
    for i, line in enumerate(lines):
        if not chrome[i] or not match_key(line.strip()).startswith("lien ket"):
            continue
        run = []
        for j in range(i + 1, len(lines)):
            s = lines[j].strip()
            if not s:
                continue
            if is_body_like(s) or _SENTENCE_END.search(s) or len(words(s)) > 8:
                break
            run.append(j)
        if len(run) >= 4:
            for j in run:
                keep[j] = False
                chrome[j] = True


def _mark_menu_runs(lines, keep, chrome, protected) -> None:
    """3+ consecutive lines that are all menu entries or chrome, with some chrome: a menu."""
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 3 and any(chrome[j] for j in run):
            for j in run:
                keep[j] = False
                chrome[j] = True
        run.clear()

    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        menu_like = chrome[i] or (
            not protected[i] and len(s) <= 40 and is_menu_word(re.sub(r"\s+", " ", match_key(s)))
        )
        if menu_like:
            run.append(i)
        else:
            flush()
    flush()


def _mark_trailing_block(lines, keep, chrome, protected, sig_first, sig_last) -> None:
    """Remove the site block after the document's end, when that block holds chrome.

    The end is the last of: a sentence-like line, a table line, the signer's name, "./.".
    What follows it is by construction short non-sentence lines (an author byline,
    "Tin mới", counters); they are dropped only if chrome was found among them.
    """
    end = -1
    for i, line in enumerate(lines):
        if not keep[i] or not line.strip():
            continue
        if protected[i] or _END_OF_TEXT.search(line) or (is_body_like(line) and not is_footer_label(line)):
            end = i
    end = max(end, sig_last, closing_block_end(lines, keep))
    if end < 0:
        return
    tail = range(end + 1, len(lines))
    if any(chrome[i] for i in tail):
        for i in tail:
            keep[i] = False


def _mark_title_trailer(lines, keep, chrome, sig_first) -> None:
    if sig_first < 0:
        return
    for i in range(sig_first + 1, len(lines)):
        if keep[i] and _TITLE_TRAILER.match(match_key(lines[i].strip())):
            keep[i] = False
            chrome[i] = True


def _mark_head_slogan(lines, keep, chrome) -> None:
    """A quoted all-caps slogan among the first lines of the page, before the content."""
    seen = 0
    for i, line in enumerate(lines):
        if not keep[i] or not line.strip():
            continue
        seen += 1
        if seen > 3:
            return
        if is_quoted_slogan(line):
            keep[i] = False
            chrome[i] = True


def _unmark_sentence_continuations(lines, keep, chrome) -> None:
    """A lower-case line that carries on an unfinished sentence of the text is not chrome
    ("… theo các địa chỉ" / "email:" / "haptd@…"), whatever words it holds."""
    previous = -1
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if chrome[i] and s[0].islower() and previous >= 0 and not chrome[previous]:
            before = lines[previous].strip()
            running = len(words(before)) >= 3 or before[0].islower()  # text, not a menu label
            if running and not _SENTENCE_END.search(before):
                keep[i] = True
                chrome[i] = False
        previous = i


def remove_boilerplate(lines: list[str]) -> list[str]:
    """Drop website chrome lines; the rules are documented on each _mark_* helper."""
    keep = [True] * len(lines)
    chrome = [False] * len(lines)  # removed as chrome: evidence for neighbouring rules

    spans = find_table_spans(lines)
    protected = [any(a <= i <= b for a, b in spans) for i in range(len(lines))]

    for i, line in enumerate(lines):
        # Table cells are exempt: "Nội dung", "Liên hệ" can be column headers.
        if not protected[i] and (is_boilerplate_line(line) or is_glued_link_list(line)):
            keep[i] = False
            chrome[i] = True
    _unmark_sentence_continuations(lines, keep, chrome)

    _mark_link_list_after_heading(lines, keep, chrome)
    _mark_menu_runs(lines, keep, chrome, protected)
    _mark_repeated_near_chrome(lines, keep, chrome, protected)
    _mark_lone_numbers_near_chrome(lines, keep, chrome, protected)
    sig_first, sig_last = signature_end(lines, keep)
    _mark_title_trailer(lines, keep, chrome, sig_first)
    _mark_trailing_block(lines, keep, chrome, protected, sig_first, sig_last)
    _mark_head_slogan(lines, keep, chrome)
    return [line for line, k in zip(lines, keep) if k]


# --------------------------------------------------------------------------- whitespace

def tidy_whitespace(lines: list[str]) -> str:
    """Collapse inner spaces, strip line ends, at most one blank line in a row."""
    out: list[str] = []
    for line in lines:
        line = re.sub(r" {2,}", " ", line).strip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""


# --------------------------------------------------------------------------- entry point

def clean_text(raw: str) -> str:
    """Cleaned text of a scraped document: NFC, no chrome, no markdown emphasis, tidy."""
    text = strip_markdown(normalize_characters(raw))
    # Lines holding only a table-cell bar ("|", from a flattened Markdown table) carry nothing.
    lines = [line.strip() for line in text.split("\n") if not _CELL_BAR.match(line)]
    lines = remove_page_furniture(lines)
    lines = cut_site_frame(lines)
    lines = remove_boilerplate(lines)
    return nfc(tidy_whitespace(lines))
