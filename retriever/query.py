"""Query understanding: abbreviations both ways, act numbers, length limits.

>>> analysis = analyze_query("Tỷ lệ tham gia BHYT mục tiêu năm 2030?")
>>> analysis.expansions
['bảo hiểm y tế']
>>> analyze_query("so nao chu tri y te truong hoc").accentless
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.errors import UserError
from corpus.vietnamese import has_diacritics, match_key, nfc, tone_key

# Long enough for any real question; a pasted 10,000-word text is cut here (and the
# model would truncate at 512 tokens anyway).
MAX_QUERY_CHARS = 1500

# Abbreviation ↔ expansion, as written in Vietnamese administrative text.
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "TTYT": "Trung tâm Y tế",
    "YTCS": "y tế cơ sở",
    "TYT": "trạm y tế",
    "Sở GD&ĐT": "Sở Giáo dục và Đào tạo",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "Sở TT&TT": "Sở Thông tin và Truyền thông",
    "TT&TT": "Thông tin và Truyền thông",
    "Sở KH&ĐT": "Sở Kế hoạch và Đầu tư",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "LĐTB&XH": "Lao động - Thương binh và Xã hội",
    "MTTQ": "Mặt trận Tổ quốc",
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "TPHCM": "Thành phố Hồ Chí Minh",
    "TP": "thành phố",
    "BYT": "Bộ Y tế",
    "PTTg": "Phó Thủ tướng",
    "TTg": "Thủ tướng",
    "KCB": "khám bệnh, chữa bệnh",
    "ATTP": "an toàn thực phẩm",
    "ATVSTP": "an toàn vệ sinh thực phẩm",
    "CSSK": "chăm sóc sức khỏe",
    "CSSKBĐ": "chăm sóc sức khỏe ban đầu",
    "CNTT": "công nghệ thông tin",
    "BCH": "Ban chấp hành",
    "PCT": "Phó Chủ tịch",
    "BVĐK": "Bệnh viện Đa khoa",
    "KHHGĐ": "kế hoạch hóa gia đình",
    "TW": "Trung ương",
    # fields of the ministries and departments of the 2025 reorganisation, and words every administrative text abbreviates
    "NN&MT": "Nông nghiệp và Môi trường",
    "KH&CN": "Khoa học và Công nghệ",
    "TN&MT": "Tài nguyên và Môi trường",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "TTHC": "thủ tục hành chính",
    "VBHN": "văn bản hợp nhất",
    "MTQG": "mục tiêu quốc gia",
    "KCN": "khu công nghiệp",
}


def _typed_key(abbr: str) -> str:
    """The pattern of an abbreviation's match_key, its "&" optional and its "." a space or nothing: documents and
    users alike write "KHCN", "NNMT", "GDĐT" for "KH&CN", "NN&MT", "GD&ĐT", and "TP HCM" for "TP.HCM" (w103)."""
    return re.escape(match_key(abbr)).replace(r"\&", "&?").replace(r"\.", "[. ]?")


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w&])" + _typed_key(phrase) + r"(?![\w&])")


# Both directions are matched on accent-less lower-case keys, so "bhyt" and
# "bao hiem y te" are recognised as well as "BHYT" and "bảo hiểm y tế".
_ABBREVIATION_PATTERNS = [
    (abbr, full, _phrase_pattern(abbr), _phrase_pattern(full)) for abbr, full in ABBREVIATIONS.items()
]


# An act number typed or pasted with spaces around its separators ("25- CT/TW", "72/ 2024/NĐ - CP",
# "1093 /QĐ-UBND"): the number, an optional year, then codes.  A code is upper case ("CT", "NĐ", "TTg"), so
# "Điều 5 - Quy định" or a range "2021 - 2025" is left alone; in lower-case (accent-less) text a number
# needs two codes ("25- ct/tw", "72/2024/nd- cp").
_CODE = r"[A-ZĐ][A-ZĐ]+[a-z]?"
_SPACED_ACT = re.compile(rf"(?<![\w/.,-])\d+(?:\s*/\s*\d{{4}})?(?:\s*[-/]\s*{_CODE})+(?![\w])")
_SPACED_ACT_LOWER = re.compile(r"(?<![\w/.,-])\d+(?:\s*/\s*\d{4})?(?:\s*[-/]\s*[a-zđ]{2,5}){2,}(?![\w])")


def normalize_act_numbers(text: str) -> str:
    """Act numbers written without spaces inside: "Chỉ thị 25- CT/TW" → "Chỉ thị 25-CT/TW".

    >>> normalize_act_numbers("Nghị định 72/ 2024/NĐ - CP và Chỉ thị 25- CT/TW, Điều 5 - Quy định, 2021 - 2025")
    'Nghị định 72/2024/NĐ-CP và Chỉ thị 25-CT/TW, Điều 5 - Quy định, 2021 - 2025'
    >>> normalize_act_numbers("chi thi 25- ct/tw va nghi dinh 72 /2024/ nd-cp")
    'chi thi 25-ct/tw va nghi dinh 72/2024/nd-cp'
    """
    if "/" not in text and "-" not in text:
        return text

    def joined(match: re.Match[str]) -> str:
        return re.sub(r"\s+", "", match.group(0))

    return _SPACED_ACT_LOWER.sub(joined, _SPACED_ACT.sub(joined, text))


# Abbreviation (match_key) → its expansion (match_key), for reading a question's words; an act number's codes
# ("1093/QĐ-UBND", "25-CT/TW") are never spelt out.
_SPELL_OUT = [(re.compile(r"(?<![\w&/.-])" + _typed_key(abbr) + r"(?![\w&/-])"), match_key(full), match_key(abbr))
              for abbr, full in sorted(ABBREVIATIONS.items(), key=lambda item: -len(item[0]))]
# … and, for ``keep``, the expansion itself (an abbreviation of three letters or more: "TP" is too short to add).
_ABBREVIATE = [(re.compile(r"(?<![\w&/.-])" + re.escape(full) + r"(?![\w&/-])"), full, abbr)
               for _, full, abbr in _SPELL_OUT if len(abbr.replace("&", "")) > 2]


def spell_out_abbreviations(key: str, keep: bool = False) -> str:
    """A match_key text with its abbreviations written out, so "bao nhiêu TYT" reads as "bao nhiêu trạm y tế".

    >>> spell_out_abbreviations("bao nhieu tyt phuong duoc ttyt quan chi dao theo 1093/qd-ubnd")
    'bao nhieu tram y te phuong duoc trung tam y te quan chi dao theo 1093/qd-ubnd'
    >>> spell_out_abbreviations("can cu quyet dinh nao cua byt", keep=True)  # both spellings, for codes printed
    'can cu quyet dinh nao cua bo y te byt'
    >>> spell_out_abbreviations("can cu quyet dinh nao cua bo y te", keep=True)  # whichever was typed
    'can cu quyet dinh nao cua bo y te byt'
    """
    if not keep:
        for pattern, full, _ in _SPELL_OUT:
            key = pattern.sub(full, key)
        return key
    # both spellings, whichever was typed: one pass of marked spans, so nothing is rewritten twice
    spans: list[tuple[int, int, str]] = []
    for pattern, full, abbr in [*_SPELL_OUT, *_ABBREVIATE]:
        for match in pattern.finditer(key):
            if not any(start < match.end() and match.start() < end for start, end, _ in spans):
                spans.append((match.start(), match.end(), f"{full} {abbr}"))
    for start, end, both in sorted(spans, reverse=True):
        key = key[:start] + both + key[end:]
    return key


# ---------------------------------------------------------------- question words (cues, not content)
# What a question asks is told by its question words: "bao nhiêu" asks a figure, "cơ quan nào" a body,
# "từ ngày nào" a date. Those words are cues, not content a passage should share: "nào", "gì", "bao
# nhiêu" printed in a passage say nothing of its relevance. Written with accents (tone_key, lower case);
# an accent-less question is read by the same phrases stripped (match_key), where "mấy"/"máy" and
# "đâu"/"đầu" fall together, so those two count as cues only when typed with accents.
# "ai ký", "người ký" and "số hiệu" ask who signed a document and what its number is: no passage prints them as
# content (a signature block prints the signer's title and name, "KT. CHỦ TỊCH", a document's opening "Số:
# 542/KH-UBND"), so they say no more of a passage's relevance than "nào" does.
_QUESTION_WORDS = ("bao nhiêu", "bao lâu", "bao giờ", "nào", "gì", "mấy", "ai", "đâu", "ra sao", "thế nào",
                   "hay không", "ai ký", "người ký", "số hiệu")
_AMBIGUOUS_ACCENTLESS = frozenset({"mấy", "đâu"})
# The kind of passage each cue asks for; `retriever.search` matches them against what a passage prints
# (``passage_types``). Weights are fitted (FusionSettings.type_weights), not set here.
_ASKED_TYPES: dict[str, tuple[str, ...]] = {
    "date": ("ngày nào", "khi nào", "bao giờ", "lúc nào", "tháng nào", "năm nào", "quý nào", "thời điểm nào",
             "thời gian nào", "trước ngày", "hạn chót", "từ ngày nào"),
    # "thời hạn … bao lâu" asks a duration ("20 ngày"), a figure, not a date
    "number": ("bao nhiêu", "bao lâu", "mấy", "tỷ lệ", "tỉ lệ", "số lượng", "phần trăm", "mức"),
    "agency": ("cơ quan nào", "đơn vị nào", "bộ nào", "sở nào", "phòng nào", "cục nào", "ban nào", "ngành nào",
               "tổ chức nào", "ai", "những bộ", "những cơ quan", "những đơn vị", "các bộ", "cấp nào", "chủ trì"),
    "act": ("văn bản nào", "quyết định nào", "nghị định nào", "thông tư nào", "nghị quyết nào", "công văn nào",
            "công điện nào", "chỉ thị nào", "luật nào", "điều nào", "khoản nào", "căn cứ", "số hiệu"),
    "effect": ("hiệu lực", "áp dụng từ", "thi hành"),
    # a blank form (its fill-in dots) answers only a question about a form ("mẫu", "tờ khai", "phiếu")
    "form": ("mẫu", "biểu mẫu", "tờ khai", "phiếu"),
}


def _phrases(phrases, accented: bool) -> re.Pattern[str]:
    keys = [tone_key(p) if accented else match_key(p) for p in phrases
            if accented or p not in _AMBIGUOUS_ACCENTLESS]
    return re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, keys), key=len, reverse=True)) + r")(?!\w)")


_CUE_PATTERNS = {accented: _phrases(_QUESTION_WORDS, accented) for accented in (True, False)}
# Phrases that print a cue's words without asking for that kind: "căn cứ" is the legal basis a question asks
# for ("căn cứ nghị định nào", "căn cứ vào quy định nào"), but "có căn cứ" / "làm căn cứ" is the noun "grounds" of a
# decision ("chậm nhất bao lâu sau khi có căn cứ", "dùng kết quả đánh giá làm căn cứ xếp loại", "(làm căn cứ đề
# xuất biên chế) vào ngày nào"): the question asks a figure, a body or a date, not an act.
_NOT_ASKED: dict[str, tuple[str, ...]] = {"act": ("có căn cứ", "làm căn cứ")}
_STILL_ASKED_AFTER = re.compile(r"\s*(phap ly|nao|vao|gi)\b")
_NOT_ASKED_PATTERNS = {accented: {kind: _phrases(phrases, accented) for kind, phrases in _NOT_ASKED.items()}
                       for accented in (True, False)}
_TYPE_PATTERNS = {accented: {kind: _phrases(phrases, accented) for kind, phrases in _ASKED_TYPES.items()}
                  for accented in (True, False)}


@dataclass(frozen=True)
class QuestionCues:
    asks: frozenset[str]  # kinds of passage asked for: date, number, agency, act, effect, form
    words: frozenset[str]  # syllables (match_key) read only as question words, never as content


def question_cues(text: str) -> QuestionCues:
    """What the question asks for, and which of its syllables are question words only.

    >>> cues = question_cues("Quyết định này có hiệu lực từ ngày nào?")
    >>> sorted(cues.asks), sorted(cues.words)
    (['date', 'effect'], ['nao'])
    >>> sorted(question_cues("Sở nào chủ trì, bố trí bao nhiêu máy móc?").asks)
    ['agency', 'number']
    >>> sorted(question_cues("may moc thiet bi duoc cap tu dau").words)  # accent-less "máy", "đầu": not cues
    []
    """
    accented = has_diacritics(text)
    key = tone_key(text) if accented else match_key(text)
    asks = frozenset(kind for kind, pattern in _TYPE_PATTERNS[accented].items() if pattern.search(_unasked(key, kind, accented)))
    cue_spans = [m.span() for m in _CUE_PATTERNS[accented].finditer(key)]
    cue = {s for start, end in cue_spans for s in re.findall(r"\w+", match_key(key[start:end]))}
    # a syllable that is also a content word elsewhere in the question ("ai" in "ai ký", "giai đoạn") stays
    outside = "".join(key[i] if not any(a <= i < b for a, b in cue_spans) else " " for i in range(len(key)))
    content = set(re.findall(r"\w+", match_key(outside)))
    return QuestionCues(asks, frozenset(cue - content))


def _unasked(key: str, kind: str, accented: bool) -> str:
    """The question (its match form `key`) with the phrases that print `kind`'s cue words without asking for it
    blanked out (``_NOT_ASKED``)."""
    pattern = _NOT_ASKED_PATTERNS[accented].get(kind)
    if pattern is None:
        return key

    def blank(match: re.Match[str]) -> str:
        # "có căn cứ pháp lý nào", "làm căn cứ vào …": the legal basis asked after all
        asked_after = _STILL_ASKED_AFTER.match(match_key(key[match.end():]))
        return match.group() if asked_after else " " * len(match.group())

    return pattern.sub(blank, key)


# Syllables that join the words of a phrase and name nothing (the copula, the possessive, "và", the plural marker,
# "cho", "theo", "với"), spelt the same without accents as no content word of administrative text is.
JOINING_WORDS = frozenset({"la", "cua", "va", "cac", "cho", "theo", "voi"})


def content_tokens(tokens: list[str], cue_words: frozenset[str]) -> list[str]:
    """The BM25 tokens of a query without those made of its question words (syllables, bigrams, compounds).

    >>> content_tokens(["tu", "ngay", "nao", "tu_ngay", "ngay_nao", "~nào", "~ngày"], frozenset({"nao"}))
    ['tu', 'ngay', 'tu_ngay', '~ngày']
    """
    if not cue_words:
        return list(tokens)
    return [t for t in tokens if not cue_words.intersection(match_key(t.lstrip("~")).split("_"))]


@dataclass
class QueryAnalysis:
    text: str  # NFC, trimmed, truncated
    accentless: bool
    expansions: list[str] = field(default_factory=list)
    truncated: bool = False
    cues: QuestionCues = QuestionCues(frozenset(), frozenset())

    @property
    def expanded(self) -> str:
        """Query text with expansions appended — what both indexes see."""
        return self.text if not self.expansions else f"{self.text} ({'; '.join(self.expansions)})"


def analyze_query(query: str) -> QueryAnalysis:
    text = normalize_act_numbers(" ".join(nfc(query or "").split()))
    if not text:
        raise UserError("Câu hỏi trống: hãy nhập nội dung cần tìm (empty query).")
    truncated = len(text) > MAX_QUERY_CHARS
    if truncated:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    key = match_key(text)
    expansions: list[str] = []
    for abbr, full, abbr_pattern, full_pattern in _ABBREVIATION_PATTERNS:
        if abbr_pattern.search(key) and not full_pattern.search(key):
            expansions.append(full)
        elif full_pattern.search(key) and not abbr_pattern.search(key) and len(abbr) > 2:
            expansions.append(abbr)
    analysis = QueryAnalysis(text, not has_diacritics(text), _dedupe(expansions), truncated)
    analysis.cues = question_cues(analysis.expanded)  # an expansion's words ("bảo hiểm y tế") are content
    return analysis


def _dedupe(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if match_key(item) not in seen:
            seen.add(match_key(item))
            out.append(item)
    return out
