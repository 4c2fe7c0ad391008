"""How a clerk tells which figure or date of a sentence answers: the words that govern it.

A sentence often prints several figures or dates ("64 đơn vị hành chính cấp xã, gồm 55 xã và 09 phường";
"báo cáo hàng tuần trước 15:00 ngày thứ Sáu … ; báo cáo Thủ tướng Chính phủ vào 15:00 ngày Chủ nhật").
The one that answers is the one whose surroundings match the question:

* the **predicate** the question puts before its wh-word ("báo cáo Thủ tướng vào lúc nào": "báo cáo Thủ
  tướng") printed right before the figure, in its own clause (:func:`predicate_fit`);
* the **measure** the question asks ("nặng trên bao nhiêu": a mass in tấn/kg, never a length in m;
  "gấp mấy lần": a multiplier) (:func:`asked_family`, :func:`printed_family`);
* the **counted noun** ("bao nhiêu cán bộ, công chức": people, printed "64 người/xã") (:func:`counted_noun`);
* a **total** against its **parts** ("64 …, gồm 55 xã và 09 phường"; "4,5% …, trong đó … đóng 03%, người lao
  động đóng 1,5%"): "tổng cộng" and a question naming every part's noun ask the total; a question naming one
  part's label (a party, a company) asks that part (:func:`total_fit`);
* the payer a question means by "tự bỏ ra / tự đóng" (the person insured: "người lao động đóng 1,5%")
  (:func:`self_payer_fit`).

Everything here reads ``match_key`` text (no accents, lower case) of the question and printed text of the
document; nothing is specific to one document.
"""

from __future__ import annotations

import re

from corpus import lexicon as L
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.question import QuestionAnalysis
from retriever.qa.scoring import syllables

_WH = re.compile(r"\b(?:bao nhieu|bao lau|bao gio|may|nao|gi)\b")
_CLAUSE_END = re.compile(r"[;.](?:\s|$)|\n\s*\n|\(|\)")  # not ":" — "Viettel: 26 trạm" is the label's
_ASIDE = re.compile(r"\([^()]*\)")
_FILLERS = frozenset(V.FIGURE_PREDICATE_FILLERS.split())


def predicate(question: QuestionAnalysis, weights: dict[str, float]) -> tuple[str, ...]:
    """The question's content words right before its wh-word (at most four): what the answer is printed after.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Văn phòng Chính phủ báo cáo Thủ tướng vào lúc nào hằng tuần?")
    >>> predicate(q, {"cao": 1.0, "thu": 1.0, "tuong": 1.0, "van": 1.0, "phong": 1.0})
    ('cao', 'thu', 'tuong')
    >>> predicate(analyze_question("Kiểm tra ở Thành phố Hồ Chí Minh làm vào thời gian nào?"), {"minh": 1.0, "chi": 1.0})
    ()
    """
    match = _WH.search(question.key)
    if not match:
        return ()
    words = question.key[:match.start()].split()
    while words and words[-1] in _FILLERS:
        words.pop()
    found: list[str] = []
    for word in reversed(words[-6:]):
        if word in _FILLERS and found:
            break
        if word in V.STOPWORDS and word not in ("bao", "ra"):  # a plain verb or preposition ("làm", "ở"): what
            break  # precedes it is the subject or a place, not the predicate ("báo", "ra" open verbs: "báo cáo")
        if word in weights and word not in found:
            found.insert(0, word)
        if len(found) == 4:
            break
    return tuple(found)


def clause_before(body: str, at: int, reach: int = 70) -> str:
    """The text of the figure's own clause before ``at`` (from the last ";", sentence end or open bracket; a closed
    aside in brackets is read through), at most ``reach`` characters.

    >>> clause_before("a; báo cáo Thủ tướng (qua Bộ Nội vụ) vào 15:00", 41)
    'báo cáo Thủ tướng (qua Bộ Nội vụ) vào '
    """
    start = max(0, at - reach)
    window = _ASIDE.sub(lambda m: " " * len(m.group(0)), body[start:at])  # "(qua Bộ Nội vụ)": an aside, no boundary
    cut = 0
    for boundary in _CLAUSE_END.finditer(window):
        cut = boundary.end()
    return body[start + cut:at]


def predicate_fit(question: QuestionAnalysis, weights: dict[str, float], body: str, at: int,
                  lead: str = "") -> float:
    """IDF-weighted share (0…1) of the question's predicate words printed in the figure's own clause before it.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Văn phòng Chính phủ báo cáo Thủ tướng vào lúc nào hằng tuần?")
    >>> w = {"cao": 1.0, "thu": 2.0, "tuong": 2.0, "van": 1.0, "phong": 1.0}
    >>> body = "mẫu báo cáo hàng tuần trước 15:00 ngày thứ Sáu; báo cáo Thủ tướng vào 15:00 ngày Chủ nhật"
    >>> predicate_fit(q, w, body, body.index("15:00")), predicate_fit(q, w, body, body.rindex("15:00"))
    (0.2, 1.0)
    """
    words = predicate(question, weights)
    if not words:
        return 0.0
    before = without_previous_qualifier(body, at - len(clause_before(body, at)), at)  # "10% … đối với … sơ cấp và
    # … 5%": the case after the 10 % is the 10 %'s
    if lead and len(before) == at:  # the figure's clause opens the unit: a wrapped sentence's start reads with it
        before = clause_before(lead, len(lead)) + before
    printed = set(syllables(before))
    total = sum(weights[w] for w in words)
    return sum(weights[w] for w in words if w in printed) / total if total else 0.0


# ---------------------------------------------------------------- measures
_ASKED = tuple((family, re.compile(cue)) for family, cue in V.ASKED_MEASURE)
_PRINTED = tuple((family, re.compile(r"\s*(?:" + pattern + r")(?![\w²³])", re.IGNORECASE))
                 for family, pattern in V.PRINTED_MEASURE)


def asked_family(question: QuestionAnalysis) -> str:
    """The measure the question asks: "mass", "length", "area", "volume", "multiplier" or "".

    >>> from retriever.qa.question import analyze_question
    >>> asked_family(analyze_question("hàng nặng trên bao nhiêu thì là hàng siêu trọng?"))
    'mass'
    >>> asked_family(analyze_question("mức hỗ trợ tối đa gấp mấy lần?")), asked_family(analyze_question("kéo dài bao lâu?"))
    ('multiplier', '')
    """
    return next((family for family, cue in _ASKED if cue.search(question.key)), "")


def printed_family(body: str, end: int) -> tuple[str, int]:
    """The measure printed right after a figure ending at ``end`` ("100 tấn", "> 40 m", "1,5 lần"), with where
    it ends; ("", end) when none.

    >>> printed_family("trọng lượng > 100 tấn.", 17), printed_family("dài > 40 m hoặc", 8)
    (('mass', 21), ('length', 10))
    """
    for family, pattern in _PRINTED:
        match = pattern.match(body, end)
        if match:
            return family, match.end()
    return "", end


# ---------------------------------------------------------------- counted nouns
_COUNTED = re.compile(r"\b(?:bao nhieu|may)\s+(\w+(?:\s\w+)?)")
_PEOPLE = frozenset(V.PEOPLE_NOUNS)


def counted_noun(question: QuestionAnalysis) -> tuple[str, ...]:
    """The noun counted ("bao nhiêu cán bộ, công chức" → ("can", "bo")), read even where the question's own
    reading finds none (its first syllable is also a function word: "cần").

    >>> from retriever.qa.question import analyze_question
    >>> counted_noun(analyze_question("mỗi xã bình quân có bao nhiêu cán bộ, công chức?"))
    ('can', 'bo')
    """
    if question.wanted_unit:
        return question.wanted_unit
    match = _COUNTED.search(question.key)
    if not match:
        return ()
    words = tuple(match.group(1).split())
    if " ".join(words) in _PEOPLE:
        return words
    return words[:1] if words[0] in _PEOPLE else ()  # "mấy người có bằng đại học"


def counts_people(noun: tuple[str, ...]) -> bool:
    """Whether the counted noun is people ("cán bộ", "người", "bác sĩ"): printed "64 người", "10 nhân lực"."""
    return bool(noun) and (" ".join(noun[:2]) in _PEOPLE or noun[0] in _PEOPLE)


def people_after(body: str, end: int) -> int:
    """Where a people noun printed right after a figure ends ("64 người/xã", "10 nhân lực"), else -1."""
    match = re.match(r"\s+(\w+)(?:\s+(\w+))?", body[end:end + 30])
    if not match:
        return -1
    first = match_key(match.group(1))
    pair = f"{first} {match_key(match.group(2))}" if match.group(2) else ""
    if pair in _PEOPLE:
        return end + match.end(2)
    return end + match.end(1) if first in _PEOPLE else -1


_ASKED_AFTER = re.compile(r"\b(?:bao nhieu|may)((?:\s\w+){1,6})")


def asked_words(question: QuestionAnalysis) -> tuple[str, ...]:
    """The words (at most six) the question prints after its "bao nhiêu"/"mấy" (not "máy", machine, of an accented
    question printing no "mấy").

    >>> from retriever.qa.question import analyze_question
    >>> asked_words(analyze_question("tháng lẻ từ bao nhiêu tháng trở lên thì được tính tròn?"))
    ('thang', 'tro', 'len', 'thi', 'duoc', 'tinh')
    >>> asked_words(analyze_question("tổ chức bộ máy được bao nhiêu điểm?"))
    ('diem',)
    """
    machine = not question.accentless and not re.search(r"(?i)mấy", question.text)
    at = 0
    while (match := _ASKED_AFTER.search(question.key, at)) is not None:
        if not (machine and match.group(0).startswith("may")):
            return tuple(match.group(1).split())
        at = match.start() + 1
    return ()


# A noun printed by its initials after a figure: "04 CSDL", "87 TTHC", "08 ĐKKD" (w114)
_INITIALS = re.compile(r"\s+([A-ZĐ]{2,7})(?![\w/])")
_PLAIN_WORD = re.compile(r"\s+([a-zà-ỹđ]+)(?!\w)")
# words a figure counts the time of, never a set the asked noun comes in ("15 ngày thủ tục")
_NOT_A_SET = frozenset({"ngay", "thang", "nam", "gio", "tuan", "phut", "quy", "lan", "luot"})


