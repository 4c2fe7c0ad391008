"""Named organs: where an agency's name starts and ends in running text ("Sở Giáo dục và Đào tạo", "UBND tỉnh Nghệ
An"), never fragments.

A name starts at a head word (Sở, Bộ, UBND, Công an …) and runs on through capitalised
words, the second syllable of a capitalised word ("Giáo dục"), administrative words
("tỉnh", "cấp huyện") and "và"/"-" joining capitalised parts.  A head followed by a title
or a verb ("Bộ trưởng", "Ban hành", "UBND ngày …") is not a name; a head alone is a name
only when it is one by itself ("Chính phủ", "BHXH").  :func:`agency_spans` reads them.
"""

from __future__ import annotations

import re

from corpus.lexicon import ACT_TYPE_NAMES, KNOWN_ORGANS
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V

# a head may be wrapped at the page width between its words ("Uỷ ban\nnhân dân cấp xã")
# State groups and corporations are given tasks as bodies are ("giao Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam
# làm việc với …", "Tổng công ty Điện lực …").
# Since the 2025 reorganisation a province's tax office is "Thuế tỉnh Vĩnh Long", "Thuế thành phố Hải Phòng", "Thuế cơ sở
# 3 …" (the tax letters tvpl_020, 049, 079, 082, 135, 176): "Thuế" heads a body only before a place level; before
# anything else it is a tax ("Thuế giá trị gia tăng").
_AGENCY_HEADS = V.AGENCY_HEADS + r"|Tập đoàn|Tổng công ty|Tổng Liên đoàn|Thuế(?= (?:tỉnh|thành phố|cơ sở)(?![\w]))"
_WRAPPED_HEADS = _AGENCY_HEADS.replace(" ", r"(?:[ \t]+|[ \t]*\n[ \t]*)")
_HEAD = re.compile(rf"(?<![\w])(?:Giao\s+)?(?:các\s+)?({_WRAPPED_HEADS})(?![\w])")
_HEAD_FULL = re.compile(rf"(?:{_AGENCY_HEADS})")
_WORDS = re.compile(r"[^\s,;:.()“”\"/\[]+|\s-\s")  # a footnote mark ("Nội vụ[5]") ends a word
_ORG_VERBS = re.compile(V.ORG_VERBS, re.IGNORECASE)


def _organ_pattern(name: str) -> str:
    words = []
    for word in name.split():
        word = re.escape(word)
        word = word.replace("Ủy", "(?:Ủy|Uỷ)").replace("hóa", "(?:hóa|hoá)").replace("Hòa", "(?:Hòa|Hoà)")
        word = "[Tt]ổ" if word == "Tổ" else word  # "Mặt trận tổ quốc"
        words.append(word)
    return r"\s+".join(words)