def counted_noun_end(question: QuestionAnalysis, body: str, end: int) -> int:
    """Where the noun the question counts ends when printed after the figure ending at ``end`` as a clerk copies it
    though not word for word: by its initials ("04 CSDL" for "bao nhiêu cơ sở dữ liệu", "87 TTHC" for "bao nhiêu
    thủ tục hành chính") or behind a word for the set it comes in ("06 danh mục thủ tục hành chính", "02 nhóm thủ
    tục", "01 bộ hồ sơ"); else -1 (w114).

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Bộ Y tế phải hoàn thành bao nhiêu cơ sở dữ liệu ngành y tế?")
    >>> body = "hoàn thành 04 CSDL ngành Y tế; 05 CNTT"
    >>> body[:counted_noun_end(q, body, 13)], counted_noun_end(q, body, body.index("05") + 2)
    ('hoàn thành 04 CSDL', -1)
    >>> q = analyze_question("Quyết định công bố bao nhiêu thủ tục hành chính mới?")
    >>> body = "công bố 06 danh mục thủ tục hành chính mới ban hành; 06 ngày thủ tục"
    >>> body[:counted_noun_end(q, body, 10)], counted_noun_end(q, body, body.index("06 ngày") + 2)
    ('công bố 06 danh mục thủ tục hành chính mới', -1)
    """
    asked = asked_words(question)
    if not asked:
        return -1
    short = _INITIALS.match(body, end)
    if short:
        letters = match_key(short.group(1))
        initials = "".join(word[0] for word in asked[:len(letters)])
        return short.end() if len(letters) <= len(asked) and letters == initials else -1
    if asked[0] in V.STOPWORDS:  # ("cơ" of "cơ sở" reads "có": spelled out, the noun is not told from a verb)
        return -1
    words, at = [], end
    while len(words) < 2 + len(asked) and (word := _PLAIN_WORD.match(body, at)):
        words.append((match_key(word.group(1)), word.end()))
        at = word.end()
    for skip in (1, 2):  # the word (or two) naming the set: "danh mục", "nhóm", "bộ"
        if any(key in V.STOPWORDS or key in _NOT_A_SET for key, _ in words[:skip]):
            break
        shown = [key for key, _ in words[skip:skip + len(asked)]]
        same = next((i for i, (a, b) in enumerate(zip(shown, asked)) if a != b), min(len(shown), len(asked)))
        if same >= min(2, len(asked)):
            while same > 0 and shown[same - 1] in V.STOPWORDS:
                same -= 1  # "thủ tục … từ": not a dangling function word
            return words[skip + same - 1][1]
    return -1


_ASKED_PHRASE = re.compile(r"\b(?:bao nhieu|may)\s+(\w+)\s+(\w+)")


def asked_phrase(question: QuestionAnalysis) -> tuple[str, ...]:
    """The two words after "bao nhiêu"/"mấy" when they name a unit of two words ("mấy ngày công"), else ().

    >>> from retriever.qa.question import analyze_question
    >>> asked_phrase(analyze_question("ít nhất được tính mấy ngày công?")), asked_phrase(analyze_question("mấy ngày?"))
    (('ngay', 'cong'), ())
    """
    match = _ASKED_PHRASE.search(question.key)
    if not match or match.group(2) in V.STOPWORDS or match.group(2) in _FILLERS:
        return ()
    return match.group(1), match.group(2)


_FIGURE = re.compile(r"(?<![\w/.,])(\d+(?:,\d+)?)(?:\s*\([^()\d]{1,12}\))?\s+")


def phrase_figures(body: str, phrase: tuple[str, ...]) -> list[tuple[int, int]]:
    """Figures printed with the asked two-word unit ("0,5 ngày công" for ("ngay", "cong")): (start, end)."""
    spans = []
    for match in _FIGURE.finditer(body):
        words = re.match(r"(\w+)\s+(\w+)", body[match.end():match.end() + 30])
        if words and (match_key(words.group(1)), match_key(words.group(2))) == tuple(phrase):
            spans.append((match.start(), match.end() + words.end()))
    return spans


_PERCENT_OF = re.compile(r"\bphan tram (\w+) (\w+)")


def percent_of_fit(question: QuestionAnalysis, body: str, end: int) -> float:
    """+ for a rate printed with the noun the question takes a share of ("bao nhiêu phần trăm doanh nghiệp Việt
    Nam": "30% doanh nghiệp Việt Nam", not "50% số nhân lực")."""
    asked = _PERCENT_OF.search(question.key)
    if not asked or asked.group(1) in V.STOPWORDS or asked.group(1) in _FILLERS:
        return 0.0
    printed = syllables(body[end:end + 30])
    if printed[:1] == ["so"]:
        printed = printed[1:]  # "50% số nhân lực"
    return 0.4 if printed[:2] == [asked.group(1), asked.group(2)] else 0.0


_RANGE_ASKED = re.compile(V.CUE_RANGE)


def asks_range(question: QuestionAnalysis) -> bool:
    """Whether the question asks a range ("trong khoảng bao nhiêu", "từ bao nhiêu đến bao nhiêu").

    >>> from retriever.qa.question import analyze_question
    >>> asks_range(analyze_question("được tự quyết tài sản có nguyên giá trong khoảng bao nhiêu?"))
    True
    >>> asks_range(analyze_question("tỷ lệ đạt khoảng bao nhiêu?"))
    False
    """
    return bool(_RANGE_ASKED.search(question.key))


_CHANGE_ASKED = re.compile(V.CUE_CHANGE_ASKED)
_CHANGE_PRINTED = re.compile(V.CHANGE_PRINTED + r"\s+(?:" + V.QUALIFIERS + r"\s+)?$", re.IGNORECASE)


def increment_fit(question: QuestionAnalysis, body: str, at: int) -> float:
    """+ for a figure printed as a change ("được tính thêm 5%", "tăng thêm 10%") when the question asks by how
    much something changes ("trợ cấp hằng tháng tăng bao nhiêu"), not the level itself ("600.000 đồng").

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Cứ thêm một năm thì trợ cấp hằng tháng tăng bao nhiêu?")
    >>> body = "được trợ cấp 600.000 đồng/tháng; sau đó cứ thêm một năm được tính thêm 5% trên mức khởi điểm"
    >>> increment_fit(q, body, body.index("600")), increment_fit(q, body, body.index("5%"))
    (0.0, 0.5)
    """
    if not _CHANGE_ASKED.search(question.key):
        return 0.0
    return 0.5 if _CHANGE_PRINTED.search(body[max(0, at - 30):at]) else 0.0


# ---------------------------------------------------------------- totals and their parts
_TOTAL_ASKED = re.compile(V.CUE_TOTAL)
_BREAKDOWN = re.compile(r"([^;.\n\d]{0,60}?)(?:,\s*|\s*\(\s*|\s+)(?:gồm|bao gồm|trong đó|Trong đó)\s*(?:có\s+)?:?\s*",
                        re.IGNORECASE)
_PART_LEAD = re.compile(r"(?:gồm|bao gồm|trong đó|Trong đó)\s*(?:có\s+)?:?\s*[^;.]*$", re.IGNORECASE)


def asks_total(question: QuestionAnalysis, noun: tuple[str, ...]) -> bool:
    """ "tổng cộng / tổng số / tất cả bao nhiêu", or two counted nouns ("bao nhiêu xã, phường")."""
    if _TOTAL_ASKED.search(question.key):
        return True
    return bool(re.search(r"\b(?:bao nhieu|may) \w+(?: \w+)? (?:va )?\w+\b", question.key)) and len(noun) >= 2 and \
        bool(re.search(rf"\b{noun[0]} (?:va )?{noun[1]}\b", question.key)) and _both_nouns(noun)


def _both_nouns(noun: tuple[str, ...]) -> bool:
    return all(word in V.COUNTABLE_KEYS for word in noun[:2])


def breakdown_after(body: str, end: int, following: str = "") -> str | None:
    """The parts a total printed at ``end`` is broken into (", gồm 55 xã và 09 phường", "(Trong đó: MobiFone: …"),
    read to the clause's end, with ``following`` (the next unit) when the parts wrap into it; else None."""
    match = _BREAKDOWN.match(body, end)
    if not match or not re.search(r"\d", body[match.end():match.end() + 40] + following[:40]):
        return None
    rest = body[match.end():]
    stop = re.search(r"[;.](?:\s|$)", rest)
    text = rest[:stop.start()] if stop else rest
    return text + (" " + following if not stop and following else "")


def total_words_end(body: str, end: int) -> int:
    """Where a total's own words end before its parts ("64 đơn vị hành chính cấp xã, gồm …": after "cấp xã")."""
    match = _BREAKDOWN.match(body, end)
    return end + len(match.group(1).rstrip()) if match else end


def part_labels(parts: str) -> set[str]:
    """The words labelling each part (at most three before its figure, after the previous one): "MobiFone: 09
    trạm, Viettel: 26 trạm" → {"mobifone", "tram", "viettel"}."""
    labels: set[str] = set()
    for match in re.finditer(r"((?:[^\W\d]+[\s:,]*){1,3})\d", parts):
        labels.update(w for w in syllables(match.group(1)) if not w.isdigit())
    return labels


def is_part(body: str, at: int) -> bool:
    """Whether the figure at ``at`` is one part of a total printed before it in its clause ("gồm 55 xã và 09 …")."""
    window = body[max(0, at - 80):at]
    lead = _PART_LEAD.search(window)
    return bool(lead) and bool(re.search(r"\d", window[:lead.start()]))


def total_fit(question: QuestionAnalysis, weights: dict[str, float], noun: tuple[str, ...], body: str,
              start: int, end: int, following: str = "") -> float:
    """+ for a total when the question asks one, − for a total when the question names a label only its parts
    print ("Viettel đầu tư mới bao nhiêu trạm" against "35 trạm (Trong đó: MobiFone: 09 trạm, Viettel: 26 trạm)"),
    or counts a noun only its parts are counted in ("bao nhiêu phường" against "64 …, gồm 55 xã và 09 phường"),
    − for a part when a total is asked."""
    total = asks_total(question, noun)
    window = body[max(0, start - 40):start]
    if total and _NAMED_TOTAL.search(re.split(r"[;.()]\s", window)[-1]):
        return 1.0  # "nâng tổng số trạm 5G: 188 trạm"
    if total and named_total_subject(body, start):
        return 1.0  # "tổng số trạm BTS … trong các KCN đã đi vào hoạt động là 87 trạm"
    parts = breakdown_after(body, end, following)
    if parts is not None:
        if total:
            return 0.9
        own = set(syllables(body[max(0, start - 80):total_words_end(body, end)]))  # "… 45 đơn vị hành chính cấp xã"
        named = [w for w in part_labels(parts) - own if w in weights]
        head = re.match(r"[\d.,]+%?\s*(?:\([^()\d]{1,12}\)\s*)?([^\W\d]+)", body[start:end + 40])  # "64 đơn vị …"
        counted = bool(noun) and (not head or match_key(head.group(1)) != noun[0]) and any(
            match_key(u) == noun[0] for u in re.findall(r"\d\s+([^\W\d]+)", parts))
        return _NOT_THE_PART if named or counted else 0.0  # "Viettel: 26 trạm"; "bao nhiêu phường": "09 phường"
    if total and is_part(body, start):
        return -0.4
    return 0.0


_TOTAL_SUBJECT = re.compile(r"(?<!\w)(?:tổng số|tổng cộng)(?!\w)", re.IGNORECASE)
_TOTAL_VERB = re.compile(r"(?<!\w)(?:là|đạt|lên|có)\s*[*_]*$", re.IGNORECASE)


def named_total_subject(body: str, start: int, reach: int = 220) -> bool:
    """Whether the figure at ``start`` is the predicate of a clause whose subject is a total ("Hiện nay, tổng số
    trạm BTS … của các doanh nghiệp … là 87 trạm"): the total named however long its noun phrase runs.

    >>> body = "Hiện nay, tổng số trạm BTS 3G/4G và các trạm 5G lắp đặt tại các KCN đã đi vào hoạt động là 87 trạm."
    >>> named_total_subject(body, body.index("87")), named_total_subject("tổng số trạm; có 5 trạm", 20)
    (True, False)
    """
    before = clause_before(body, start, reach)
    return bool(_TOTAL_SUBJECT.search(before)) and bool(_TOTAL_VERB.search(before))


_NOT_THE_PART = -1.5  # a total when the question names one of its parts: ruled out, whatever else it matches
_NAMED_TOTAL = re.compile(r"\b(?:tổng số|tổng cộng|tổng)\b[^;:.()]{0,30}:?\s*(?:là|đạt|có)?\s*$", re.IGNORECASE)


# ---------------------------------------------------------------- who pays
_SELF_ASKED = re.compile(V.CUE_SELF_PAYS)
_SELF_PRINTED = re.compile(V.SELF_PAYER_PRINTED, re.IGNORECASE)


def self_payer_fit(question: QuestionAnalysis, body: str, at: int) -> float:
    """+ for the share the insured person pays when the question asks what one pays oneself ("tự bỏ ra bao
    nhiêu phần trăm": "người lao động đóng 1,5%")."""
    if not _SELF_ASKED.search(question.key):
        return 0.0
    return 0.6 if _SELF_PRINTED.search(clause_before(body, at, 40)) else 0.0



# ---------------------------------------------------------------- quantities asked by name (w46)
# A question names a physical quantity ("nhiệt độ hoạt động trong khoảng nào", "cường độ dòng điện là bao nhiêu",
# "nặng bao nhiêu gam"); the answer is the figure printed with that quantity's symbol ("-20°C đến +50°C",
# "150-200 mA", "52gam"), whole, with its sign and both ends of its range. A bare count ("01 điện trở") is not.
_QUANTITY_ASKED = (
    ("temperature", r"\bnhiet do\b"),
    ("current", r"\bcuong do dong dien\b|\bdong dien\b.*\b(?:bao nhieu|may|nao)\b"),
    ("voltage", r"\bdien ap\b|\bhieu dien the\b"),
    ("mass", r"\b(?:bao nhieu|may) (?:gam|gram|mg|miligam)\b"),
)
_QUANTITY_SYMBOLS = L.QUANTITY_SYMBOLS  # the one unit vocabulary (corpus.lexicon)
_SIGNED = r"[+\-−]?\d+(?:[.,]\d+)*"
_SYMBOL_ANY = "|".join(pattern for _, pattern in sorted(_QUANTITY_SYMBOLS, key=lambda f: -len(f[1])))
_MEASURED = re.compile(
    rf"(?<![\w/.,+\-−])(?:(?:từ|Từ)\s+)?{_SIGNED}\s*(?:(?:{_SYMBOL_ANY})\s*)?(?:-|–|đến)\s*{_SIGNED}\s*(?:{_SYMBOL_ANY})(?![\w²³/])"
    rf"|(?<![\w/.,+\-−]){_SIGNED}\s*(?:{_SYMBOL_ANY})(?![\w²³/])")
_SYMBOL_END = tuple((family, re.compile(rf"(?:{pattern})$")) for family, pattern in _QUANTITY_SYMBOLS)
PHYSICAL = frozenset(family for family, _ in _QUANTITY_SYMBOLS)


def asked_quantity(question: QuestionAnalysis) -> str:
    """The physical quantity the question asks ("temperature", "current", "voltage", "mass", "length", "area",
    "volume") or "".

    >>> from retriever.qa.question import analyze_question
    >>> asked_quantity(analyze_question("Thanh đèn LED hoạt động ở nhiệt độ trong khoảng nào?"))
    'temperature'
    >>> asked_quantity(analyze_question("Cường độ dòng điện của thanh đèn là bao nhiêu?"))
    'current'
    >>> asked_quantity(analyze_question("Thanh đèn nặng bao nhiêu gam?")), asked_quantity(analyze_question("Có bao nhiêu xã?"))
    ('mass', '')
    """
    found = next((family for family, cue in _QUANTITY_ASKED if re.search(cue, question.key)), "")
    if found:
        return found
    family = asked_family(question)
    return family if family in PHYSICAL else ""


def measured_spans(body: str) -> list[tuple[int, int, str]]:
    """Figures printed with a physical measure's symbol, ranges and signs kept whole: (start, end, family).

    >>> body = "+ Nhiệt độ hoạt động: -20°C đến +50°C; + Cường độ dòng điện: 150-200 mA; trọng lượng 52gam; 01 điện trở"
    >>> [(body[s:e], f) for s, e, f in measured_spans(body)]
    [('-20°C đến +50°C', 'temperature'), ('150-200 mA', 'current'), ('52gam', 'mass')]
    """
    spans = []
    for match in _MEASURED.finditer(body):
        text = match.group(0)
        family = next((f for f, pattern in _SYMBOL_END if pattern.search(text)), "")
        if family:
            spans.append((match.start(), match.end(), family))
    return spans


_LABEL_COLON = re.compile(r"([^\W\d][^:;.()]{1,60}?)\s*:\s*[*_]*\s*$")  # a label may wrap: "Nhiệt độ lưu\ntrữ:"


def label_fit(question: QuestionAnalysis, weights: dict[str, float], body: str, at: int, lead: str = "") -> float:
    """IDF share (0…1) of the words of the label a value is printed under ("Cường độ dòng điện: 150-200 mA") that
    the question prints: a specification read the way a clerk reads a form. The label may end the sentence before
    (a value cell on its own line: ``lead``).

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Cường độ dòng điện của thanh đèn là bao nhiêu?")
    >>> w = {"cuong": 2.0, "do": 1.0, "dong": 1.0, "dien": 1.0, "thanh": 1.0, "den": 1.0}
    >>> label_fit(q, w, "150-200 mA;", 0, "+ Cường độ dòng điện: "), label_fit(q, w, "+ Số lượng chip: 32Ea", 17)
    (1.0, 0.0)
    >>> q = analyze_question("Với vốn trên 05 đến 30 tỷ đồng, phần vốn vượt tính thêm bao nhiêu phần trăm?")
    >>> label_fit(q, {"von": 1.0, "ty": 1.0, "dong": 1.0}, "- Trên 05 đến 30 tỷ đồng: 40 triệu đồng + (0,4% x …)", 26)
    0.0
    """
    before = body[max(0, at - 70):at]
    if not before.strip(" -–+*\n") and lead:
        before = lead.rstrip() + " "
    match = _LABEL_COLON.search(before)
    if not match or re.search(r"\d", match.group(1)):
        return 0.0  # a label holding a figure is a condition ("Trên 05 đến 30 tỷ đồng:"), not the measure's name
    words = [w for w in syllables(match.group(1)) if w not in V.STOPWORDS]
    typical = sum(weights.values()) / len(weights) if weights else 1.0  # a word the question lacks weighs as a typical one
    total = sum(weights.get(w, typical) for w in words)
    if not total:
        return 0.0
    asked = set(question.syllables)
    share = sum(weights.get(w, typical) for w in words if w in asked) / total
    return share if share >= _LABEL_ECHO else 0.0  # a label echoing the question, not one sharing a word


_LABEL_ECHO = 0.75  # share of a label's words the question must print for the label to name what is asked


# ---------------------------------------------------------------- the measure's own name (w46)
_NAME_FILLERS = re.compile(r"(?:\s+|:|[<>≤≥]|là|bằng|mức|ở|với|khoảng|đạt|\*+|" + V.QUALIFIERS + r")*$", re.IGNORECASE)


def name_before(body: str, at: int) -> tuple[str, ...]:
    """The last two words naming the figure at ``at`` ("với mức lãi suất 0%": ("lai", "suat"); "thuế suất là 5%":
    ("thue", "suat")), read past the linking words; () when a figure or the clause's end comes first.

    >>> name_before("với mức lãi suất 0%", 17), name_before("với thuế suất là 5%", 17), name_before("a; 5%", 3)
    (('lai', 'suat'), ('thue', 'suat'), ())
    """
    window = body[max(0, at - 50):at]
    window = window[:_NAME_FILLERS.search(window).start()]
    cut = max(window.rfind(";"), window.rfind("."), window.rfind("\n\n"))
    words = re.findall(r"[^\W\d_]+", window[cut + 1:])
    return tuple(match_key(w) for w in words[-2:]) if len(words) >= 2 else ()


def rival_name_fit(question: QuestionAnalysis, body: str, at: int) -> float:
    """For a rate or charge the question names by its qualifier ("chịu thuế suất bao nhiêu"): + when the figure is
    printed right after that name ("thuế suất là 5%"); − when it is printed after a rival of the same head with
    another qualifier ("lãi suất 0%": an interest rate, not the tax rate asked).

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("thu nhập từ đầu tư vốn chịu thuế suất bao nhiêu?")
    >>> rival_name_fit(q, "với mức lãi suất 0%", 17), rival_name_fit(q, "với thuế suất là 5%", 17)
    (-0.5, 0.3)
    """
    label = question.asked_label
    if len(label) != 2 or label[1] not in _RATE_HEADS:
        return 0.0
    printed = name_before(body, at)
    if not printed:
        return 0.0
    if printed == tuple(label):
        return 0.3
    return -0.5 if printed[1] == label[1] else 0.0


_RATE_HEADS = frozenset({"suat", "phi", "gia"})  # heads of rates and charges named by a qualifier: thuế/lãi suất, lệ phí


# ---------------------------------------------------------------- figures in words (w46)
# "mười lăm", "hai mươi mốt", "ba mươi", before the single words ("một" … "mười"): the longest reading first.
SPELLED_NUMBER = (r"(?:(?:hai|ba|bốn|năm|sáu|bảy|tám|chín)\s+mươi|mười)(?:\s+(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy"
                  r"|tám|chín)(?!\w))?|" + "|".join(V.NUMBER_WORDS))


# ---------------------------------------------------------------- what an amount is per (w46)
_PER_ASKED = re.compile(r"\b(?:moi|hang|mot)\s+(\w+)")
_NOT_PER = frozenset({"lan", "so", "trong", "cach", "nguoi dan", "khi", "phan", "muc", "loai", "vai", "cac", "ca"})


def asked_per(question: QuestionAnalysis) -> frozenset[str]:
    """The nouns the question asks an amount per ("mỗi phòng", "hằng tháng", "một người một tháng"); "một lần" (a
    lump sum) and "một số" are no such nouns.

    >>> from retriever.qa.question import analyze_question
    >>> sorted(asked_per(analyze_question("phí thẩm định tính mỗi phòng bao nhiêu tiền?")))
    ['phong']
    >>> sorted(asked_per(analyze_question("trợ cấp hằng tháng bao nhiêu?"))), asked_per(analyze_question("trợ cấp một lần bao nhiêu?"))
    (['thang'], frozenset())
    >>> sorted(asked_per(analyze_question("được hỗ trợ mức bao nhiêu một héc-ta?")))
    ['ha']
    """
    return frozenset(_PER_ALIAS.get(m.group(1), m.group(1)) for m in _PER_ASKED.finditer(question.key)
                     if m.group(1) not in _NOT_PER and not m.group(1).isdigit())