# The organs of corpus.lexicon whose full names hold lower-case words a capitalisation rule would cut.
# A ministry's name is also its provincial department's ("Sở Văn hóa, Thể thao và Du lịch").
# Bodies every province has under one national name with lower-case words in it (the one-stop desks).
# The Front's name is printed with "tổ quốc" in lower case as often as not ("Ủy ban Mặt trận tổ quốc Việt Nam các cấp").
_STANDARD_NAMES = ("Bộ phận Tiếp nhận và Trả kết quả", "Bộ phận tiếp nhận và trả kết quả", "Bộ phận Một cửa",
                   "Trung tâm Phục vụ hành chính công", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc Việt Nam")
_ORGAN_NAMES = (tuple(KNOWN_ORGANS) + tuple("Sở " + n[3:] for n in KNOWN_ORGANS if n.startswith("Bộ "))
                + _STANDARD_NAMES)
_KNOWN_ORGAN = re.compile(r"(?:" + "|".join(
    _organ_pattern(n) for n in sorted(_ORGAN_NAMES, key=len, reverse=True)) + r")(?![\w])")
# A head in lower case inside a sentence, before a capitalised name ("… phòng Tài chính và Kế hoạch quận …").
# "ngành Y tế", "ngành Nội vụ": a sector named by its ministry's field is the body that runs it (not "các sở, ngành
# Thành phố", where "ngành" is a kind of body of the place named after it).
_LOWER_HEAD = re.compile(r"(?<![\w])(?<![Cc]ơ )(?<![Tt]rụ )(?:các\s+)?(phòng|sở|cục|chi cục|trung tâm|văn phòng"
                         r"|ngành(?!\s+(?:Thành|Tỉnh|Trung|Thủ|Quận|Huyện|Xã|Phường|[A-Z]{2,})(?![\w])))"
                         r"(?=\s+[A-ZĐÀ-Ỹ](?![\w&-]*[\d/]))")  # "cơ sở", "trụ sở" are no department;

_ACT_TYPE_START = re.compile(r"(?:" + "|".join(
    re.escape(n) for n in sorted(ACT_TYPE_NAMES, key=len, reverse=True)) + r")(?![\w])")
_PERSON_START = re.compile(r"(?:" + "|".join(V.SURNAMES) + r")\s+[A-ZĐÀ-Ỹ]")
_PROVINCE_NAMES = "|".join(re.escape(p) for p in V.PROVINCES)
_PLACE_START = re.compile(rf"(?:{_PROVINCE_NAMES})(?![\w])")
# A province's name anywhere in the text: a head word printed inside it ("Phòng" of "Hải Phòng") starts no body
# ("Thuế thành phố Hải Phòng thì trao đổi …" names no "Phòng thì").
_PLACE_NAME = re.compile(rf"(?<![\w])(?:{_PROVINCE_NAMES})(?![\w])")
# A line this long that ends inside a name is a hard-wrapped line ("… Bộ Công\nan tại …"), not a cell or a heading.
_WRAPPED_LINE = 45

# A head of several words spelt out ("Liên đoàn", "Trung tâm", "Bệnh viện") may be followed straight away by the
# lower-case words of its name when they run to an administrative level: "Liên đoàn lao động cấp huyện", "Trung tâm
# y tế huyện", "Bệnh viện đa khoa tỉnh" (``_lower_run_continues``).
_SPELT_HEAD = re.compile(r"[A-ZĐÀ-Ỹ]\w*(?:[ \t]+[a-zđà-ỹ]\w*)+")


# The first syllables of a two-syllable administrative word, and the second syllables they need: "thành" alone
# is a verb's ("… cấp xã thành lập Tổ kiểm tra"), "thành phố" a level.
_LEVEL_PAIRS = {"thành": ("phố",), "thị": ("xã", "trấn"), "trung": ("ương",), "đặc": ("khu",)}


def _whole_level(token: str, following, window: str) -> bool:
    """Whether the administrative word ``token`` is a level, not the first syllable of another word."""
    pair = _LEVEL_PAIRS.get(token)
    if pair is None:
        return True
    return bool(following and following.group(0).strip() in pair
                and not window[following.start() - 1:following.start()].strip(" \t\n") )


# "Ban" followed by a lower-case two-syllable word names a board ("Ban lãnh đạo", "Ban đại diện chủ nợ"), the word
# perhaps wrapped over a line; "Ban hành" is a verb.  Only a name already read ("Ban lãnh") is made whole: a board
# mentioned in passing ("Thành lập Ban quản lý mới") is no body's name.
_BOARD = re.compile(r"[ \t]+(?!hành\b)([a-zđà-ỹ]+)(?:[ \t]+|[ \t]*\n[ \t]*)(?!(?:của|và|với|các|tại|thì|là|được|để)\b)"
                    r"[a-zđà-ỹ]+(?![\w])")


# A steering or command board is named after the field it steers, in words a capitalisation rule would cut:
# "Ban Chỉ huy Phòng thủ dân sự Bộ Xây dựng", "Ban chỉ đạo phòng thủ dân sự quốc gia", "Ban Chỉ huy phòng, chống
# thiên tai và tìm kiếm cứu nạn tỉnh" (tvpl_019, 128, 134, 140).  "Phòng" there is the verb "guard/prevent", not an
# office; the field runs on to the level or the ministry whose board it is.
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_BOARD_FIELD = re.compile(
    rf"Ban{_GAP}[Cc]hỉ{_GAP}(?:đạo|huy){_GAP}(?:[Pp]hòng{_GAP}thủ{_GAP}dân{_GAP}sự|PTDS|[Pp]hòng,?{_GAP}chống{_GAP}"
    rf"thiên{_GAP}tai(?:{_GAP}(?:và|&){_GAP}tìm{_GAP}kiếm{_GAP}cứu{_GAP}nạn)?|PCTT(?:{_GAP}?(?:và|&){_GAP}?TKCN)?)"
    rf"(?:{_GAP}(?:quốc{_GAP}gia|(?:cấp{_GAP})?(?:tỉnh|xã|huyện)|thành{_GAP}phố|Bộ{_GAP}[A-ZĐÀ-Ỹ]\w*(?:{_GAP}[a-zđà-ỹ]\w*)?))?"
    rf"(?![\w])")
# "Phòng thủ", "phòng, chống": the verb of a board's field, never an office's head.
_FIELD_VERB = re.compile(rf"[Pp]hòng(?:{_GAP}thủ|,?{_GAP}chống)(?![\w])")


_STANDING = re.compile(r"(?<![\w])(?:Ban[ \t]+)?Thường[ \t]+(?:trực|vụ)[ \t]+$")


def agency_spans(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, name) of every agency name in ``text`` (offsets + ``offset``).

    >>> [n for _, _, n in agency_spans("UBND ngày 5/1; Bộ trưởng Bộ Y tế chủ trì, Công an tỉnh phối hợp")]
    ['Bộ Y tế', 'Công an tỉnh']
    """
    spans = []
    heads = [(m.start(1), m.end(1), " ".join(m.group(1).split())) for m in _HEAD.finditer(text)]
    upper = [(h[0], h[1]) for h in heads]
    heads += [(m.start(1), m.end(1), m.group(1)) for m in _LOWER_HEAD.finditer(text)
              if not any(s <= m.start(1) < e for s, e in upper)]
    places = [(m.start(), m.end()) for m in _PLACE_NAME.finditer(text)]
    heads = [h for h in heads if not any(p_start < h[0] < p_end for p_start, p_end in places)]
    heads = [h for h in heads if not _FIELD_VERB.match(text, h[0])]
    offices: list[tuple[int, int]] = []
    for start, head_end, head_text in sorted(heads):
        end = base = head_end
        window = text[base:base + 140]
        words = list(_WORDS.finditer(window))
        previous_capital = head_text.split()[-1][:1].isupper() and len(head_text.split()) == 1
        if head_text[:1].islower():
            previous_capital = False
        taken = 0
        tail_end = 0  # the index of the verb a name's lower-case tail runs to (``_runs_to_verb``)
        in_word = previous_capital  # the last word taken is (part of) a capitalised word: "Dự án" in "Dự án 85"
        known = _KNOWN_ORGAN.match(text, start)  # "Viện kiểm sát nhân dân tối cao": the lexicon's whole name
        if known and known.end() > end:
            end, previous_capital, taken = known.end(), False, 1
        board = _BOARD_FIELD.match(text, start) if head_text == "Ban" else None
        if board is not None:
            name = " ".join(board.group(0).split())
            spans.append((offset + start, offset + board.end(), name))
            continue
        for index, word in enumerate(words):
            if base + word.start() < end:
                continue
            gap = window[(end - base):word.start()]
            lower_next = gap.count("\n") == 1 and word.group(0)[:1].islower()  # the line goes on in lower case
            # a bare head ending its line ("… phối hợp với Ban" / "Thường trực …") names no body: its line is wrapped
            bare_head = not taken and end == head_end and gap.count("\n") == 1 and head_text[:1].isupper() \
                and head_text not in V.STANDALONE_AGENCIES and word.group(0)[:1].isupper()
            if gap.strip() or ("\n" in gap and not lower_next and not bare_head
                               and not _wrapped(text, base + (end - base), gap)
                               and not _place_wrapped(words, index, window, gap)):
                break  # punctuation or a line break ends the name (a wrapped line does not)
            if "\n" in gap and _ORG_VERBS.match(window[word.start():]) and not _LEVEL_AFTER.match(window, word.start()):
                break  # "… tối cao" / "Chủ trì, phối hợp …": a new line starting with the body's verb
            token = word.group(0).strip()
            joined = index and words[index - 1].group(0).strip() in ("và", "&", "-")
            if taken and not joined and _ACT_TYPE_START.match(window, word.start()):
                break  # "… UBND tỉnh Quy định …": an act's type word starts the next phrase
            # "phường Hoàng Mai" is a place (two capitalised words), "tỉnh Nguyễn Văn A" a person after a title
            after_level = index and words[index - 1].group(0).strip() in _PLACE_LEVELS and _TWO_CAPITALS.match(
                window, word.start())
            if _PERSON_START.match(window, word.start()) and not _PLACE_START.match(window, word.start()) \
                    and not after_level:
                break  # "Chính phủ Nguyễn Hòa Bình": a person's name follows the agency
            if taken == 0 and token in V.NOT_AFTER_HEAD:
                break
            following = words[index + 1] if index + 1 < len(words) else None
            if token == "-":
                if following and following.group(0)[:1].isupper():
                    end = base + word.end()
                    continue
                break
            if token in ("và", "&") and taken:
                if following and following.group(0)[:1].isupper() and not _HEAD_FULL.fullmatch(following.group(0)) \
                        and not _HEAD.match(window[following.start():]):
                    end = base + word.end()
                    previous_capital = False
                    continue
                break
            was_word, in_word = in_word, False
            if token[:1].isupper() and not _HEAD_FULL.fullmatch(token):
                previous_capital = in_word = True
            elif token == "hội" and index and words[index - 1].group(0).strip() == "xã":
                previous_capital, in_word = False, True  # "xã hội" is one word ("Ngân hàng Chính sách xã hội")
            elif token in V.ADMIN_WORDS and _whole_level(token, following, window):
                previous_capital = False
            elif previous_capital and token.isalpha() and not (taken == 0 and head_text in _CAPITALISED_HEADS) \
                    and (token.lower() not in V.NAME_STOP or _word_pair(
                    words[index - 1].group(0).strip() if index else head_text.split()[-1], token)):
                previous_capital = False  # second syllable of a capitalised word: "Giáo dục" (not of "Bộ", "Sở": a
                # ministry's name is capitalised whole, "thuộc Bộ nhóm 1", "các Sở ngành" name none)
                in_word = True
            elif taken and was_word and _numbered(text, base + word.start(), token):
                previous_capital = False  # "Ban Quản lý Dự án 85", "Bệnh viện Quân y 175": a number ends the name
            elif index < tail_end or ((taken or _SPELT_HEAD.fullmatch(head_text)) and not _ORG_VERBS.match(
                    window[word.start():]) and (_lower_run_continues(words, index, window)
                    or (was_word and token not in V.AGENCY_TAIL_NOT_FIRST and not _KNOWN_ORGAN.fullmatch(text, start, end)
                        and (tail_end := _runs_to_verb(words, index, window))))):
                pass  # "Ủy ban nhân dân tỉnh", "Trung tâm Phục vụ hành chính công tỉnh …": lower-case words inside
            else:
                break
            end = base + word.end()
            taken += 1
            if taken >= 12:
                break
        if taken:
            end = _listed_tail(text, start, head_end, end, head_text)
        if taken and head_text == "Ban" and (board := _BOARD.match(text, head_end)) is not None and board.end() > end:
            end = board.end()  # "Ban lãnh\nđạo", "Ban đại diện": the fragment "Ban lãnh" made whole
        if in_word and taken and not _KNOWN_ORGAN.fullmatch(text, start, end):  # "Bộ Tài chính, Nông nghiệp và …"
            end = _more_fields(text, end)  # lists ministries sharing "Bộ"
        end = _more_levels(text, start, end)
        name = text[start:end].rstrip().rstrip("*_")  # a bold or italic mark printed against the name's last word
        while name.split() and name.split()[-1] in ("và", "các", "cấp", "-", "&"):
            name = name[: name.rfind(name.split()[-1])].rstrip()
        end = start + len(name)
        name = " ".join(name.split())
        if (taken and len(name.split()) >= 2) or name in V.STANDALONE_AGENCIES:
            spans.append((offset + start, offset + end, name))
        elif head_text in _OFFICE_OF:
            offices.append((start, head_end))
    for start, head_end in offices:  # "Văn phòng" + the agency right after it
        served = next((s for s in spans if s[0] - offset == head_end + 1 and text[head_end] == " "), None)
        if served:
            spans.append((offset + start, served[1], f"{text[start:head_end]} {served[2]}"))
    # the standing members of a body are a body of their own ("Giao Thường trực Hội đồng nhân dân …", "Ban Thường vụ
    # Tỉnh ủy", "Thường trực Ban Chỉ đạo"): the name starts at "Thường trực" / "Thường vụ"
    for index, (start, end, name) in enumerate(spans):
        standing = _STANDING.search(text, max(0, start - offset - 24), start - offset)
        if standing is not None:
            spans[index] = (offset + standing.start(), end, " ".join(standing.group(0).split()) + " " + name)
    # a name inside a longer one ("Công an" in "Bộ Công an", "Sở Y tế" in "Văn phòng Sở Y tế") is not another body
    return sorted(span for span in spans if not any(o[0] <= span[0] and span[1] <= o[1] and o[1] - o[0] > span[1] - span[0]
                                                    for o in spans))


# A name's lower-case tail that runs to the separator before another body of a list ("Cục An toàn thực phẩm, Sở
# Y tế …", "Vụ Bảo hiểm y tế và Cục Quản lý Dược", "Văn phòng Xúc tiến thương mại; …"): items of a list of bodies
# are bodies, so the words between a capitalised word and the next one's head are the rest of its name.
_TAIL_IN_LIST = re.compile(rf"((?:[ \t]+[a-zđà-ỹ]+){{1,{V.AGENCY_TAIL_WORDS - 1}}})(?=[ \t]*(?:,|;|[ \t]và[ \t]|[ \t]hoặc[ \t])"
                           rf"[ \t]*\n?[ \t]*(?:các[ \t]+)?(?:{_WRAPPED_HEADS})(?![\w]))")
# Heads whose names a clerk capitalises whole ("Bộ Y tế", "Sở Tài chính"): lower-case words after them are a verb's.
_CAPITALISED_HEADS = frozenset({"Bộ", "Sở", "UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "HĐND", "Hội đồng nhân dân",
                                "Chính phủ", "Thủ tướng Chính phủ", "Quốc hội", "BHXH", "Bảo hiểm xã hội"})


def _listed_tail(text: str, start: int, head_end: int, end: int, head_text: str) -> int:
    """The end of a name whose lower-case tail runs to the next body of a list (``_TAIL_IN_LIST``): only after
    a head and one capitalised word ("Cục An toàn", "Vụ Bảo hiểm", "Cục Kiểm soát"), a name that is not whole
    already; the tail's words are nouns, not a verb or a function word."""
    if head_text in _CAPITALISED_HEADS or _KNOWN_ORGAN.fullmatch(text, start, end):
        return end
    capitals = text[head_end:end].split()
    if not 1 <= len(capitals) <= 2 or not capitals[0][:1].isupper() or any(w[:1].isupper() for w in capitals[1:]):
        return end
    tail = _TAIL_IN_LIST.match(text, end)
    if tail is None:
        return end
    words = tail.group(1).split()
    if words[0] in V.AGENCY_TAIL_NOT_FIRST or any(
            w in V.AGENCY_TAIL_FUNCTION_WORDS or w in V.ADMIN_WORDS or w in V.AGENCY_ALTERNATIVES
            or (w in V.NAME_STOP and w not in V.AGENCY_NAME_PART_STOPS and w not in _INNER_WORDS and w != "số")
            for w in words):  # ("số" stops a name only before a figure: "Cục Dân số")
        return end
    return tail.end(1)


def _lower_run_continues(words, index: int, window: str, longest: int = 3) -> bool:
    """Whether the lower-case words from ``index`` (at most ``longest``) lead to more of the name:
    an administrative word ("tỉnh"), a capitalised word that does not start another agency, or "và" and
    such a word ("Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh …")."""
    for j in range(index, min(index + longest + 1, len(words))):
        token = words[j].group(0).strip()
        if j > index and window[words[j - 1].end():words[j].start()].strip():
            return False
        if token in ("các", "cấp"):  # "UBND các tỉnh", "UBND cấp xã" — but "hoàn tất các thủ tục" is a verb's object
            return j + 1 < len(words) and words[j + 1].group(0).strip() in _LEVEL_WORDS
        if token in V.ADMIN_WORDS:
            return j > index
        if token[:1].isupper():
            return j > index and not _HEAD.match(window, words[j].start())
        if token == "và" and j > index and j + 1 < len(words) and _joins_capital(words, j, window):
            return True
        if not token.isalpha() or (_stops(words, j) and token not in _INNER_WORDS) or match_key(token) in V.STOPWORDS:
            return False
    return False


def _joins_capital(words, j: int, window: str) -> bool:
    """Whether the "và" at ``j`` is followed, on the same line part, by a capitalised word that starts no
    other agency."""
    following = words[j + 1]
    return (not window[words[j].end():following.start()].strip() and following.group(0)[:1].isupper()
            and not _HEAD.match(window, following.start()))


# Two-syllable words whose second syllable ends a name elsewhere ("ký" of "ký quyết định", "triển" of "triển
# khai"): after a capitalised first syllable they are one word of the name ("Văn phòng Đăng ký đất đai", "Trung
# tâm Phát triển quỹ đất", "Cục Thi hành án dân sự").
_CAPITAL_PAIRS = frozenset({"đăng ký", "phát triển", "thi hành", "điều hành", "ngoại giao", "giải phóng", "dân chủ",
                            "chữ thập"})
# … and nouns whose first syllable starts a verb elsewhere ("thực" of "thực hiện"): inside a lower-case tail they
# go on with the name ("Cục An toàn thực phẩm", "Ủy ban Mặt trận Tổ quốc").
_NOUN_PAIRS = frozenset({"thực phẩm", "tổ quốc", "quy hoạch", "kiến trúc"})


def _word_pair(first: str, second: str, pairs: frozenset[str] = _CAPITAL_PAIRS | _NOUN_PAIRS) -> bool:
    return f"{first.lower()} {second.lower()}" in pairs


def _stops(words, j: int) -> bool:
    """Whether word ``j`` ends a name: a verb or function word (``NAME_STOP``); "số" only before a figure
    ("số 12/QĐ"), not inside a name ("Trung tâm Chuyển đổi số Thành phố"); not the first syllable of a noun
    of ``_NOUN_PAIRS`` ("thực phẩm")."""
    token = words[j].group(0).strip()
    if token == "số":
        return j + 1 >= len(words) or words[j + 1].group(0)[:1].isdigit()
    if j + 1 < len(words) and _word_pair(token, words[j + 1].group(0).strip(), _NOUN_PAIRS):
        return False
    return token in V.NAME_STOP


def _runs_to_verb(words, index: int, window: str) -> int:
    """The index of the word after them (0: none) when the lower-case words from ``index`` are the rest of a name a clerk reads up to its verb: at
    most ``AGENCY_TAIL_WORDS`` name-like words on the same line (or a wrapped one), then the body's verb
    ("Cục Kết cấu hạ tầng xây dựng tham mưu …") or "hoặc"/"và" and another agency ("Ban chấp hành công
    đoàn cơ sở hoặc Ban …").  The first word must not itself be a verb ("Sở Y tế xây dựng kế hoạch …")."""
    for j in range(index, min(index + V.AGENCY_TAIL_WORDS + 1, len(words))):
        token = words[j].group(0).strip()
        if j > index:
            gap = window[words[j - 1].end():words[j].start()]
            if gap.strip() or gap.count("\n") > 1:
                return 0
            if token not in ("cấp", ":") and _ORG_VERBS.match(window[words[j].start():]):
                return j
            if token in V.AGENCY_ALTERNATIVES and j + 1 < len(words) and _HEAD.match(window, words[j + 1].start()):
                return j
        if j == index + V.AGENCY_TAIL_WORDS or not token.isalpha() or not token.islower():
            return 0
        if token in V.AGENCY_TAIL_FUNCTION_WORDS or token in V.AGENCY_ALTERNATIVES:
            return 0
        if _stops(words, j) and ((j == index and token not in _INNER_WORDS) or token not in V.AGENCY_NAME_PART_STOPS):
            return 0
    return 0


# Words after which capitalised words are a place's name, whatever surname they start with ("phường Hoàng Mai").
_PLACE_LEVELS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "phố", "trấn", "vực", "khu"})
_TWO_CAPITALS = re.compile(r"[A-ZĐÀ-Ỹ]\w*(?:[ \t]+|[ \t]*\n[ \t]*)[A-ZĐÀ-Ỹ]\w*(?![ \t]+[A-ZĐÀ-Ỹ])(?![\w])")  # a line may wrap it
_LEVEL_WORDS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "thành", "thị", "sở", "Sở", "Bộ", "bộ", "cơ"})
_INNER_WORDS = frozenset({"hành", "ban"})  # stop words elsewhere, but inside names ("hành chính công", "Ủy ban")
_LEVELS = r"(?:thành phố|thị xã|thị trấn|đặc khu|tỉnh|huyện|quận|xã|phường)"
_LEVEL_END = re.compile(rf"(?<![\w]){_LEVELS}$")
# ", xã, đặc khu" (or " và đặc khu") after "Ủy ban nhân dân phường": the levels a body stands for, listed in lower case
_MORE_LEVELS = re.compile(rf"[ \t]*(?:,|[ \t]và)[ \t]*\n?[ \t]*{_LEVELS}(?![\w])(?![ \t]+[A-ZĐÀ-Ỹ\d])")
_CENTRAL = re.compile(r"[ \t]*\n?[ \t]*trực\s+thuộc\s+[Tt]rung\s+ương(?![\w])")