_PER_ALIAS = {"hec": "ha", "hecta": "ha", "kilogam": "kg", "ki": "kg", "met": "m", "lit": "l"}  # "một héc-ta": "/ha"


def per_fit(question: QuestionAnalysis, per: str) -> float:
    """+ when what a figure is per ("đồng/phòng", "đồng/người/tháng") names what the question asks it per ("mỗi
    phòng"), − when it names something else only ("đồng/Giấy phép" for "mỗi phòng").

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("phí thẩm định tính mỗi phòng bao nhiêu tiền?")
    >>> per_fit(q, "/phòng"), per_fit(q, "/Giấy phép/lần thẩm định"), per_fit(q, "")
    (0.3, -0.2, 0.0)
    >>> per_fit(analyze_question("thân nhân được nhận trợ cấp một lần bao nhiêu tiền?"), "/người/tháng")
    -0.3
    """
    asked = asked_per(question)
    printed = set(syllables(per)) if "/" in per else set()
    if _LUMP_SUM.search(question.key) and printed & _PERIODS:
        return -0.3  # "trợ cấp một lần" (a lump sum): not "600.000 đồng/người/tháng"
    if not asked or not printed:
        return 0.0
    if asked <= printed:
        return 0.3
    return 0.1 if asked & printed else -0.2  # "một người một ngày": "/người/buổi" is per person, not per day (w124)


_LUMP_SUM = re.compile(r"\b(?:mot lan|1 lan)\b")
_PERIODS = frozenset({"thang", "nam", "quy", "tuan", "ngay"})


# ---------------------------------------------------------------- "từ X xuống Y" (w46)
_ASKED_END = re.compile(r"\b(tu|xuong|len|con|thanh)\s+(?:bao nhieu|may)\b")
_PRINTED_END = {"tu": r"từ", "xuong": r"xuống|còn", "len": r"lên|thành", "con": r"còn|xuống", "thanh": r"thành|lên"}


def change_end_fit(question: QuestionAnalysis, body: str, at: int) -> float:
    """+ for the end of a change the question asks ("đã giảm từ bao nhiêu ngày": "từ 23 ngày làm việc", not
    "xuống 15 ngày làm việc"): the word before "bao nhiêu" printed right before the figure.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Thời hạn đã được giảm từ bao nhiêu ngày làm việc?")
    >>> body = "Đã giảm từ 23 ngày làm việc xuống 15 ngày làm việc"
    >>> change_end_fit(q, body, body.index("23")), change_end_fit(q, body, body.index("15"))
    (0.4, 0.0)
    """
    asked = _ASKED_END.search(question.key)
    if not asked or _ASKED_BOTH_ENDS.search(question.key):
        return 0.0  # "từ mấy lên mấy": the change whole (change_start)
    before = body[max(0, at - 12):at]
    return 0.4 if re.search(rf"(?:^|\s)(?:{_PRINTED_END[asked.group(1)]})\s+[*_]*$", before, re.IGNORECASE) else 0.0


_FRAME_STOP = frozenset({"thi", "moi", "de", "va", "hay", "hoac", "khong", "chua", "duoc"})


def frame_after_fit(question: QuestionAnalysis, body: str, end: int) -> float:
    """1 when the two or three words the question puts right after its wh-phrase ("nhập ngũ từ thời điểm nào trở về
    trước") are printed right after the value ending at ``end`` ("nhập ngũ từ ngày 30 tháng 4 năm 1975 trở về
    trước"), else 0: the frame the question fills (w63).

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Quân nhân phải nhập ngũ từ thời điểm nào trở về trước mới được hưởng chế độ?")
    >>> body = "nhập ngũ từ ngày 30 tháng 4 năm 1975 trở về trước, có dưới 20 năm"
    >>> frame_after_fit(q, body, body.index(" trở")), frame_after_fit(q, body, body.index(", có"))
    (1.0, 0.0)
    """
    match = _WH.search(question.key)
    if not match:
        return 0.0
    words = []
    for word in re.findall(r"[a-z0-9]+|[^\sa-z0-9]", question.key[match.end():])[:3]:
        if not word.isalnum() or word in _FRAME_STOP:
            break
        words.append(word)
    if len(words) < 2:
        return 0.0
    printed = re.findall(r"[a-z0-9]+|[^\sa-z0-9]", match_key(body[end:end + 40]))[:len(words)]
    return 1.0 if printed == words else 0.0


_ASKED_BOTH_ENDS = re.compile(r"\btu (?:may|bao nhieu)(?: \w+){0,2} (?:len|xuong|con|thanh) (?:may|bao nhieu)\b")
_CHANGE_FROM = re.compile(r"(?<!\w)[Tt]ừ\s+\d+(?:[.,]\d+)*\s*%?(?:\s+[^\W\d]+){0,3}?\s+(?:lên|xuống|còn|thành)\s+$")


def change_start(question: QuestionAnalysis, body: str, at: int) -> int:
    """Where the change a figure ends starts ("từ 2 lên 3 phó trưởng phòng") when the question asks both its ends
    ("tăng từ mấy lên mấy người"), else ``at`` (w63).

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Kiến nghị tăng số phó trưởng phòng từ mấy lên mấy người?")
    >>> body = "tăng số lượng cấp phó từ 2 lên 3 phó trưởng phòng"
    >>> body[change_start(q, body, body.index("3"))]
    't'
    >>> change_start(analyze_question("Tăng lên mấy người?"), body, body.index("3")) == body.index("3")
    True
    """
    if not _ASKED_BOTH_ENDS.search(question.key):
        return at
    match = _CHANGE_FROM.search(body, max(0, at - 60), at)
    return match.start() if match else at


__all__ = [
    "PHYSICAL",
    "asked_family",
    "asked_per",
    "asked_phrase",
    "asked_quantity",
    "asks_range",
    "asks_total",
    "breakdown_after",
    "change_end_fit",
    "change_start",
    "clause_before",
    "counted_noun",
    "counts_people",
    "frame_after_fit",
    "increment_fit",
    "is_part",
    "label_fit",
    "measured_spans",
    "name_before",
    "part_labels",
    "people_after",
    "per_fit",
    "percent_of_fit",
    "phrase_figures",
    "predicate",
    "predicate_fit",
    "printed_family",
    "rival_name_fit",
    "self_payer_fit",
    "total_fit",
    "total_words_end",
]


# ---------------------------------------------------------------- the unit a table column prints (w54)
# A table names the unit of a column's values once, in its header ("Mức giá tối đa … (đồng/kWh)", "Phí, lệ phí (ĐVT:
# đồng)", "Tỷ lệ thực hiện (%)"); each cell then prints the bare figure ("1.587,12"). A clerk copies the figure with
# the column's unit.
_COLUMN_UNIT = re.compile(r"\(\s*(?:(?:ĐVT|Đơn vị tính|Đơn vị)\s*:?\s*)?((?:nghìn |ngàn |triệu |tỷ )?(?:đồng|VNĐ|VND)"
                          r"(?:\s*/\s*[^\W\d][\w]*(?:\s[^\W\d/)][\w]*)?){0,3}|%)\s*\)", re.IGNORECASE)
# w124: a header may print the column's scale as a figure: "Mức chi/ Tiền công (1.000đ)", "(ĐVT: 1.000 đồng)" — the cell
# "200" is 200 thousand đồng, copied "200 nghìn đồng" (tvpl_170's eight spending tables; "Đơn vị: Triệu đồng" names a
# table's scale in words, tvpl_023, read by the pattern above).
_SCALE_UNIT = re.compile(r"\(\s*(?:(?:ĐVT|Đơn vị tính|Đơn vị)\s*:?\s*)?1[.,]?000([.,]?000)?\s*(?:đ|đồng|VNĐ|VND)\s*\)",
                         re.IGNORECASE)
# w124: a table may give each row its own unit in a column of units ("Đơn vị tính": "người/ngày", "Tiết",
# "Đồng/học sinh/tháng") beside the value column (tvpl_170's spending tables, tvpl_192's fee table, tvpl_171's cost
# table, tvpl_185's drug lists): the row's unit cell says what the value counts or is per.
_UNIT_COLUMN = re.compile(r"[\W_]*(?:đơn vị tính|đvt|đơn vị)[\W_]*", re.IGNORECASE)
_UNIT_CELL = re.compile(r"[^\W\d_][^\d;:()]{0,40}")
_MONEY_CELL = re.compile(r"(?:nghìn |ngàn |triệu |tỷ )?(?:đồng|VNĐ|VND)(?=\s*(?:/|$))", re.IGNORECASE)


def _header_unit(header: str) -> str:
    """The unit a column header prints for its values ("đồng/kWh", "%", "nghìn đồng" for "(1.000đ)"), else ""."""
    scale = _SCALE_UNIT.search(header)
    if scale:
        return "triệu đồng" if scale.group(1) else "nghìn đồng"
    unit = _COLUMN_UNIT.search(header)
    return " ".join(unit.group(1).split()) if unit else ""


def row_unit_cell(cells: tuple[str, ...] | None, header: tuple[str, ...] | None) -> str:
    """The row's own unit: its cell under a column of units ("Đơn vị tính": "người/ngày"), when that cell is words;
    else "".

    >>> row_unit_cell(("1", "Tiền ăn", "200", "người/ngày"), ("TT", "Nội dung", "Mức chi (1.000đ)", "Đơn vị tính"))
    'người/ngày'
    >>> row_unit_cell(("1", "Tiền ăn", "200", ""), ("TT", "Nội dung", "Mức chi (1.000đ)", "Đơn vị tính"))
    ''
    """
    if not cells or not header:
        return ""
    column = next((i for i, name in enumerate(header) if _UNIT_COLUMN.fullmatch(name.strip())), None)
    if column is None or column >= len(cells):
        return ""
    cell = " ".join(cells[column].split()).strip(" *_")
    return cell if _UNIT_CELL.fullmatch(cell) else ""


def column_unit(cells: tuple[str, ...] | None, header: tuple[str, ...] | None, body: str, at: int) -> str:
    """The unit the column header of the cell holding the figure at ``at`` prints ("đồng/kWh", "%"), when that
    cell is the bare figure, with what the row's unit cell says it is per ("nghìn đồng/người/ngày" for "200" under
    "Mức chi (1.000đ)" beside "người/ngày"); a row whose unit cell is money itself ("Đồng/học sinh/tháng") gives its
    value that unit under a header printing none; else "".

    >>> cells, header = ("3", "Nhà máy điện gió trong đất liền", "1.587,12"), ("STT", "Loại hình", "Mức giá tối đa (đồng/kWh)")
    >>> body = "3\\nNhà máy\\nđiện gió trong đất liền\\n1.587,12"
    >>> column_unit(cells, header, body, body.index("1.587")), column_unit(cells, header, body, 0)
    ('đồng/kWh', '')
    >>> cells, header = ("-", "Tiền ăn", "200", "người/ngày"), ("TT", "Nội dung chi", "Mức chi (1.000đ)", "Đơn vị tính")
    >>> body = "-\\nTiền ăn\\n200\\nngười/ngày"
    >>> column_unit(cells, header, body, body.index("200"))
    'nghìn đồng/người/ngày'
    >>> cells, header = ("1.2", "Bán trú", "Đồng/học sinh/tháng", "235.000"), ("TT", "Dịch vụ", "Đơn vị tính", "Mức trần")
    >>> body = "1.2\\nBán trú\\nĐồng/học sinh/tháng\\n235.000"
    >>> column_unit(cells, header, body, body.index("235"))
    'đồng/học sinh/tháng'
    """
    column = _cell_column(cells, body, at)
    if column is None or not header or column >= len(header) or not re.fullmatch(r"[\d.,]+", cells[column].strip()):
        return ""
    if _NUMBER_COLUMN.fullmatch(match_key(header[column]).strip()):
        return ""  # the rows' running numbers ("1.1.2") are no sum
    unit = _header_unit(header[column])
    own = row_unit_cell(cells, header)
    if not own or unit == "%":
        return unit
    money = _MONEY_CELL.match(own)
    if money:  # "Đồng/học sinh/tháng": the header's scale, if any, with what the cell says the sum is per
        return (unit.split("/")[0] if unit else own[:money.end()].lower()) + own[money.end():].replace(" /", "/")
    if unit and "/" not in unit:
        return f"{unit}/{own.lower()}"  # "nghìn đồng" per "người/ngày", per "Tiết"
    return unit


_NUMBER_COLUMN = re.compile(r"s?tt\.?|so tt|so thu tu")  # a running-number column's header ("STT", "Số TT")
_UNIT_LINE_BEFORE = re.compile(r"(?:^|\n)[ \t*_]*((?:nghìn |ngàn |triệu |tỷ )?(?:đồng|VNĐ|VND)(?:\s*/\s*[^\W\d][^\W\d ]*"
                               r"(?:[ \t][^\W\d/][^\W\d ]*)?){1,3})[ \t*_]*\n[ \t*_]*$", re.IGNORECASE)


def unit_cell_before(body: str, start: int, end: int) -> str:
    """The unit cell printed on the line right before a bare figure alone on its line, in a table row read as
    text ("Đồng/học sinh/tháng" / "235.000"): the row's unit column beside its value column, as
    :func:`row_unit_cell` reads it when the row's cells are known (w124); else "".

    >>> body = "1.2\\nDịch vụ chăm sóc bán trú\\nĐồng/học sinh/tháng\\n235.000\\n1.3"
    >>> unit_cell_before(body, body.index("235"), body.index("235") + 7), unit_cell_before("mức 235.000", 4, 11)
    ('đồng/học sinh/tháng', '')
    """
    if not re.match(r"[ \t*_]*(?:\n|$)", body[end:end + 4]):
        return ""  # the figure goes on within its line: not a value cell
    match = _UNIT_LINE_BEFORE.search(body[max(0, start - 60):start])
    if not match:
        return ""
    unit = " ".join(match.group(1).split())
    return unit[0].lower() + unit[1:]


# ---------------------------------------------------------------- whose words precede a figure (w54)
# In "không vượt quá 10% tổng thời lượng … đối với đào tạo trình độ sơ cấp và không vượt quá 5% … đối với trình độ
# trung cấp", the case after the first figure ("đối với … sơ cấp") qualifies that figure: a clerk does not read it as
# the second figure's, though it is printed right before it.  A figure's own qualifier opens with a preposition of
# case or place and runs to the conjunction that starts the next item.
_POST_QUALIFIER = re.compile(r"(?<!\w)(?:đối với|áp dụng (?:đối )?với|áp dụng cho|dành cho|tại|ở)(?!\w)", re.IGNORECASE)
_NEXT_ITEM = re.compile(r"(?:\s*,\s*|\s+)(?:và|hoặc|còn|nhưng|riêng)\s+|\s*;\s*", re.IGNORECASE)


_LAST_FIGURE = re.compile(r"\d+(?:[.,]\d+)*\s*%?")


def previous_qualifier(body: str, at: int, reach: int = 240) -> tuple[int, int] | None:
    """Where the qualifier of the figure printed before ``at`` in the same run lies ("đối với đào tạo trình độ sơ
    cấp và", up to the conjunction of the next item), else None.

    >>> body = "không quá 10% tổng thời lượng đối với trình độ sơ cấp và không quá 5% đối với trình độ trung cấp"
    >>> s, e = previous_qualifier(body, body.index("5%")); body[s:e]
    'đối với trình độ sơ cấp và '
    >>> body = "tỷ lệ tiêm chủng đạt 90%, tỷ lệ bao phủ đạt 95%"
    >>> previous_qualifier(body, body.index("95%")) is None
    True
    """
    window = max(0, at - reach)
    figures = list(_LAST_FIGURE.finditer(body, window, at))
    if not figures:
        return None
    after = figures[-1].end()
    if re.search(r"[.;](?:\s|$)|\n\s*\n", body[after:at]):
        return None  # another sentence or clause
    joins = list(_NEXT_ITEM.finditer(body, after, at))
    if not joins or joins[-1].end() < at - 60:
        return None
    qualifier = _POST_QUALIFIER.search(body, after, joins[-1].start())
    return (qualifier.start(), joins[-1].end()) if qualifier else None


def without_previous_qualifier(body: str, start: int, at: int) -> str:
    """``body[start:at]`` (the words read before the figure at ``at``) less the qualifier of the figure before it.

    >>> body = "không quá 10% tổng thời lượng đối với trình độ sơ cấp và không quá 5%"
    >>> without_previous_qualifier(body, 14, body.index("5%"))
    'tổng thời lượng  không quá '
    """
    cut = previous_qualifier(body, at)
    if cut is None or cut[1] <= start:
        return body[start:at]
    return body[start:max(start, cut[0])] + " " + body[cut[1]:at]


# ---------------------------------------------------------------- the year a list is headed by (w54)
_HEADING_PERIOD = re.compile(r"(?:\b[Gg]iai\s+đoạn|GIAI\s+ĐOẠN)\s+(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)(?![\d/])")
_HEADING_YEAR = re.compile(r"(?:\b[Nn]ăm|\bNĂM)\s+((?:19|20)\d\d)(?![\d/])")


def heading_year(above: str) -> str | None:
    """The last year a lead-in or heading names as a year ("Mục tiêu đến năm 2030:", "KẾ HOẠCH NĂM 2025"), which
    the figures listed under it are of; not a year inside a date or an act's number ("ngày 12/5/2024", "45/2024/…").

    >>> heading_year("2. Mục tiêu cụ thể đến năm 2030:"), heading_year("Căn cứ Quyết định 12/2024/QĐ-UBND:")
    ('2030', None)
    >>> heading_year("**2. Kế hoạch phát triển giai đoạn\\n2026 - 2030**")  # a period's figures are its end's
    '2030'
    """
    found = [(m.start(), m.group(1)) for m in _HEADING_YEAR.finditer(above)]
    found += [(m.start(), m.group(1)) for m in _HEADING_PERIOD.finditer(above)]  # "Kế hoạch giai đoạn 2026 - 2030" (w84)
    return max(found)[1] if found else None


_LEAD_LINE = re.compile(r"(?m)^[^\n]{3,150}:[ \t*_]*$")


def listed_under(text: str, start: int, reach: int = 1000) -> str:
    """The last lead-in line (ending with ":") printed before ``start`` within ``reach`` characters ("2. Mục tiêu đến
    năm 2030:"): what the points after it are listed under; "" when none.

    >>> text = "1. Mục tiêu đến năm 2025:\\na) đạt 90%;\\n2. Mục tiêu đến năm 2030:\\na) đạt 100%;\\nb) đạt 99%."
    >>> listed_under(text, text.index("b)"))
    '2. Mục tiêu đến năm 2030:'
    """
    found = list(_LEAD_LINE.finditer(text, max(0, start - reach), start))
    return found[-1].group(0).strip(" \t*_") if found else ""


# ---------------------------------------------------------------- the words of what is asked (w54)
_ASKED_PERCENT = re.compile(r"\b(?:bao nhieu|may|la bao nhieu) phan tram\b")


def evidence_weights(question: QuestionAnalysis, weights: dict[str, float]) -> dict[str, float]:
    """The question's word weights less the words of the measure it asks when that measure is printed as a symbol
    ("bao nhiêu phần trăm" is printed "%"): "phần" and "trăm" printed near a figure ("phần còn lại", "trạm y tế",
    the same letters without accents) are no evidence that it is the figure asked. A word the question also prints
    elsewhere stays.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Tỷ lệ trạm y tế có bác sĩ đạt bao nhiêu phần trăm?")
    >>> sorted(evidence_weights(q, {"phan": 2.0, "tram": 1.0, "bac": 1.0}))
    ['bac', 'tram']
    """
    counts = question.key.split()
    dropped = {w for w in ("phan", "tram") if counts.count(w) == 1} if _ASKED_PERCENT.search(question.key) else set()
    for case in ruled_out(question):  # w84: "(không phải ao thâm canh)": its words are evidence against, not for
        dropped |= {w for w in case if counts.count(w) == 1}
    return {w: v for w, v in weights.items() if w not in dropped} if dropped else weights


# ---------------------------------------------------------------- the noun a figure labels (w54)
_LABEL_NOUN_ASKED = re.compile(r"\b(\w+) may\b(?: (\w+))?")
_NOT_LABEL_NOUNS = frozenset({"bao", "thu", "bang", "gap", "nhan", "tang", "giam", "them"})  # verbs, "thứ mấy" (ordinals)
_AFTER_LABEL_NOUN = frozenset({"tro", "hang", "hoac", "thi", "theo", "trong", "moi"})  # "bậc mấy trở lên", "tháng mấy hằng năm"


def asked_label_noun(question: QuestionAnalysis) -> str:
    """The noun the question asks a figure of by putting "mấy" after it ("bậc mấy", "tháng mấy", "hạng mấy"): the
    answer is printed "bậc 3", "Tháng 6"; "" when "mấy" follows no such noun ("là mấy", "thứ mấy") or counts the noun
    after it ("hỗ trợ mấy xe").

    >>> from retriever.qa.question import analyze_question
    >>> asked_label_noun(analyze_question("có chứng chỉ kỹ năng nghề từ bậc mấy trở lên?"))
    'bac'
    >>> asked_label_noun(analyze_question("lập dự toán vào tháng mấy hằng năm?")), asked_label_noun(analyze_question("có mấy xã?"))
    ('thang', '')
    >>> asked_label_noun(analyze_question("hỗ trợ mấy xe cứu thương?")), asked_label_noun(analyze_question("xếp hạng mấy?"))
    ('', 'hang')
    >>> asked_label_noun(analyze_question("tiêu chí tổ chức bộ máy được bao nhiêu điểm?"))  # "máy" is no "mấy"
    ''
    """
    if not question.accentless and not re.search(r"(?i)mấy", question.text):
        return ""  # "tổ chức bộ máy được bao nhiêu điểm": "máy" (machine), no "mấy" asked
    match = _LABEL_NOUN_ASKED.search(question.key)
    if not match or match.group(1) in V.STOPWORDS or match.group(1) in _FILLERS or match.group(1) in _NOT_LABEL_NOUNS:
        return ""
    after = match.group(2)
    if after and after not in V.STOPWORDS and after not in _AFTER_LABEL_NOUN:
        return ""  # "hỗ trợ mấy xe": a count of the noun after "mấy", not a label before it
    return match.group(1)