def _more_levels(text: str, start: int, end: int) -> int:
    """The end of a name that stands for several administrative levels ("Ủy ban nhân dân xã, phường",
    "UBND tỉnh, thành phố trực thuộc Trung ương"): when the name ends with a level, the levels listed after
    it in lower case (each not followed by a place's own name) belong to it."""
    if not _LEVEL_END.search(text, start, end):
        return end
    listed = end
    while (more := _MORE_LEVELS.match(text, listed)) is not None:
        listed = more.end()
    if listed > end and (central := _CENTRAL.match(text, listed)) is not None:
        listed = central.end()
    return listed


_PART = r"[A-ZĐÀ-Ỹ][\w]*(?:[ \t]+[a-zđà-ỹ][\w]*)?"
_GAP = r"[ \t]*\n?[ \t]*"
# ", Công nghệ và Môi trường" after "Ủy ban Khoa học": the fields a name lists, the last after "và"
_FIELDS = re.compile(rf",{_GAP}((?:{_PART}{_GAP},{_GAP})*{_PART}[ \t]+và{_GAP}{_PART})(?![\w])")


def _more_fields(text: str, end: int) -> int:
    """The end of a name that lists its fields ("Ủy ban Khoa học, Công nghệ và Môi trường", "Bộ Văn hóa, Thể
    thao và Du lịch"): capitalised parts after a comma, the last joined by "và", none starting another body."""
    match = _FIELDS.match(text, end)
    if match is None:
        return end
    parts = re.split(rf"{_GAP},{_GAP}|[ \t]+và{_GAP}", match.group(1))
    at = match.start(1)
    for part in parts:
        at = text.find(part, at)
        if _HEAD.match(text, at) or _PERSON_START.match(text, at) or _PLACE_START.match(text, at):
            return end
    return match.end()