def label_noun_before(noun: str, body: str, at: int) -> int:
    """Where the asked noun printed right before the figure at ``at`` starts ("bậc 3", "Tháng 6"), else -1.

    >>> label_noun_before("bac", "chứng chỉ bậc 3 trở lên", 14), label_noun_before("bac", "có 3 bậc", 3)
    (10, -1)
    >>> label_noun_before("thang", "Tháng 6 hằng năm", 6)
    0
    """
    if not noun:
        return -1
    word = re.search(r"(\w+)\s+$", body[max(0, at - 16):at])
    if not word or match_key(word.group(1)) != noun:
        return -1
    return max(0, at - 16) + word.start(1)


# ---------------------------------------------------------------- cases stated as intervals (w63)
# A question often states its case as a span of a quantity ("đóng BHTN từ 5 năm đến dưới 7 năm", "trâu, bò trên 6
# tháng tuổi") and the document lists the cases the same way in other words or units ("từ đủ 60 tháng đến dưới 84
# tháng"; "đến 06 tháng tuổi …; trên 06 tháng tuổi …"). A clerk reads both as intervals of the same measure and takes
# the figure whose case holds the question's, never one whose case lies beside it.
_CASE_SCALE = {"nam": ("thang", 12.0), "thang": ("thang", 1.0), "ngay": ("ngay", 1.0), "tuan": ("tuan", 1.0),
               "gio": ("gio", 1.0), "tuoi": ("tuoi", 1.0), "%": ("%", 1.0), "ha": ("ha", 1.0), "m2": ("m2", 1.0),
               "km": ("km", 1.0), "kg": ("kg", 1.0), "tan": ("kg", 1000.0), "trieu": ("dong", 1e6),
               "ty": ("dong", 1e9), "nguoi": ("nguoi", 1.0), "giuong": ("giuong", 1.0), "diem": ("diem", 1.0)}
_CASE_NUMBER = r"(\d+(?:[.,]\d+)?)(?![.,]?\d)"
_CASE_UNIT = r"\s*(%|[a-z0-9]+)"
_CASE_RANGE = re.compile(rf"(?<![\w.,/]){_CASE_NUMBER}(?:{_CASE_UNIT}(?:\s+(?:dong|tuoi))?)?\s*(?:den|-|–)\s+(?:(duoi|het|khong qua)\s+)?"
                         rf"{_CASE_NUMBER}{_CASE_UNIT}")
_CASE_BOUND = re.compile(rf"\b(tren|qua|hon|vuot qua|ngoai|duoi|chua du|it hon|den|tu du|tu|it nhat|toi thieu)\s+"
                         rf"{_CASE_NUMBER}{_CASE_UNIT}(\s+tro (?:len|xuong))?")
_CASE_OPEN_FROM = {"tren", "qua", "hon", "vuot qua", "ngoai"}
_CASE_BELOW = {"duoi", "chua du", "it hon"}
_INF = float("inf")


def _case_value(number: str, unit: str) -> tuple[str, float] | None:
    """(measure, value in its base unit) of "5 năm" (months: 60), "06 tháng", "250 triệu"; None for other units."""
    if unit not in _CASE_SCALE:
        return None
    measure, scale = _CASE_SCALE[unit]
    # "1.500" groups thousands, "1,5" is a decimal
    value = float(number.replace(".", "") if re.fullmatch(r"\d+\.\d{3}", number) else number.replace(",", "."))
    if unit == "nam" and value >= 200:  # "năm 2025" is a year, not a span of years
        return None
    return measure, value * scale


_CASE_POINT = re.compile(rf"(?<![\w.,/]){_CASE_NUMBER}\s*(%|nam\b|thang\b|tuoi\b|ngay\b)(?! (?:toi|qua|sau|truoc|gan day|tro)\b)")


def case_intervals(key: str, points: bool = False) -> list[tuple[str, float, float, bool, bool]]:
    """The spans of quantities ``key`` (match_key text) states as cases: (measure, low, high, low open, high open).
    ``points``: a bare span of time, an age or a share the question states ("đóng BHTN 8 năm", "trẻ 5 tuổi", "gieo
    được 50 ngày", "thiệt hại 40%") is a case of that one value (not "5 năm tới", "3 tháng qua": a period, no case).

    >>> case_intervals("dong bhtn tu 5 nam den duoi 7 nam")
    [('thang', 60.0, 84.0, False, True)]
    >>> case_intervals("trau, bo tren 06 thang tuoi, ho tro")
    [('thang', 6.0, inf, True, False)]
    >>> case_intervals("tu du 132 thang tro len"), case_intervals("nam 2025")
    ([('thang', 132.0, inf, False, False)], [])
    >>> case_intervals("dong bhtn 8 nam duoc ho tro", points=True), case_intervals("trong 5 nam toi", points=True)
    ([('thang', 96.0, 96.0, False, False)], [])
    >>> case_intervals("gieo 50 ngay, thiet hai 40% dien tich", points=True)
    [('ngay', 50.0, 50.0, False, False), ('%', 40.0, 40.0, False, False)]
    """
    found: list[tuple[str, float, float, bool, bool]] = []
    taken: list[tuple[int, int]] = []
    for match in _CASE_RANGE.finditer(key):
        low_unit = match.group(2) if match.group(2) in _CASE_SCALE else match.group(5)
        low, high = _case_value(match.group(1), low_unit), _case_value(match.group(4), match.group(5))
        if low and high and low[0] == high[0] and low[1] <= high[1]:
            found.append((low[0], low[1], high[1], False, match.group(3) == "duoi"))
            taken.append(match.span())
    for match in _CASE_BOUND.finditer(key):
        if any(s <= match.start() < e or s < match.end() <= e for s, e in taken):
            continue  # an end of a range read above
        word, value = match.group(1), _case_value(match.group(2), match.group(3))
        if value is None:
            continue
        measure, amount = value
        if word in _CASE_BELOW or word == "den" or (match.group(4) or "").endswith("xuong"):
            found.append((measure, 0.0, amount, False, word in _CASE_BELOW))
        else:
            found.append((measure, amount, _INF, word in _CASE_OPEN_FROM, False))
        taken.append(match.span())
    if points:
        for match in _CASE_POINT.finditer(key):
            value = _case_value(match.group(1), match.group(2))
            if value is not None and not any(s <= match.start() < e for s, e in taken):
                found.append((value[0], value[1], value[1], False, False))
    return found


def _case_relation(asked: tuple, printed: tuple) -> float:
    """1 when the printed case holds the asked one, -1 when they lie apart, 0.3 when they overlap in part."""
    _, low, high, low_open, high_open = asked
    _, p_low, p_high, p_low_open, p_high_open = printed
    if p_high < low or high < p_low or (p_high == low and (p_high_open or low_open) and low < high) \
            or (high == p_low and (high_open or p_low_open) and p_low < p_high):
        return -1.0
    if p_low <= low and high <= p_high:
        return 1.0
    return 0.3


def case_fit(question: QuestionAnalysis, printed_key: str) -> float:
    """How the cases printed in a figure's clause (``printed_key``, match_key text) meet those the question states
    (-1…1, 0 when the clause prints none of the same measure): the best printed case for each stated one, averaged.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Người đóng BHTN từ 5 năm đến dưới 7 năm được hỗ trợ bao nhiêu?")
    >>> case_fit(q, "thoi gian dong tu du 60 thang den duoi 84 thang: ho tro")
    1.0
    >>> case_fit(q, "thoi gian dong tu du 84 thang den duoi 108 thang: ho tro")
    -1.0
    >>> case_fit(q, "muc ho tro")
    0.0
    """
    asked = case_intervals(question.key, points=True)
    if not asked:
        return 0.0
    printed = case_intervals(printed_key)
    fits = []
    for case in asked:
        same = [_case_relation(case, p) for p in printed if p[0] == case[0]]
        if same:
            fits.append(max(same))
    return sum(fits) / len(fits) if fits else 0.0


# ---------------------------------------------------------------- footnote marks (w84)
# A document copied from the web keeps its footnotes' marks as bracketed numbers against the word they annotate
# ("03 bộ, cơ quan[2] và 09 địa phương[3] chưa gửi báo cáo"): a clerk reads them as references, never as figures.
_FOOTNOTE = re.compile(r"(?<=[^\s\[(])\[\d{1,3}\]")


def footnote_mark(body: str, start: int, end: int) -> bool:
    """Whether the figure ``body[start:end]`` is a footnote's mark: "[4]" printed right against the word before.

    >>> body = "còn 03 bộ, cơ quan[2] và 09 địa phương[3] chưa gửi; xem mục [4] dưới đây"
    >>> [footnote_mark(body, m.start(), m.end()) for m in re.finditer("[0-9]+", body)]
    [False, True, False, True, False]
    """
    return start >= 2 and bool(_FOOTNOTE.match(body, start - 1)) and _FOOTNOTE.match(body, start - 1).end() == end + 1


# ---------------------------------------------------------------- the bound asked at the wh-word (w84)
# "có nguyên giá từ bao nhiêu trở lên", "tối đa bao nhiêu ngày": the question asks the lower (upper) end of a case.
# A figure the document prints as the opposite end ("dưới 01 tỷ đồng", "không quá 5 ngày" for a lower end) bounds
# another case, however many of the question's words its clause prints.  Only the bound worded at the wh-word
# counts: "đóng ít nhất 15 năm thì được bao nhiêu" states a condition, it asks no bound.
_ASKED_MAX = re.compile(r"\b(?:toi da|khong qua|khong vuot qua|cao nhat|nhieu nhat|duoi) (?:la )?(?:bao nhieu|may)\b"
                        r"|\b(?:bao nhieu|may)(?: \w+){0,3} tro xuong\b")
_ASKED_MIN = re.compile(r"\b(?:toi thieu|it nhat|khong duoi|thap nhat|tren) (?:la )?(?:bao nhieu|may)\b"
                        r"|\b(?:bao nhieu|may)(?: \w+){0,3} tro len\b"
                        # "muốn hơn bao nhiêu phần trăm doanh nghiệp": more than a bound, printed "trên 70%" (w124); not
                        # a comparative's difference ("cao hơn bao nhiêu": by how much higher; "muộn" is left out, its key is "muốn")
                        r"|(?<!\bcao )(?<!\bthap )(?<!\bnhieu )(?<!\bit )(?<!\blon )(?<!\bnho )(?<!\btang )(?<!\bgiam )"
                        r"(?<!\blau )(?<!\bsom )(?<!\bdai )(?<!\bngan )\bhon (?:bao nhieu|may)\b")
_PRINTED_MAX = re.compile(r"(?<!khong )\b(?:duoi|khong qua|khong vuot qua|toi da|chua du|it hon|nho hon|thap hon)\s*$")
_PRINTED_MIN = re.compile(r"\b(?:tren|tu|tu du|toi thieu|it nhat|khong duoi|lon hon|cao hon|vuot"
                          r"|khong it hon|khong nho hon|khong thap hon)\s*$")


def asked_bound(question: QuestionAnalysis) -> str:
    """ "min" or "max" when the question words a bound at its wh-word ("từ bao nhiêu trở lên", "tối đa bao nhiêu"),
    else "".

    >>> from retriever.qa.question import analyze_question
    >>> asked_bound(analyze_question("được bán tài sản có nguyên giá từ bao nhiêu trở lên?"))
    'min'
    >>> asked_bound(analyze_question("thời gian tối đa là bao nhiêu ngày?"))
    'max'
    >>> asked_bound(analyze_question("đóng ít nhất 15 năm thì được hưởng bao nhiêu?"))
    ''
    """
    if _ASKED_MIN.search(question.key):
        return "min"
    return "max" if _ASKED_MAX.search(question.key) else ""


def printed_bound(body: str, start: int, end: int) -> str:
    """ "max" or "min": the end of a case the figure read at ``body[start:end]`` is printed as ("dưới 01 tỷ đồng",
    "từ 01 tỷ đồng trở lên"), from the words before its first digit and a "trở lên/trở xuống" after it; else "".

    >>> body = "nguyên giá dưới\\n01 tỷ đồng; nguyên giá từ 250 triệu đồng trở lên; giá 5 tỷ đồng"
    >>> [printed_bound(body, body.index(f), body.index(f) + 9) for f in ("01 tỷ", "250", "5 tỷ")]
    ['max', 'min', '']
    >>> printed_bound("nhưng không ít hơn 01 năm tài chính", 19, 25)
    'min'
    """
    digit = re.search(r"\d", body[start:end])
    first = start + digit.start() if digit else start
    before = " ".join(match_key(body[max(0, first - 24):first]).split())
    if re.match(r"[^\d;.]{0,30}?trở\s+lên", body[end:end + 40]) or _PRINTED_MIN.search(before):
        return "min"
    if re.match(r"[^\d;.]{0,30}?trở\s+xuống", body[end:end + 40]) or _PRINTED_MAX.search(before):
        return "max"
    return ""


def opposite_bound(question: QuestionAnalysis, body: str, start: int, end: int) -> bool:
    """Whether the question asks one end of a case at its wh-word and the figure is printed as the other end."""
    asked = asked_bound(question)
    printed = printed_bound(body, start, end) if asked else ""
    return bool(printed) and printed != asked


# ---------------------------------------------------------------- today's figure against a target's (w84)
# "Hiện nay, tổng số trạm … là 87 trạm" states where things stand; "phấn đấu đến hết giai đoạn 2026 - 2030 có bao nhiêu
# trạm" asks the target a plan sets.  A clerk does not answer a target with today's figure.
_TARGET_ASKED = re.compile(r"\b(?:phan dau|muc tieu|chi tieu|dinh huong)\b|\bden (?:het )?(?:nam|giai doan) (?:19|20)\d\d\b")
_CURRENT_PRINTED = re.compile(r"(?<!\w)(?:hiện nay|hiện tại|hiện có|đến nay|tính đến nay|cho đến nay)(?!\w)", re.IGNORECASE)


def current_for_target(question: QuestionAnalysis, body: str, at: int) -> bool:
    """Whether the question asks a target ("phấn đấu", "đến hết năm 2030") and the figure at ``at`` is printed as
    where things stand today ("Hiện nay, … là 87 trạm"), in its own sentence.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Đến hết giai đoạn 2026 - 2030, các khu công nghiệp phấn đấu có bao nhiêu trạm 5G?")
    >>> body = "Hiện nay, tổng số trạm trong các KCN là 87 trạm. Giai đoạn 2026 - 2030 nâng tổng số trạm 5G: 188 trạm."
    >>> current_for_target(q, body, body.index("87")), current_for_target(q, body, body.index("188"))
    (True, False)
    """
    if not _TARGET_ASKED.search(question.key):
        return False
    start = max(body.rfind(". ", 0, at), body.rfind(".\n", 0, at), body.rfind(";", 0, at), 0)
    return bool(_CURRENT_PRINTED.search(body, start, at))


# ---------------------------------------------------------------- a name printed right before a date (w84)
_DATE_LINK = re.compile(r"(?:\s|,|vào|ngày|hôm|tổ chức|diễn ra|họp)*$", re.IGNORECASE)


def named_right_before(question: QuestionAnalysis, weights: dict[str, float], body: str, at: int,
                       width: int = 6) -> float:
    """IDF share (0…1) of the last ``width`` content words before the date at ``at`` (in its clause, read past
    "ngày", "vào") that the question prints, when they are mostly its words: the date printed as the attribute of
    what the question names ("tại Hội nghị trực tuyến Chính phủ với các địa phương ngày 07 tháng 11 năm 2025" for
    "Hội nghị trực tuyến Chính phủ với các địa phương … diễn ra ngày nào"); else 0.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Hội nghị trực tuyến Chính phủ với các địa phương diễn ra ngày nào?")
    >>> w = {"hoi": 1.0, "nghi": 1.0, "truc": 2.0, "tuyen": 2.0, "chinh": 1.0, "phu": 1.0, "dia": 1.0, "phuong": 1.0}
    >>> body = "theo chỉ đạo tại Hội nghị trực tuyến Chính phủ với các địa phương ngày 07 tháng 11; báo cáo trước ngày 01"
    >>> named_right_before(q, w, body, body.index("07")), named_right_before(q, w, body, body.index("01"))
    (1.0, 0.0)
    """
    before = clause_before(body, at, 80)
    before = before[:_DATE_LINK.search(before).start()]
    words = [w for w in syllables(before) if w not in V.STOPWORDS][-width:]
    if not words:
        return 0.0
    typical = sum(weights.values()) / len(weights) if weights else 1.0
    total = sum(weights.get(w, typical) for w in words)
    asked = set(question.syllables)
    share = sum(weights.get(w, typical) for w in words if w in asked) / total if total else 0.0
    return share if share >= _LABEL_ECHO else 0.0


# ---------------------------------------------------------------- the case printed after a figure (w84)
# "- 07 (bảy) ngày làm việc kể từ ngày ban hành quyết định (đối với các trường hợp: chứng chỉ … đã được cấp còn thời
# hạn nhưng do thay đổi thông tin trên chứng chỉ; …)": a list of limits states each one's case after it, in an aside
# or a clause opened by "đối với / trường hợp / áp dụng cho".  The aside ends at its closing bracket; a clause at the
# next limit's item or sentence.
_CASE_OPEN = re.compile(r"(?:[^()\n;.]|\n(?!\s*[-–+•]|\s*\n)){0,160}?(\(\s*|,\s*|\s)(?:đối với|trong trường hợp|trường hợp|áp dụng (?:đối )?(?:với|cho)|dành cho)"
                        r"(?!\w)", re.IGNORECASE)


def case_after(body: str, end: int, reach: int = 400) -> str:
    """The case stated after a figure ending at ``end`` ("(đối với cá nhân đạt kỳ thi …)"), else "".

    >>> body = "- 15 ngày kể từ ngày ban hành (đối với cá nhân đạt kỳ thi), - 07 ngày (đối với trường hợp: thay đổi thông tin)."
    >>> case_after(body, body.index(" ngày")), case_after(body, body.index(" ngày (đối với t"))
    ('đối với cá nhân đạt kỳ thi', 'đối với trường hợp: thay đổi thông tin')
    >>> case_after("10 ngày; 15 ngày đối với hồ sơ khác", 2)
    ''
    >>> case_after("07 ngày (đối với: thay đổi thông tin; đăng ký tối thiểu 15 ngày trước; bị mất)", 7)
    'đối với: thay đổi thông tin;  bị mất'
    """
    opened = _CASE_OPEN.match(body, end)
    if not opened:
        return ""
    at = opened.end(1)
    if opened.group(1).strip().startswith("("):
        close = body.find(")", at, at + reach)
        case = body[at:close] if close >= 0 else body[at:at + reach]
    else:
        stop = re.search(r"[;.](?:\s|$)|\n\s*[-–+]\s", body[at:at + reach])
        case = body[at:at + stop.start()] if stop else body[at:at + reach]
    # a case printing a figure of its own ("cá nhân đăng ký … trong thời hạn tối thiểu 15 ngày trước …") is that
    # figure's: its words are not the case of the figure before the aside
    return "; ".join(part for part in case.split(";") if not re.search(r"\d", part))



# ---------------------------------------------------------------- a count read off a list of names (w84)
# "Sắp xếp … của các xã Hua Thanh, Thanh Luông, Thanh Hưng, Thanh Chăn và Thanh Nưa thành xã mới …": asked "hình thành
# từ mấy xã", a clerk counts the names listed; a list naming each item's kind ("phường Sông Đà, phường Na Lay, xã Lay
# Nưa và xã Sá Tổng") counts the items of the kind asked.  Only places and bodies named by proper names are counted.
_NAMED_KINDS = ("thi tran", "thanh pho", "dac khu", "to dan pho", "khu pho", "xa", "phuong", "huyen", "quan", "tinh",
                "thon", "ban", "ap", "so", "bo")
_NAME = rf"[{L.VI_UPPER}][\w-]*(?:[ \t]+[{L.VI_UPPER}0-9][\w-]*)*"
_KIND_WORDS = r"(?:[Tt]hị\s+trấn|[Tt]hành\s+phố|[Đđ]ặc\s+khu|[Tt]ổ\s+dân\s+phố|[Kk]hu\s+phố|[Xx]ã|[Pp]hường|[Hh]uyện|[Qq]uận" \
              r"|[Tt]ỉnh|[Tt]hôn|[Bb]ản|[Ấấ]p|[Ss]ở|[Bb]ộ)"
_ITEM = rf"(?:{_KIND_WORDS}\s+)?{_NAME}"
_LISTED = re.compile(rf"(?<!\w)(?:(các|những)\s+)?({_KIND_WORDS})\s+({_NAME}(?:\s*,\s*{_ITEM})*\s*,?\s+và\s+{_ITEM})")