def _numbered(text: str, at: int, token: str) -> bool:
    """Whether ``token`` at ``at`` is a short number closing a name ("Dự án 85 khẩn trương …"), not a count
    or a reference ("Sở Y tế 05 ngày", "85/QĐ")."""
    if not (token.isdigit() and V.AGENCY_NUMBER_DIGITS[0] <= len(token) <= V.AGENCY_NUMBER_DIGITS[1]):
        return False  # one digit after a name is a footnote's mark more often than its number
    after = text[at + len(token):at + len(token) + 20]
    if re.match(r"[,;:)](?!\d)|\.(?:\s|$)", after):
        return True
    following = re.match(r"[ \t]+([^\W\d][\w]*)", after)  # a table's next cell ("Bộ Tư pháp 11 VBQPPL") is not
    return bool(following and following.group(1).islower() and following.group(1) not in V.UNIT_WORDS)


# Bodies named after the body they serve: "Văn phòng UBND tỉnh", "Thanh tra Sở".
_OFFICE_OF = frozenset({"Văn phòng", "Thanh tra"})


def _wrapped(text: str, at: int, gap: str) -> bool:
    """Whether the line break at ``at`` only wraps a long line of running text."""
    if gap.count("\n") != 1:
        return False
    line_start = text.rfind("\n", 0, at) + 1
    return at - line_start >= _WRAPPED_LINE


_LEVEL_AFTER = re.compile(rf"cấp[ \t]+{_LEVELS}")  # "cấp tỉnh" is a level, not the verb "cấp"


def _place_wrapped(words, index: int, window: str, gap: str) -> bool:
    """Whether word ``index`` goes on with a place's name its line break split after the first syllable ("thành phố
    Hà" / "Nội", "tỉnh Đồng" / "Tháp"): after a level word, a capitalised syllable, then on the next line another one
    that starts no body.  Hard-wrapped texts split places so (14 real documents)."""
    if index < 2 or gap.count("\n") != 1 or not words[index].group(0)[:1].isupper():
        return False
    level, first = words[index - 2].group(0).strip(), words[index - 1].group(0).strip()
    return (level in _PLACE_LEVELS and first[:1].isupper() and first.isalpha()
            and not _HEAD.match(window, words[index].start()) and not _ORG_VERBS.match(window[words[index].start():]))