def listed_count(question: QuestionAnalysis, body: str) -> list[tuple[int, int, int, str]]:
    """(start, end, count, printed noun) of each list of names of the kind the question counts ("mấy xã"): the
    names after "các xã" or each one's own kind word, split at commas and "và".

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Xã Thanh Nưa mới được hình thành từ mấy xã cũ?")
    >>> body = "Sắp xếp các xã Hua Thanh, Thanh Luông, Thanh Hưng và Thanh Nưa thành xã mới có tên gọi là xã Thanh Nưa."
    >>> [(body[s:e], n, noun) for s, e, n, noun in listed_count(q, body)]
    [('các xã Hua Thanh, Thanh Luông, Thanh Hưng và Thanh Nưa', 4, 'xã')]
    >>> body = "Sắp xếp thị trấn Mường Ảng, xã Ẳng Nưa và xã Ẳng Cang thành xã mới"
    >>> [(n, noun) for _, _, n, noun in listed_count(q, body)]
    [(2, 'xã')]
    """
    noun = counted_noun(question) or question.wanted_unit
    asked = next((kind for kind in _NAMED_KINDS if " ".join(noun[:len(kind.split())]) == kind), None)
    if asked is None:
        return []
    found = []
    for match in _LISTED.finditer(body):
        head = match_key(" ".join(match.group(2).split()))
        items = [i.strip() for i in re.split(r"\s*,\s*(?:và\s+)?|\s+và\s+", match.group(3)) if i.strip()]
        kinds = []
        for item in items:
            own = re.match(rf"{_KIND_WORDS}\s", item)
            kinds.append(match_key(" ".join(own.group(0).split())) if own else (head if match.group(1) or not kinds
                                                                                 else kinds[-1]))
        kinds[0] = head
        count = sum(kind == asked for kind in kinds)
        if count >= 2:
            printed = next(m.group(0) for m in re.finditer(_KIND_WORDS, match.group(0))
                           if match_key(" ".join(m.group(0).split())) == asked)
            found.append((match.start(), match.end(), count, " ".join(printed.lower().split())))
    return found


_CASE_LINK = re.compile(r"[^,;:()]{0,40}?(?<!\w)(?:cho|đối với|với|khi|nếu|trường hợp|áp dụng)(?!\w)", re.IGNORECASE)
_CASE_BOUND_BEFORE = re.compile(r"(?:từ đủ|từ|dưới|trên|đến|đủ|quá|hơn|chưa đủ|ít hơn|không quá|tối đa|tối thiểu)\s+$",
                                re.IGNORECASE)


def case_clause_after(body: str, end: int, reach: int = 200) -> str:
    """The words after a figure ending at ``end`` up to its clause's end or the next figure that is not a case's
    bound: where a clerk reads the case the figure is for ("hỗ trợ 03 tháng lương cho người có từ đủ 05 năm công
    tác trở lên; …").

    >>> body = "hỗ trợ 03 tháng lương cho người có từ đủ 05 năm công tác trở lên; hỗ trợ 01 tháng lương cho người"
    >>> case_clause_after(body, body.index(" tháng"))
    ' tháng lương cho người có từ đủ 05 năm công tác trở lên'
    >>> case_clause_after("mức 2 triệu đồng với hộ dưới 3 người, 3 triệu đồng với hộ từ 3 người", 5)
    ' triệu đồng với hộ dưới 3 người, '
    >>> case_clause_after("dưới 5 năm: 01 tháng, từ đủ 5 năm: 03 tháng", 14)
    ''
    """
    after = body[end:end + reach]
    stop = re.search(r"[;.](?:\s|$)|\n\s*\n", after)
    after = after[:stop.start()] if stop else after
    if not _CASE_LINK.match(after):
        return ""  # "01 tháng, từ đủ 5 năm: 03 tháng": the case after the comma is the next figure's label
    for figure in re.finditer(r"\d+(?:[.,]\d+)*", after):
        if not _CASE_BOUND_BEFORE.search(after[:figure.start()]):
            return after[:figure.start()]
    return after


def states_case_of(question: QuestionAnalysis, body: str, start: int, unit_word: str) -> bool:
    """Whether the figure at ``start``, printed after a case's bound ("từ đủ 05 năm", "dưới 05 năm"), bounds a case
    of the measure the question states its own case in ("người có 3 năm công tác được hỗ trợ bao nhiêu"): the case,
    not the answer.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Người có 3 năm công tác được hỗ trợ bao nhiêu?")
    >>> body = "hỗ trợ 03 tháng lương cho người có từ đủ 05 năm công tác trở lên"
    >>> states_case_of(q, body, body.index("05"), "năm"), states_case_of(q, body, body.index("03"), "tháng")
    (True, False)
    """
    scale = _CASE_SCALE.get(match_key(unit_word))
    if scale is None or asked_bound(question) or not _CASE_BOUND_BEFORE.search(body[max(0, start - 14):start]):
        return False  # "tối thiểu bao nhiêu năm": a bound is what is asked ("không ít hơn 01 năm")
    return any(case[0] == scale[0] for case in case_intervals(question.key, points=True))


# ---------------------------------------------------------------- cases the question rules out (w84)
# "Nuôi trồng thủy sản theo hình thức khác (không phải ao thâm canh, không phải lồng bè) … được hỗ trợ bao nhiêu":
# the question names the cases it does not mean; a figure printed for one of them ("… thâm canh trong ao: hỗ trợ
# 60.000.000 đồng/ha") is not the one asked.
_RULED_OUT = re.compile(r"\bkhong phai (?:la )?([^(),;:.?]+)|[(,] ?(?:tru|ngoai) ([^(),;:.?]+)")


def ruled_out(question: QuestionAnalysis) -> list[set[str]]:
    """The content words of each case the question rules out ("không phải ao thâm canh" → {"ao", "tham", "canh"}).

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Nuôi theo hình thức khác (không phải ao thâm canh, không phải lồng bè) được hỗ trợ bao nhiêu?")
    >>> [sorted(c) for c in ruled_out(q)]
    [['ao', 'canh', 'tham'], ['be', 'long']]
    >>> ruled_out(analyze_question("Người nước ngoài được hỗ trợ bao nhiêu?"))
    []
    """
    cases = []
    for match in _RULED_OUT.finditer(match_key(question.text)):  # the printed text: its brackets and commas bound
        phrase = re.split(r"\b(?:khong phai|duoc|thi|bi|co|la|se|phai)\b", match.group(1) or match.group(2))[0]
        words = [w for w in phrase.split()[:4] if w not in V.STOPWORDS and w not in _WH_WORDS]
        if words:
            cases.append(set(words))
    return cases


_PRINTED_EXCLUSION = re.compile(r"\((?:trừ|ngoài|không phải|không bao gồm)[^()]*\)?|(?<!\w)(?:trừ|không bao gồm)\s[^;.:()]*",
                                re.IGNORECASE)
_WH_WORDS = frozenset({"bao", "nhieu", "may", "nao", "gi", "duoc", "thi"})


def ruled_out_fit(question: QuestionAnalysis, printed: str) -> float:
    """−1 when the words a figure is printed for (its clause and label, ``printed``) hold a case the question
    rules out, else 0; the text's own exclusions are not cases it is printed for.

    >>> from retriever.qa.question import analyze_question
    >>> q = analyze_question("Được giao tài sản (không phải trụ sở, xe ô tô) có nguyên giá từ mức nào trở lên?")
    >>> ruled_out_fit(q, "a) Giao trụ sở làm việc"), ruled_out_fit(q, "a) Giao tài sản (trừ trụ sở làm việc; xe ô tô)")
    (-1.0, 0.0)
    """
    cases = ruled_out(question)
    if not cases:
        return 0.0
    words = set(syllables(_PRINTED_EXCLUSION.sub(" ", printed)))  # "(trừ trụ sở làm việc, xe ô tô)": the text's own
    # exclusion, printed as the question prints it, rules the case out there too
    return -1.0 if any(case <= words for case in cases) else 0.0


# ---------------------------------------------------------------- labels that number, not count (w109)
# A figure that numbers a part of the text is no quantity: an enumeration "(1) Tỷ trọng kinh tế số đạt 30% …; (2) …"
# (a figure in brackets opening a line or a clause), a section number alone at the head of a line ("2.1\nHỗ trợ
# nghiên cứu …", "1.2 Dịch vụ bán trú …": the second group has one or two digits, so it is no thousands group), and
# the cell of a table row under the "STT"/"TT" column ("13 | THANH HÓA | 191.100"). Seen in long plans and decisions
# (13 documents print bracketed enumerations, 16 section numbers alone on a line, most tables open on an STT column).
_OPENS_CLAUSE = re.compile(r"(?:^|[\n;:.,])\s*$")
_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+")
_ROW_NUMBER_HEADER = re.compile(r"(?:S[ốô]\s*)?S?TT\.?", re.IGNORECASE)


def enumeration_label(body: str, start: int, end: int) -> bool:
    """Whether the figure ``body[start:end]`` numbers a point rather than counts: "(1)" opening a line or a clause,
    or a section number ("2.1", "1.2.3") alone at the head of its line before a title.

    >>> t = "Mục tiêu: (1) Tỷ trọng kinh tế số đạt 30% GRDP; (2) có 10 doanh nghiệp"
    >>> enumeration_label(t, t.index("1)"), t.index("1)") + 1), enumeration_label(t, t.index("2)"), t.index("2)") + 1)
    (True, True)
    >>> enumeration_label(t, t.index("10 "), t.index("10 ") + 2)
    False
    >>> t = "thời hạn mười lăm (15) ngày"
    >>> enumeration_label(t, t.index("15"), t.index("15") + 2)
    False
    >>> t = "2.1\\nHỗ trợ nghiên cứu công nghệ\\n1.500 doanh nghiệp"
    >>> enumeration_label(t, 0, 3), enumeration_label(t, t.index("1.500"), t.index("1.500") + 5)
    (True, False)
    """
    if body[start - 1:start] == "(" and body[end:end + 1] == ")":
        return end - start <= 2 and bool(_OPENS_CLAUSE.search(body, max(0, start - 40), start - 1))
    line_start = body.rfind("\n", 0, start) + 1
    return (not body[line_start:start].strip() and bool(_SECTION_NUMBER.fullmatch(body, start, end))
            and bool(re.match(r"\s+[" + L.VI_UPPER + r"]", body[end:end + 4])))


def row_number(cells: tuple[str, ...] | None, header: tuple[str, ...] | None, body: str, at: int) -> bool:
    """Whether the figure at ``at`` is the cell of a table row under its "STT"/"TT" column: the row's number.

    >>> cells, header = ("13", "THANH HÓA", "191.100"), ("STT", "Địa phương", "Kinh phí hỗ trợ")
    >>> body = "13\\nTHANH HÓA\\n191.100"
    >>> row_number(cells, header, body, 0), row_number(cells, header, body, body.index("191"))
    (True, False)
    """
    column = _cell_column(cells, body, at)
    return column is not None and bool(header) and column < len(header) \
        and bool(_ROW_NUMBER_HEADER.fullmatch(header[column].strip()))


def _cell_column(cells: tuple[str, ...] | None, body: str, at: int) -> int | None:
    """The column of the cell of ``cells`` printed over ``at`` in ``body`` (cells may wrap over lines), or None."""
    if not cells:
        return None
    position = 0
    for i, cell in enumerate(cells):
        text = cell.strip()
        if not text:
            continue
        printed = re.compile(r"\s+".join(map(re.escape, text.split()))).search(body, position)
        if printed is None:
            continue  # a cell merged down from the row above: printed there, read here (corpus.bartables)
        if printed.start() <= at < printed.end():
            return i
        position = printed.end()
    return None
