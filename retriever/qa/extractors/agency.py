"""Agencies: whole names ("Sở Giáo dục và Đào tạo", "UBND tỉnh Nghệ An"), never fragments.

A name starts at a head word (Sở, Bộ, UBND, Công an …) and runs on through capitalised
words, the second syllable of a capitalised word ("Giáo dục"), administrative words
("tỉnh", "cấp huyện") and "và"/"-" joining capitalised parts.  A head followed by a title
or a verb ("Bộ trưởng", "Ban hành", "UBND ngày …") is not a name; a head alone is a name
only when it is one by itself ("Chính phủ", "BHXH").

Which agency answers: the one whose *clause* (the text it governs, up to the next agency
that is not merely cooperating) holds the task the question names; then the sentence's
subject, the heading above a verb-led sentence, an agency followed by "chủ trì".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache

from corpus.lexicon import ACT_TYPE_NAMES, KNOWN_ORGANS
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.base import Context
from retriever.qa.extractors.lists import ListExtractor
from retriever.qa.model import Span, Unit, UnitKind
from retriever.qa.parties import ASKS_EXECUTORS, read_executors
from retriever.qa.question import QuestionAnalysis, QuestionKind
from retriever.qa.scoring import local_overlap, syllables

# a head may be wrapped at the page width between its words ("Uỷ ban\nnhân dân cấp xã")
# State groups and corporations are given tasks as bodies are ("giao Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam
# làm việc với …", "Tổng công ty Điện lực …").
_AGENCY_HEADS = V.AGENCY_HEADS + r"|Tập đoàn|Tổng công ty|Tổng Liên đoàn"
_WRAPPED_HEADS = _AGENCY_HEADS.replace(" ", r"(?:[ \t]+|[ \t]*\n[ \t]*)")
_HEAD = re.compile(rf"(?<![\w])(?:Giao\s+)?(?:các\s+)?({_WRAPPED_HEADS})(?![\w])")
_HEAD_FULL = re.compile(rf"(?:{_AGENCY_HEADS})")
_WORDS = re.compile(r"[^\s,;:.()“”\"/\[]+|\s-\s")  # a footnote mark ("Nội vụ[5]") ends a word
_ORG_VERBS = re.compile(V.ORG_VERBS, re.IGNORECASE)
_LEAD = re.compile(r"\s*(?:[-+•*–]|\(\d+\)|[a-zđ]\)|\d+(?:\.\d+)*\.)?\s*(?:Giao\s+)?")
# Unnamed bodies may come first in the partners' list ("phối hợp với các bộ, cơ quan ngang bộ, Viện kiểm sát …").
_UNNAMED = (r"(?:(?:các\s+)?(?:bộ|cơ quan|ngành|sở|ban|đơn vị|địa phương|tổ chức|cá nhân)(?:\s+(?:ngang bộ|liên quan"
            r"|có liên quan|thuộc Chính phủ|trung ương|Trung ương))?\s*(?:,|và)\s*)*")
_COOPERATING = re.compile(rf"(?:phối hợp(?:\s+chặt chẽ)?(?:\s+với)?|cùng với|với|cùng)\s+{_UNNAMED}(?:các\s+)?$",
                          re.IGNORECASE)
# The question asks for the body something is sent or reported to ("phản ánh về đâu", "báo cáo cơ quan nào").
# "trình lên cơ quan nào", "gửi đến đâu", "nộp hồ sơ tại cơ quan nào": the verb, a direction word, then the slot.
_ASKS_RECIPIENT = re.compile(r"\b(?:ve dau|(?:gui|bao cao|trinh|nop(?: ho so)?|chuyen)(?: (?:ve|len|den|toi|cho|tai|o))?"
                             r" (?:dau|ai|(?:(?:nhung|cac) )?(?:co quan|don vi|bo|so) nao|cap nao))\b")
# The question asks who proposed ("Ai đề nghị …", "theo đề nghị của cơ quan nào", "cơ quan nào trình …").
_ASKS_PROPOSER = re.compile(r"\b(?:(?:ai|co quan nao|don vi nao|so nao|bo nao)(?: da)? (?:de nghi|de xuat|trinh)"
                            r"|(?:de nghi|de xuat|to trinh) cua (?:ai|co quan nao|don vi nao|so nao|bo nao))\b")
# … and the text names the proposer: "Xét đề nghị của Giám đốc Sở Tư pháp", "theo Tờ trình số 12/TTr-SYT của Sở Y tế".
_PROPOSED = re.compile(rf"(?:đề nghị|đề xuất|[Tt]ờ trình)(?:\s+số\s+\S+)?(?:\s+ngày\s+\S+)?\s+của\s+"
                       rf"(?:(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s+)?$", re.IGNORECASE)
# An agency right after these is an object or a beneficiary ("tham mưu cho UBND quận", "trình UBND tỉnh").
# "thừa ủy quyền Thủ tướng Chính phủ, thay mặt Chính phủ ký …": the body on whose behalf another acts;
# "tại trụ sở Chính phủ": a place.
_OBJECT = re.compile(r"(?:cho|của|tại|đến|về|thuộc|trình|báo cáo|gửi về|xin ý kiến|(?:ủy|uỷ) quyền|thừa lệnh"
                     r"|thay mặt|trụ sở|trách nhiệm trước|tham mưu|giúp|(?:đề xuất|kiến nghị) với)\s+(?:các\s+)?$", re.IGNORECASE)
# Between an object and the next body listed with it: a comma or "và", perhaps the next one's title.
_OBJECT_LIST = re.compile(rf"\s*(?:,|và|,\s*và)\s*(?:(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s+)?(?:các\s+)?")
# Between two listed bodies: a separator, possibly with unnamed ones ("…, Sở Y tế và các đơn vị liên quan, UBND …").
_LIST_JOIN = re.compile(r"^\s*(?:,|và|;)\s*(?:(?:các\s+)?(?:cơ quan|đơn vị|sở|ban|ngành|địa phương|tổ chức)"
                        r"(?:\s*,\s*(?:ngành|địa phương|đơn vị|cơ quan))*(?:\s+có)?(?:\s+liên quan)?\s*[,;]?\s*"
                        r"(?:và\s+)?)?(?:các\s+)?$")
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
# "phòng COVID-19", "phòng HIV/AIDS" prevent a disease
# "Bộ trưởng các Bộ: Tài chính, Quốc phòng, …", "Sở Xây dựng các tỉnh, thành phố: Gia Lai, Đắk Lắk, …",
# "Lãnh đạo các Bộ, cơ quan: Quốc phòng, …": one head (or a pair of heads) shared by the names listed
# after the colon; a list may run over a wrapped line ("Công\nan").
_HEAD_WORD = r"(?:Bộ|Sở|Cục|Vụ|Ban|Tổng cục|bộ|sở|cơ quan|tỉnh|thành phố|huyện|quận|xã|phường|đơn vị|địa phương|ngành)"
_LIST_CHAR = r"(?:[^;:.\n]|(?<=[^\W\d_])\n(?=[^\W\d_]))"  # a line ending inside a name is a wrap
_SHARED_HEAD = re.compile(rf"(?<![\w])(?:[Cc]ác\s+)({_HEAD_WORD}(?:\s*,\s*{_HEAD_WORD})*)\s*:\s*"
                          rf"((?:[A-ZĐÀ-Ỹ]{_LIST_CHAR}*?,\s*){{1,}}{_LIST_CHAR}+)", re.MULTILINE)
_ACT_TYPE_START = re.compile(r"(?:" + "|".join(
    re.escape(n) for n in sorted(ACT_TYPE_NAMES, key=len, reverse=True)) + r")(?![\w])")
_PERSON_START = re.compile(r"(?:" + "|".join(V.SURNAMES) + r")\s+[A-ZĐÀ-Ỹ]")
_PLACE_START = re.compile(r"(?:" + "|".join(re.escape(p) for p in V.PROVINCES) + r")(?![\w])")
# A line this long that ends inside a name is a hard-wrapped line ("… Bộ Công\nan tại …"), not a cell or a heading.
_WRAPPED_LINE = 45
_HEADING_NAME = re.compile(r"\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))\s*((?:" + _AGENCY_HEADS
                           + r")\s[^:;,.()]{2,80}?)\s*:?\s*$")


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
        for index, word in enumerate(words):
            if base + word.start() < end:
                continue
            gap = window[(end - base):word.start()]
            lower_next = gap.count("\n") == 1 and word.group(0)[:1].islower()  # the line goes on in lower case
            # a bare head ending its line ("… phối hợp với Ban" / "Thường trực …") names no body: its line is wrapped
            bare_head = not taken and end == head_end and gap.count("\n") == 1 and head_text[:1].isupper() \
                and head_text not in V.STANDALONE_AGENCIES and word.group(0)[:1].isupper()
            if gap.strip() or ("\n" in gap and not lower_next and not bare_head
                               and not _wrapped(text, base + (end - base), gap)):
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
            elif previous_capital and token.isalpha() and (token.lower() not in V.NAME_STOP or _word_pair(
                    words[index - 1].group(0).strip() if index else head_text.split()[-1], token)):
                previous_capital = False  # second syllable of a capitalised word: "Giáo dục"
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
_TWO_CAPITALS = re.compile(r"[A-ZĐÀ-Ỹ]\w*[ \t]+[A-ZĐÀ-Ỹ]\w*(?![ \t]+[A-ZĐÀ-Ỹ])(?![\w])")
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


_SUBJECT_WORDS = 4


@lru_cache(maxsize=256)
def _spelt_out(key: str) -> str:
    """A question key with its abbreviations spelt out ("hdnd cap xa" → "hoi dong nhan dan cap xa"): the
    question's own body is not the answer however either of them prints it."""
    from retriever.query import ABBREVIATIONS

    for abbr, full in ABBREVIATIONS.items():
        short = match_key(abbr)
        if short in key:
            key = re.sub(rf"(?<![\w&]){re.escape(short)}(?![\w&])", match_key(full), key)
    return key


_ECHO_SLACK = 2  # words of the question that may stand between those of a name it prints


def printed_together(name: str, question: QuestionAnalysis) -> bool:
    """Whether the question prints the name's words together — within as many words as the name has, plus
    ``_ECHO_SLACK``, of its text or of its text with abbreviations spelt out: "Sở Tài chính" is not printed by "… tự
    chủ tài chính tại các đơn vị … trực thuộc Sở Y tế", though every word of it is; "Thủ tướng Chính phủ" is
    by "… của Chính phủ, Thủ tướng".

    >>> from retriever.qa.question import analyze_question
    >>> question = analyze_question("Hai sở nào đánh giá tự chủ tài chính tại các đơn vị trực thuộc Sở Y tế?")
    >>> printed_together("Sở Tài chính", question), printed_together("Sở Y tế", question)
    (False, True)
    """
    wanted = {w for w in syllables(name) if not w.isdigit()}
    if not wanted:
        return False
    reach = len(wanted) + _ECHO_SLACK
    for key in (question.key, _spelt_out(question.key)):
        words = re.findall(r"[^\W_]+", key)
        if any(wanted <= set(words[i:i + reach]) for i in range(len(words))):
            return True
    return False


def _initials(words: list[str]) -> str:
    """The acronym a clerk writes for these words (match_key): each syllable's first letter, "và" and "-"
    left out ("nong nghiep va moi truong" → "nnmt")."""
    return "".join(w[0] for w in words if w not in ("va", "-", "&", "–") and w[:1].isalpha())


@lru_cache(maxsize=4096)
def acronym_forms(name: str) -> frozenset[str]:
    """The short forms of an agency's name, match_key and without "&" ("Sở Nông nghiệp và Môi trường" →
    "snnmt", "so nnmt"; "Ủy ban nhân dân tỉnh Nghệ An" → "ubnd tinh nghe an", "ubndtna" …): the initials of
    the first words followed by the rest as printed, or the head word kept and the initials of the rest.

    >>> sorted(f for f in acronym_forms("Sở Y tế") if " " not in f)
    ['syt']
    >>> "so nnmt" in acronym_forms("Sở Nông nghiệp và Môi trường")
    True
    """
    words = match_key(name).split()
    forms = set()
    for k in range(2, len(words) + 1):
        short = _initials(words[:k])
        if len(short) >= 3 or (len(short) == 2 and k < len(words)):  # "CT" alone is an act's code, not a body
            forms.add(" ".join([short, *words[k:]]))
            if k > 2:
                forms.add(" ".join([words[0], _initials(words[1:k]), *words[k:]]))
    return frozenset(forms)


def _question_acronyms(key: str) -> str:
    """The question key with "&" dropped inside acronyms ("so nn&mt" → "so nnmt"), to compare with
    :func:`acronym_forms`."""
    return re.sub(r"(?<=\w)&(?=\w)", "", key)


def _names_by_acronym(question_key: str, name: str) -> bool:  # question_key: match_key of the typed text
    """Whether the question prints ``name`` as an acronym ("Sở NN&MT", "UBTVQH", "BHXH tỉnh"), or ``name``
    prints as an acronym words the question spells out ("Sở NN&MT" for "Sở Nông nghiệp và Môi trường")."""
    key = _question_acronyms(question_key)
    if any(form in key and re.search(rf"(?<![\w/-]){re.escape(form)}(?![\w/-])", key) for form in acronym_forms(name)):
        return True
    printed = _question_acronyms(match_key(name)).split()
    for index, word in enumerate(name.split()):
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters) and index < len(printed):
            spelt = _spelt_acronym(key, printed[index])
            if spelt and re.search(rf"(?<![\w]){re.escape(' '.join(printed[:index] + [spelt] + printed[index + 1:]))}"
                                   rf"(?![\w])", key):
                return True
    return False


def _spelt_acronym(key: str, acronym: str) -> str | None:
    """The words of ``key`` whose initials spell ``acronym`` ("nnmt" → "nong nghiep va moi truong"), or None."""
    words = key.split()
    for start in range(len(words)):
        taken, letters = [], ""
        for word in words[start:]:
            if word in ("va", "-"):
                if not letters:
                    break
                taken.append(word)
                continue
            if not acronym.startswith(letters + word[0]):
                break
            taken.append(word)
            letters += word[0]
            if letters == acronym:
                return " ".join(taken)
    return None


# The question's slot right after a body's first words: "Ủy ban nhân dân | những tỉnh, thành phố nào", "… | tỉnh nào".
_SLOT_AFTER = re.compile(r"\s+(?:nhung|cac)\s|\s+\w+(?:\s\w+)?\s+nao\b")


def _head_words(name: str) -> int:
    """How many words the name's head takes ("Ủy ban nhân dân cấp tỉnh": 4; "Sở Y tế": 1; none: 0)."""
    head = _HEAD_FULL.match(name)
    return len(head.group(0).split()) if head else 0


def _acceptable(question: QuestionAnalysis, name: str) -> bool:
    """Not the question's own body: a name the question prints, or whose first ``_SUBJECT_WORDS`` words it
    prints ("Ban Quản lý Khu kinh tế mở Chu Lai thành phố Đà Nẵng" for "Ban Quản lý Khu Kinh tế mở Chu Lai
    là … thuộc cơ quan nào?")."""
    key = " ".join(re.findall(r"[\w&]+", match_key(name)))  # "Sở Văn hóa, Thể thao …" as the question's key prints it
    words = key.split()
    asked = (question.key, _spelt_out(question.key))
    if len(key) < 4 or (any(key in k for k in asked) and len(words) > 1):
        return False
    if len(words) > 1 and _names_by_acronym(match_key(question.text), name):
        return False  # "Sở NN&MT" in the question, "Sở Nông nghiệp và Môi trường" in the text (or the reverse)
    subject = max(_SUBJECT_WORDS, _head_words(name) + 1)  # past the head: "Ủy ban nhân dân | cấp tỉnh" is no prefix
    if len(words) > subject:
        for k in asked:
            printed = re.search(rf"\b{re.escape(' '.join(words[:subject]))}\b", k)
            if printed and not _SLOT_AFTER.match(k, printed.end()):
                return False  # … unless the question goes on with its slot ("Chủ tịch UBND những tỉnh nào")
    return not (question.wanted_head and not key.startswith(question.wanted_head))


def _cooperating(text: str, spans: list[tuple[int, int, str]], index: int, lower: int) -> bool:
    """Whether agency ``index`` is listed as cooperating ("phối hợp với X, Y")."""
    start = spans[index][0]
    previous_end = spans[index - 1][1] if index else lower
    before = text[previous_end:start]
    if _COOPERATING.search(before):
        return True
    if index and _LIST_JOIN.match(before):
        return _cooperating(text, spans, index - 1, lower)
    return False


# A body followed by its address ("… của Sở Nông nghiệp và Môi trường, số 63 đường Lý Tự Trọng, Phường Sài Gòn",
# "Trung tâm Phục vụ hành chính công tỉnh, địa chỉ: …"): the place where a file is handed in, not a body's task.
_ADDRESS_AFTER = re.compile(r"(?:[^.;:\n]|\n(?![ \t]*\n)){0,80}?,?\s*(?:số\s+\d+[A-Za-z]?(?:/\d+)*\s+(?:đường|phố|ngõ|ngách|Đường|Phố)\b"
                            r"|số nhà\b|[Đđ]ịa chỉ\s*:)")
_ADDRESS_REACH = 120
_ASKS_ISSUER = re.compile(r"\b(?:ban hanh|ky|cong bo)\b")  # "… do cơ quan nào ban hành": a cited act's issuer answers
# An act cited by its type, number and date, then its issuer: "Thông tư số 40/2025/TT-BNNMT ngày 02/7/2025 của".
_CITED_BY = re.compile(r"(?:" + "|".join(re.escape(n) for n in sorted(ACT_TYPE_NAMES, key=len, reverse=True))
                       + rf")\s+(?:số\s+)?\S*\d\S*(?:\s+ngày\s+[\d/]+(?:\s+tháng\s+\d+\s+năm\s+\d{{4}})?)?\s+của\s+"
                       rf"(?:(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s+)?$")
# The body that holds a task printed before it: "thuộc thẩm quyền (giải quyết) của X", "theo chức năng của X", "do X".
_AGENT_BEFORE = re.compile(rf"(?:(?:thuộc|theo)\s+(?:thẩm quyền|trách nhiệm|chức năng)(?:\s+(?:giải quyết|quản lý))?"
                           rf"\s+của|(?<![\w])do)\s+(?:(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s+)?(?:các\s+)?$")


# A line that is a duty's title naming its owner: "Trách nhiệm của Bộ Công an", "2. Nhiệm vụ của Sở Y tế:" — the tasks
# printed under it are that body's, though "của" precedes its name.
_DUTY_TITLE = re.compile(r"[ \t*_]*(?:(?:(?:[IVXLC]+|\d+(?:\.\d+)*)\.|[a-zđ]\)|Điều[ \t]+\d+[a-zđ]?\.)[ \t*_]*)?"
                         r"(?:Trách nhiệm(?: thi hành)?|Nhiệm vụ(?:,? (?:và )?quyền hạn)?)[ \t]+của[ \t]+(?:các[ \t]+)?")
_DUTY_TITLE_END = re.compile(r"[ \t*_:]*(?:\n|$)")


def _duty_owner(text: str, start: int, end: int) -> bool:
    """Whether the body at ``start:end`` is the owner a duty's title line names ("Trách nhiệm của X" alone on its
    line)."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_DUTY_TITLE.fullmatch(text, line_start, start) and _DUTY_TITLE_END.match(text, end))


def _is_object(text: str, spans, index: int, lower: int) -> bool:
    """Whether agency ``index`` is an object ("trình UBND tỉnh", "của Sở Y tế", "chịu trách nhiệm trước UBND tỉnh"),
    or listed right after one ("trước UBND tỉnh, Chủ tịch UBND tỉnh về …")."""
    if _duty_owner(text, spans[index][0], spans[index][1]):
        return False  # "Trách nhiệm của Bộ Công an" over its tasks: the owner
    previous_end = spans[index - 1][1] if index else lower
    before = text[max(previous_end, spans[index][0] - 30):spans[index][0]]
    if _ASSIGNED.search(before) or _AGENT_BEFORE.search(before):
        return False  # "giao nhiệm vụ cho Trung tâm …", "thuộc thẩm quyền của Sở Y tế": the body acts or holds the task
    if _OBJECT.search(before):
        return True
    return bool(index and _OBJECT_LIST.fullmatch(text, previous_end, spans[index][0])
                and not _ORG_VERBS.match(text[spans[index][1]:spans[index][1] + 40])  # "…, Sở Y tế chủ trì" acts
                and _is_object(text, spans, index - 1, lower))


# Alternative bodies share what follows ("Ban chấp hành công đoàn cơ sở hoặc Ban … phải có ý kiến").
_CO_SUBJECT = re.compile(r"\s*hoặc\s+(?:các\s+)?$")


def _clause_verb(text: str, end: int, stop: int) -> bool:
    """Whether a body's name is followed, before ``stop`` and any comma, by a verb it governs ("của Sở Y tế
    chủ trì …" still acts; "trụ sở Chính phủ, Phó Thủ tướng …" does not)."""
    return bool(_ORG_VERBS.match(text[end:min(stop, end + 40)]))


def _clauses(text: str, spans, lower: int, upper: int) -> list[tuple[int, int]]:
    """For each agency, the text it governs: up to the next agency that is an actor
    (not cooperating, not an object, not named right after it as an alternative)."""
    flags = [_cooperating(text, spans, i, lower) or _is_object(text, spans, i, lower)
             or (i > 0 and bool(_CO_SUBJECT.match(text, spans[i - 1][1], spans[i][0]))) for i in range(len(spans))]
    clauses = []
    for i, (start, end, _) in enumerate(spans):
        stop = upper
        for j in range(i + 1, len(spans)):
            if not flags[j]:
                stop = spans[j][0]
                break
        clauses.append((end, stop))
    return clauses


# The slot of the asked body in a question ("… thuộc cơ quan nào?", "Cơ quan nào làm chủ …", "… với bộ nào?").
_SLOT = re.compile(r"\b(?:(?:co quan|don vi|to chuc|uy ban|ngan hang|bo phan|bo|so|ban|phong|cuc|chi cuc|trung tam|vu|vien)"
                   r"\s+(?:nao|gi)|ai)\b")
_PERSON_AFTER = re.compile(r"\s+(?:" + "|".join(V.SURNAMES) + r")\s+[A-ZĐÀ-Ỹ]")
# The body a task is given to: "giao Bộ X …", "đề nghị Sở Y tế chỉ đạo …", "yêu cầu Chủ tịch UBND các tỉnh …"
# ("đề nghị của X" names who proposed: "của" makes X an object).
# "giao nhiệm vụ cho X", "phân công X", "được giao cho X": the body given the task, though "cho" precedes it.
_ASSIGNED = re.compile(r"(?<!\w)(?:[Gg]iao(?:\s+nhiệm\s+vụ)?|[Pp]hân\s+công|[Đđ]ề nghị|[Yy]êu cầu)(?:\s+cho)?\s+"
                       r"(?:các\s+)?(?:đồng chí\s+)?$")
_FRAME_AFTER, _FRAME_BONUS = 2, 0.4
_FRAME_RUN_BONUS = 0.15
_MENTION_PENALTY = 0.15
# A body that guides, follows, urges or inspects "việc …" oversees that task; the task is another body's. Unless
# the question asks who oversees.
_SUPERVISE_VERBS = r"(?:hướng dẫn|theo dõi|đôn đốc|kiểm tra|giám sát|thanh tra)"
_OVERSEEN = re.compile(rf"{_SUPERVISE_VERBS}(?:\s*(?:,|và)\s*{_SUPERVISE_VERBS})*\s+(?:việc|tình hình)\b",
                       re.IGNORECASE)
_SUPERVISES = re.compile(r"\b(?:huong dan|theo doi|don doc|kiem tra|giam sat|thanh tra)\b")
_PROPOSER_BONUS = 0.6  # outweighs the object penalty (-0.3) that "của" gives


# A paper of a body named after its act ("Báo cáo thẩm tra số 414/BC-UBPLTP15 ngày 03/6/2025 của Ủy ban Pháp luật và
# Tư pháp", "Kết luận kiểm tra của Thanh tra tỉnh", "ý kiến thẩm định của Sở Tư pháp"): the preambles of resolutions
# of the National Assembly's committees and of every People's Council, of decisions citing an appraisal.
_AUTHORED = re.compile(rf"(?<![\w])(?:[Bb]áo cáo|[Tt]ờ trình|[Cc]ông văn|[Vv]ăn bản|[Kk]ết luận|[Tt]hông báo|[Ýý] kiến"
                       rf"|[Đđ]ề án|[Kk]ế hoạch)[ \t]+([^,;()\n]{{0,100}}?)[ \t]+của[ \t]+"
                       rf"(?:(?:Phó[ \t]+)?(?:{V.AGENCY_TITLES})[ \t]+)?$")
_PAPER_WORDS = frozenset({"so", "ngay", "thang", "nam", "bao", "cao", "cua", "va", "ve", "viec"})


def _authored(key: str, text: str, start: int) -> bool:
    """Whether the body at ``start`` is named as the author of a paper whose act the question names: "Báo cáo
    thẩm tra … của X" for "Cơ quan nào thẩm tra …" (two syllables of the act, after the paper's noun, printed in
    the question)."""
    match = _AUTHORED.search(text, max(0, start - 160), start)
    if match is None:
        return False
    words = [w for w in syllables(match.group(1)) if w.isalpha()]
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(words) if a not in _PAPER_WORDS and b not in _PAPER_WORDS}
    return any(re.search(rf"\b{pair}\b", key) for pair in pairs)


def question_frame(key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The question's words right before and right after the asked body's slot.

    >>> question_frame("ban quan ly la co quan hanh chinh thuoc co quan nao")
    (('hanh', 'chinh', 'thuoc'), ())
    >>> question_frame("co quan nao lam chu chuong trinh mtqg")
    ((), ('lam', 'chu'))
    >>> question_frame("ai chiu trach nhiem ve tiem vac xin")
    ((), ('chiu', 'trach'))
    """
    match = _SLOT.search(key)
    if not match:
        return (), ()
    before = tuple(key[:match.start()].split()[-3:])
    rest = key[match.end():].lstrip()
    while (modal := _FRAME_MODAL.match(rest)) is not None and not _OWN_OBJECT.match(rest, modal.end()):
        rest = rest[modal.end():]  # "bộ nào có trách nhiệm | bố trí …": the verb follows
    after = tuple(rest.split()[:_FRAME_AFTER])
    return before, after


# "Ai chịu trách nhiệm về tiêm vắc xin?": "chịu trách nhiệm" takes its own object ("về …", "trước …"): it is the
# predicate the frame reads, not a modal before one.
_OWN_OBJECT = re.compile(r"(?:ve|truoc|voi|doi voi)(?: |$)")


def _frame_match(frame: tuple[tuple[str, ...], tuple[str, ...]], text: str, start: int, end: int) -> float:
    """How far the text around an agency repeats the question's frame around its slot: the word right
    before the slot printed right before the name ("thuộc Ủy ban nhân dân …" for "thuộc cơ quan nào"),
    the words right after it printed right after the name ("Bộ X làm chủ Chương trình")."""
    before = frame[0]
    score = 0.0
    if before:
        printed = syllables(text[max(0, start - 30):start])
        while printed and printed[-1] == "cac":
            printed.pop()
        if printed and printed[-1] == before[-1] and before[-1] not in V.STOPWORDS:
            score += _FRAME_BONUS
            # "báo cáo UBND tỉnh (qua Ban Quản lý …)" for "… báo cáo UBND tỉnh qua đơn vị nào": the question's words
            # before the slot printed in the same order before the name, each one more a closer fit
            run = next((k for k in range(1, min(len(before), len(printed)) + 1)
                        if printed[-k] != before[-k]), min(len(before), len(printed)) + 1) - 1
            score += _FRAME_RUN_BONUS * (run - 1)
    if frame[1][:2] == ("duoc", "giao") and _GIVEN.search(text, max(0, start - 12), start):
        score += _FRAME_BONUS  # "Ai được giao giám sát …": the body a clause gives the task to ("Giao X giám sát …")
    return score + _frame_after(frame, text, end)


_GIVEN = re.compile(r"(?<![\w])[Gg]iao(?:[ \t]+cho)?[ \t]+(?:các[ \t]+)?$")


def _frame_after(frame: tuple[tuple[str, ...], tuple[str, ...]], text: str, at: int) -> float:
    """The share of the question's words after the slot printed right at ``at``, times ``_FRAME_BONUS``."""
    after = frame[1]
    if not after:
        return 0.0
    modal = _MODAL_AFTER.match(text, at)
    shares = []
    for begin in (at, modal.end()) if modal else (at,):
        # "Bộ Tài chính có trách nhiệm bố trí …", "Bộ Nội vụ là cơ quan thẩm định …": the verb past the modal
        printed = syllables(text[begin:begin + 40])[:len(after) + 1]
        shares.append(sum(1 for word in after if word in printed) / len(after))
    where = _WHERE.match(text, at)
    if where is not None:
        # "Chủ tịch Ủy ban nhân dân các phường, xã nơi cơ quan thi hành án … đóng trụ sở quyết định phê duyệt …": the
        # body's verb comes after the clause that says where it is
        clause = syllables(re.split(r"[,;:.()]", text[where.end():where.end() + _WHERE_REACH], maxsplit=1)[0])
        if any(tuple(clause[i:i + len(after)]) == after for i in range(len(clause))):
            shares.append(1.0)
    return _FRAME_BONUS * max(shares)


_WHERE = re.compile(r"[ \t\n]+nơi[ \t\n]+")
_WHERE_REACH = 120


def _task_weights(question: QuestionAnalysis, context: Context) -> dict[str, float]:
    """The question's words that name a task, not a body ("thẩm định hồ sơ", not "cơ quan nào")."""
    body_words = {"co", "quan", "so", "bo", "don", "vi", "phong", "ban", "nganh", "nao", "chu", "tri", "phoi", "hop",
                  "trach", "nhiem", "chiu", "giao", "ai"}
    return {t: w for t, w in context.weights.items() if t not in body_words}


# A table's column of bodies: who leads ("Cơ quan chủ trì"), cooperates ("Đơn vị phối hợp"), or performs the
# row's task ("Cơ quan thực hiện", "Cơ quan giải quyết", "Thẩm quyền giải quyết").
# The header starts with the body noun; "Đơn vị tính" (a unit of measure), "Trụ sở chính của đơn vị" are no bodies.
_BODY_COLUMN = re.compile(r"^(?:co quan|don vi|tham quyen|bo phan|trach nhiem)\b(?! tinh\b)")
_NOT_BODY_COLUMN = re.compile(r"\b(?:tru so|dia chi|chuc danh|so luong|ten thu tuc)\b")


def _agency_column(question: QuestionAnalysis, header: tuple[str, ...], wants_partner: bool) -> int | None:
    """The column a table names the asked body in: the partners' when the question asks for partners, else
    the leading body's, else the one body column, or among several the one whose verb the question prints
    ("Cơ quan tiếp nhận" for "… nộp hồ sơ ở cơ quan nào tiếp nhận")."""
    keys = [match_key(h) for h in header]
    partners = [i for i, k in enumerate(keys) if "phoi hop" in k]
    if wants_partner:
        return partners[0] if partners else None
    lead = next((i for i, k in enumerate(keys) if "chu tri" in k), None)
    if lead is not None:
        return lead
    bodies = [i for i, k in enumerate(keys) if _BODY_COLUMN.search(k) and not _NOT_BODY_COLUMN.search(k)
              and i not in partners]
    if len(bodies) == 1:
        return bodies[0]
    asked = [i for i in bodies if (rest := _BODY_COLUMN.sub(" ", keys[i]).split())
             and re.search(rf"\b{re.escape(' '.join(rest))}\b", question.key)]
    return asked[0] if len(asked) == 1 else None


def _own_task(task: dict[str, float], context: Context, unit: Unit) -> dict[str, float]:
    """The task words that tell one body's task from another's within the unit's document: the words the
    document's title already prints ("Hiệp định … ASEAN … New Zealand" in every sentence of that decision)
    are its subject, not a task; all of them when the question says nothing else."""
    record = getattr(context.units, "record_words", {}).get(unit.doc_id, frozenset())
    own = {w: v for w, v in task.items() if w not in record}
    return own or task


# Bodies a decree names by their role, not by name ("người đứng đầu cơ sở giáo dục quyết định …", "cơ quan tiếp nhận
# hồ sơ có trách nhiệm …"): the subject of the sentence that prints the question's verb.
_ROLE_NOUN = re.compile(r"(?:[Nn]gười đứng đầu|[Tt]hủ trưởng|[Cc]ơ quan|[Cc]ơ sở|[Đđ]ơn vị|[Tt]ổ chức|[Nn]gười sử dụng"
                        r" lao động|[Dd]oanh nghiệp|[Hh]ội đồng|[Bb]ộ phận|[Cc]hủ đầu tư|[Nn]hà đầu tư)(?![\w])")
# What stands between a subject and its verb, in the question as in the text: "có trách nhiệm", "có thẩm quyền", "phải".
# "là cơ quan/tổ chức …" names the role a body holds ("Bộ Nội vụ là cơ quan thẩm định …", "Ai là tổ chức thu lệ phí?").
_MODAL = re.compile(r"(?:(?:co|chiu) (?:trach nhiem|tham quyen)|phai|duoc|se|can|duoc giao|la (?:co quan|to chuc|don vi)) ")
_MODAL_TEXT = re.compile(r"(?:[ \t\n]+(?:có|chịu)[ \t\n]+(?:trách[ \t\n]+nhiệm|thẩm[ \t\n]+quyền)|[ \t\n]+(?:phải|được|sẽ|cần)"
                         r"|[ \t\n]+là[ \t\n]+(?:cơ[ \t\n]+quan|tổ[ \t\n]+chức|đơn[ \t\n]+vị))+$")
# … in a question's frame, where "được (giao)" is the verb itself ("Ai được giao …": the body given the task).
_FRAME_MODAL = re.compile(r"(?:(?:co|chiu) (?:trach nhiem|tham quyen)|phai|se|can|la (?:co quan|to chuc|don vi)) ")
# The same words right after a body's name, before the verb it governs.
_MODAL_AFTER = re.compile(r"(?:[ \t\n]+(?:(?:có|chịu)[ \t\n]+(?:trách[ \t\n]+nhiệm|thẩm[ \t\n]+quyền)|phải|sẽ|cần"
                          r"|là[ \t\n]+(?:cơ[ \t\n]+quan|tổ[ \t\n]+chức|đơn[ \t\n]+vị)))+(?![\w])")
_CLAUSE_START = re.compile(r"(?:[,;:.()\n]\s*|\s(?:thì|do|và)\s+)(?=[^,;:.()\n]*$)")
_ROLE_WORDS = 12
_POWER_LABEL = re.compile(r"[ \t]*:[ \t]*")
_ROLE_END = re.compile(r"\s*(?:[,;:.()]|\s(?:hoặc|và|hoăc|theo|được|có|thực hiện|quyết định)\s)")


def _role_subject(question: QuestionAnalysis, body: str) -> tuple[int, int, str] | None:
    """(start, end, name) in ``body`` of the role that does what the question asks ("Ai quyết định ký hợp đồng …" →
    "người đứng đầu cơ sở giáo dục" in "…, người đứng đầu cơ sở giáo dục quyết định ký kết …"): the question's verb
    (the two syllables after its slot, past "có trách nhiệm", "phải" …) printed in the unit, and right before it a
    clause that starts with a role noun."""
    slot = _SLOT.search(question.key)
    if slot is None:
        return None
    rest = question.key[slot.end():].lstrip()
    while (modal := _MODAL.match(rest)) is not None:
        rest = rest[modal.end():]
    verb = rest.split()[:2]
    if len(verb) < 2 or any(not w.isalpha() for w in verb) or verb[0] in V.STOPWORDS:
        return None
    words = list(re.finditer(r"[^\W\d_]+", body))
    keys = [match_key(w.group(0)) for w in words]
    for i in range(1, len(words) - 1):
        if keys[i:i + 2] != verb:
            continue
        label = _POWER_LABEL.match(body, words[i + 1].end())
        if keys[i - 1] == "quyen" and label is not None:  # "Thẩm quyền đánh giá: người đứng đầu cơ sở giáo dục …"
            role = _ROLE_NOUN.match(body, label.end())
            stop = _ROLE_END.search(body, label.end())
            end = stop.start() if stop else len(body)
            name = " ".join(body[label.end():end].split())
            if role is not None and 2 <= len(name.split()) <= _ROLE_WORDS:
                return label.end(), end, name
            continue
        before = body[:words[i].start()].rstrip()
        modal = _MODAL_TEXT.search(before)
        end = len(before[:modal.start()] if modal else before.rstrip())
        boundary = max((m.end() for m in _CLAUSE_START.finditer(body, 0, end)), default=0)
        found = _role_at(body, boundary, end)
        while end - boundary < _ROLE_REACH:
            kept = body[:boundary].rstrip(" \t")
            if found is not None or (kept[-1:] not in {",", "\n"} and not kept.endswith(" và")) \
                    or kept.rstrip().endswith((";", ":", ".")) or re.search(r"\n[ \t]*\n$", kept):
                break  # only a comma, "và" or a line's wrap, not "thì"/"do", nor the end of a sentence or paragraph
            # a role named with its own commas or wrapped over lines ("Cơ quan nhà nước có thẩm quyền cấp, cấp lại
            # Chứng chỉ … là tổ chức thu lệ phí", "cơ quan tổ chức cán bộ Công an đơn vị, địa phương có trách nhiệm
            # lập …"): the clause reaches back over a comma or a line break to the role noun that starts it
            previous = [m.start() for m in _SOFT_STOP.finditer(body, 0, boundary - 1)]
            hard = max((m.end() for m in _HARD_STOP.finditer(body, 0, boundary - 1)), default=0)
            if not previous or previous[-1] < hard:
                found = _role_at(body, hard, end)
                break
            boundary = previous[-1] + 1
            found = _role_at(body, boundary, end)
        if found is not None:
            return found
    return None


_ROLE_REACH = 300  # how far back a role's own commas and line breaks are read
_ROLE_CHARS = 150  # a role longer than a short answer is a sentence, not a name
_ROLE_TAIL = re.compile(r"\s+theo\s+quy\s+định\b")  # "… theo quy định của pháp luật về …": where it is set, not who
_SOFT_STOP = re.compile(r"[,\n]")
_PREDICATE = re.compile(r"(?<![\w])(?:phải|sẽ|cần|đã|đang|sau khi|trước khi|nếu)(?![\w])")
_HARD_STOP = re.compile(r"[;:.()]|\n[ \t]*\n|\s(?:thì|do)\s")  # "… thuộc thẩm quyền của Bộ trưởng thì | thời hạn …"


def _role_at(body: str, boundary: int, end: int) -> tuple[int, int, str] | None:
    """(start, end, name) of the role named from ``boundary`` to ``end``, when a role noun starts it ("Cơ quan tham
    mưu về lĩnh vực tổ chức bộ máy thuộc bộ"), up to ``_ROLE_CHARS`` long."""
    clause = body[boundary:end]
    stripped = clause.lstrip(" \t\n-+*")
    role = _ROLE_NOUN.match(stripped)
    if role is None or not stripped[role.end():].strip() \
            or (role.group(0).lower() == "tổ chức" and _ORG_VERBS.match(stripped[role.end():])):
        return None  # "Tổ chức thực hiện …" is a verb; a role noun alone names no one
    if not _ROLE_NOUN.sub(" ", stripped).replace(",", " ").replace("và", " ").replace("hoặc", " ").strip():
        return None  # "cơ quan, tổ chức thẩm định …": role nouns alone name no one
    if _PREDICATE.search(stripped) or stripped.rstrip().endswith(","):
        return None  # "cơ quan, tổ chức thẩm định phải có văn bản …": a sentence, not a name; "…, quản lý": a verb
        # after a comma goes on with the sentence's verbs, it has no subject of its own
    start = boundary + len(clause) - len(stripped)
    tail = _ROLE_TAIL.search(body, start, end)
    end = tail.start() if tail else end
    name = " ".join(body[start:end].split())
    if 2 <= len(name.split()) and len(name) <= _ROLE_CHARS:
        return start, end, name
    return None


_SUBJECT_TITLE = re.compile(rf"[ \t]*(?:(?:Phó[ \t]+)?(?:{V.AGENCY_TITLES})[ \t]+)?")


def _subject_list(question: QuestionAnalysis, text: str, lead_at: int, end: int) -> tuple[int, int, str] | None:
    """The bodies a sentence starts with under one shared head ("3. Bộ trưởng các Bộ: Quốc phòng, Công an chỉ đạo
    …"): its subject, though no single name is printed whole; (start, end, shown) or None."""
    shared = next(_shared_heads(text[lead_at:end]), None)
    if shared is None or not _SUBJECT_TITLE.fullmatch(text, lead_at, lead_at + shared.start()) \
            or not _head_fits(question, shared.group(1)) or _own_head(question, shared.group(1)):
        return None
    start = lead_at + shared.start(2)
    stop = start + _listed_names_end(text[start:lead_at + shared.end(2)])
    while stop > start and text[stop - 1] in " ,;.":
        stop -= 1
    if stop <= start:
        return None
    return lead_at + shared.start(), stop, " ".join(text[lead_at + shared.start():stop].split())


# Who executes a document: its final article's subject, office holders and bodies as printed ("Chánh Văn phòng UBND
# tỉnh, Giám đốc Sở Y tế, … chịu trách nhiệm thi hành Quyết định này"). Decisions, decrees, resolutions and plans all
# close so; a clerk asked "Ai chịu trách nhiệm thi hành quyết định về …" reads that subject whole, titles included —
# the titles are the answer, not noise before a body's name.
_EXECUTORS_CONFIDENCE = 1.0
_DESCRIBED_BONUS = 1.2
_ANSWER_CHARS = 150


def _executors(question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
    """The subject of the unit's "… chịu trách nhiệm thi hành <văn bản> này" when the question asks who executes a
    document by a generic slot ("ai", "những ai", "cơ quan nào"), not by a head ("những bộ nào", "Giám đốc những
    sở nào": the names after that head answer); None otherwise."""
    if not _asks_executors(question):
        return None
    text = context.text(unit.doc_id)
    found = read_executors(text[:unit.end])  # the sentence may start before the unit (a list of names split at ";")
    if found is None or found[2] <= unit.start:
        return None  # no such sentence ends in this unit
    _, names, end = found
    blank = text.rfind("\n\n", names, end)
    if blank >= 0 and text[names:blank].strip() and not re.search(r"[,;]", text[names:blank]):
        names = blank + 2  # "Trách nhiệm tổ chức thực hiện" / "Chánh Văn phòng …": the article's title is no executor
    shown = " ".join(text[names:end].split())
    if _PLACEHOLDER.search(shown):
        return None  # "Chánh Văn phòng …, …….(tên tổ chức, cá nhân)……." : a form to fill in, not the act's own article
    if len(shown) > _ANSWER_CHARS:  # cut after the last whole name that fits
        cut = max(shown.rfind(", ", 0, _ANSWER_CHARS), shown.rfind("; ", 0, _ANSWER_CHARS))
        shown = shown[:cut] if cut > 0 else shown[:_ANSWER_CHARS]
    # every document closes alike: the one whose title the question describes is the one asked about
    return Span(names, end, _EXECUTORS_CONFIDENCE + _DESCRIBED_BONUS * _title_described(question, context, unit.doc_id),
                shown)


def _title_described(question: QuestionAnalysis, context: Context, doc_id: str) -> float:
    """The share of the title's word pairs ("tư pháp", "Cần Thơ") the question prints: how far it describes the
    document by its title."""
    record = context.store.documents[doc_id].record
    title = " ".join(str(getattr(record, field, "") or "") for field in ("title", "place"))
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(syllables(title))}
    asked = {f"{a} {b}" for a, b in itertools.pairwise(syllables(question.text))}
    return len(pairs & asked) / len(pairs) if pairs else 0.0


_NOT_EXECUTORS_PENALTY = 0.5


def _executors_first(question: QuestionAnalysis, unit: Unit, context: Context, read) -> Span | None:
    """The executors (``_executors``) when the question asks them and the unit names them; else what ``read`` finds,
    made less likely when the question asks who executes a document: bodies a unit names elsewhere do other tasks."""
    executors = _executors(question, unit, context)
    if executors is not None:
        return executors
    span = read(question, unit, context)
    if span is not None and _asks_executors(question):
        return replace(span, confidence=span.confidence - _NOT_EXECUTORS_PENALTY)
    return span


def _asks_executors(question: QuestionAnalysis) -> bool:
    """Whether the question asks who executes a document by a generic slot (see ``_executors``)."""
    return bool(ASKS_EXECUTORS.search(question.key) or _ASKS_RULES_EXECUTORS.search(question.key)) \
        and not _asked_heads(question)


# "… thi hành quy định về nếp sống văn minh": the rules a decision issues are executed by those its closing article
# charges with executing the decision.
_ASKS_RULES_EXECUTORS = re.compile(r"\b(?:trach nhiem|ai|nao|phai) (?:to chuc )?thi hanh (?:cac )?quy dinh\b")


_PLACEHOLDER = re.compile(r"[.…]{4,}|…[.…]|[.…]…")  # "…….(tên tổ chức)", "....(7) và .....(8)"


class AgencyExtractor:
    """The one body the question asks for."""

    kinds = (QuestionKind.AGENCY,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        return _executors_first(question, unit, context, self._read)

    def _read(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        spans = [s for s in document_spans(context, unit.doc_id, unit.start, unit.end) if _acceptable(question, s[2])]
        task = _own_task(_task_weights(question, context), context, unit)
        wants_partner = "phoi hop" in question.key and not question.asks_lead
        wants_recipient = bool(_ASKS_RECIPIENT.search(question.key))
        wants_proposer = bool(_ASKS_PROPOSER.search(question.key))
        if unit.kind is UnitKind.ROW and unit.cells and unit.header:
            column = _agency_column(question, unit.header, wants_partner)
            if column is not None and column < len(unit.cells):
                cell = " ".join(unit.cells[column].split())
                found = re.search(r"\s+".join(re.escape(w) for w in cell.split()), body) if cell else None
                if found and _acceptable(question, cell) and (_HEAD.match(cell) or agency_spans(cell)):
                    # a cell wrapped over lines is found all the same; a cell naming no body is no answer
                    return Span(unit.start + found.start(), unit.start + found.end(), 0.3, cell)
        options: list[tuple[float, int, int, str]] = []
        frame = question_frame(question.key)
        lead = _LEAD.match(body)
        lead_at = unit.start + (lead.end() if lead else 0)
        clauses = _clauses(text, spans, unit.start, unit.end)
        for index, ((start, end, name), (c_start, c_end)) in enumerate(zip(spans, clauses)):
            cooperating = _cooperating(text, spans, index, unit.start)
            score = 0.0
            owner = _duty_owner(text, start, end)
            if owner or (start - lead_at <= 6 and re.match(r"\s*(?:các\s+)?$", text[lead_at:start])):
                score += 0.3 if (_ORG_VERBS.match(text[end:end + 40]) or not question.asks_lead) else 0.1
            elif _ORG_VERBS.match(text[end:end + 40]) and "chủ trì" in text[end:end + 20]:
                score += 0.2
            if question.asks_lead and re.match(r"\s*(?:,\s*)?chủ trì", text[end:end + 20], re.IGNORECASE):
                score += 0.2  # "X chủ trì, phối hợp với Y …": X leads, whatever the clause after Y says
            framed = _frame_match(frame, text, start, end)
            label = _FIELD_BEFORE.search(text, max(unit.start, start - 60), start)
            if label and (label.group(1) == "phối hợp") == wants_partner:
                framed += _FIELD_LABEL_BONUS  # "Cơ quan thực hiện: Sở Y tế": the body the label names
            if wants_proposer and _PROPOSED.search(text, max(0, start - 80), start):
                framed += _PROPOSER_BONUS  # "Xét đề nghị của Giám đốc Sở Tư pháp" for "Ai đề nghị …"
            elif _authored(question.key, text, start):
                framed += _PROPOSER_BONUS  # "Báo cáo thẩm tra số … của Ủy ban Pháp luật …" for "… nào thẩm tra …"
            if cooperating:
                score += 0.25 if wants_partner else -0.2
            elif _is_object(text, spans, index, unit.start) and not framed:
                score += 0.3 if wants_recipient else -0.3
            assigned = bool(_ASSIGNED.search(text, max(0, start - 30), start))
            if assigned:
                score += 0.2  # "…; giao Bộ X làm chủ Chương trình": the body given the task
            leads = owner or start - lead_at <= 6 or bool(_ORG_VERBS.match(text[end:end + 40]))
            if not (leads or assigned or framed or cooperating or _is_object(text, spans, index, unit.start)):
                score -= _MENTION_PENALTY  # named in passing ("tại trụ sở Chính phủ"), not doing anything
            if not _ASKS_ISSUER.search(question.key) and _CITED_BY.search(text, max(unit.start, start - 90), start):
                score -= 2 * _MENTION_PENALTY  # "Thông tư số 40/2025/TT-BNNMT ngày 02/7/2025 của Bộ trưởng Bộ X quy
                c_end = c_start  # định …": the issuer of an act cited, and what the act provides, is no task of it
            if _ADDRESS_AFTER.match(text, end, min(unit.end, end + _ADDRESS_REACH)):
                score -= 2 * _MENTION_PENALTY  # "- Bộ phận Tiếp nhận … của Sở X, số 63 đường …": an address, no task
                c_end = c_start
            if name.isupper() or _PERSON_AFTER.match(text, end):
                score -= 0.3  # a title in capitals, a person's title ("Phó Thủ tướng … Chính phủ Nguyễn Hòa Bình")
            score += framed
            object_only = _is_object(text, spans, index, unit.start) and not (framed or cooperating or assigned)
            if wants_recipient and object_only:
                c_start, c_end = max(unit.start, start - 300), start  # what is sent to it comes before it
            elif (object_only and not _clause_verb(text, end, c_end)) or _PERSON_AFTER.match(text, end):
                # "tại trụ sở Chính phủ, …", "Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình đã chủ trì …": the
                # words after a place or a person's title are not the body's task
                c_end = c_start
            held = _AGENT_BEFORE.search(text, max(unit.start, start - 60), start)
            if held and not wants_recipient:
                # "Việc cấp giấy phép thuộc thẩm quyền của Sở Y tế", "… do Sở Y tế thực hiện": the task is printed
                # before the body that holds it, back to the previous body or clause
                stops = [unit.start + m.end() for m in re.finditer(r"[;:.]\s", text[unit.start:held.start()])]
                c_start = min(c_start, max([unit.start] + [e for _, e, _ in spans[:index] if e <= held.start()] + stops))
            if not _SUPERVISES.search(question.key):
                overseen = _OVERSEEN.search(text, c_start, min(c_end, c_start + 300))
                if overseen:
                    c_end = overseen.start()  # "… đôn đốc, kiểm tra việc thực hiện công khai …": another body's task
            score += 0.6 * local_overlap(task, text[c_start:c_end][:300]) if task else 0.0
            options.append((score, start, end, name))
        role = _role_subject(question, body)
        if role is not None and _acceptable(question, role[2]):
            r_start, r_end, name = role
            after = body[r_end:r_end + 300]
            options.append((0.3 + _FRAME_BONUS + (0.6 * local_overlap(task, after) if task else 0.0),
                            unit.start + r_start, unit.start + r_end, name))
        competent = _competent_in_title(question, unit, context) if _ASKS_COMPETENT.search(question.key) else None
        if competent is not None and _acceptable(question, competent[2]):
            options.append((0.3 + _FRAME_BONUS, *competent))
        listed = _subject_list(question, text, lead_at, unit.end)
        if listed is not None:
            l_start, l_end, name = listed
            own = text[l_end:unit.end][:300]
            options.append((0.3 + _frame_after(frame, text, l_end) + (0.6 * local_overlap(task, own) if task else 0.0),
                            l_start, l_end, name))
        field = _field_agency(question, unit, context, wants_partner)
        if field is not None:
            f_start, f_end, name = field
            own = body[:300]
            options.append((0.35 + (0.6 * local_overlap(task, own) if task else 0.0), f_start, f_end, name))
        # The heading above a sentence that starts with a verb ("Chủ trì, phối hợp…").
        starts_with_verb = not spans or (spans[0][0] - lead_at > 6 and not _TITLE_ONLY.fullmatch(
            text, lead_at, spans[0][0]))  # "Chủ tịch UBND huyện … chịu trách nhiệm": the sentence starts with its actor
        if starts_with_verb:
            heading = self._heading_agency(question, unit, context)
            if heading is not None:
                h_start, h_end, name = heading
                actors = [s for i, s in enumerate(spans) if not _cooperating(text, spans, i, unit.start)
                          and not _is_object(text, spans, i, unit.start)]
                own = text[unit.start:actors[0][0] if actors else unit.end][:300]  # what the heading's agency does
                score = 0.25 + 0.6 * local_overlap(task, own) if task else 0.25
                if question.asks_lead and re.match(r"chủ trì", text[lead_at:lead_at + 10], re.IGNORECASE):
                    score += 0.2  # "Chủ trì, phối hợp …" under the heading's agency: it leads
                score += _frame_after(frame, text, lead_at)  # "Chủ trì giải quyết …" for "… nào chủ trì giải quyết"
                options.append((score, h_start, h_end, name))
        if not options:
            return None
        score, start, end, name = max(options, key=lambda o: (o[0], -o[1]))
        title = _TITLE_BEFORE.search(text, max(0, start - 40), start)
        if title is not None and not re.search(rf"\b{re.escape(match_key(title.group(1)))}(?: \w+){{0,4}} nao\b",
                                               question.key):  # unless the question asks whose title it is
            start = title.start(1)  # "Chủ tịch Ủy ban nhân dân thành phố quyết định …": the holder of the office acts
        return Span(start, end, score, " ".join(text[start:end].split()))

    @staticmethod
    def _heading_agency(question: QuestionAnalysis, unit: Unit, context: Context):
        text = context.text(unit.doc_id)
        for node in reversed(context.units.heading_nodes(unit.doc_id, unit.start)):
            line_end = text.find("\n", node.start)
            line_end = node.end if line_end < 0 else min(line_end, node.end)
            while line_end < node.end and (_TITLE_GOES_ON.search(text, node.start, line_end)
                                           or _STARTS_LOWER.match(text, line_end + 1)):
                more = text.find("\n", line_end + 1)  # "3. Sở Văn hóa, Thể thao và" / "Du lịch"
                line_end = node.end if more < 0 else min(more, node.end)  # "Chủ tịch Ủy ban nhân dân" / "thành phố …"
            line = text[node.start:line_end]
            spans = [s for s in document_spans(context, unit.doc_id, node.start, line_end, node.end)
                     if _acceptable(question, s[2])]
            whole = _HEADING_NAME.match(line)
            if whole and _name_line(whole.group(1), spans, node.start + whole.start(1)) \
                    and _acceptable(question, whole.group(1)):
                end = max(node.start + whole.end(1), spans[0][1] if spans and spans[0][0] == node.start + whole.start(1)
                          else 0)  # a name wrapped over the heading's lines ("2. Ban Quản lý Khu kinh tế" / "Đông Nam")
                return node.start + whole.start(1), end, " ".join(text[node.start + whole.start(1):end].split())
            owner = _OWNER.match(line)
            if spans and spans[0][0] - node.start <= owner.end():
                return spans[0]  # the heading's subject: "1. Sở Y tế:", "Điều 12. Trách nhiệm của Viện kiểm sát …"
            duty = _DUTY_OWNER.fullmatch(line)
            if duty and not spans and len(duty.group(1).split()) <= _NAME_LINE_WORDS \
                    and _acceptable(question, duty.group(1)):
                # "Điều 12. Trách nhiệm của cơ sở giáo dục": a decree names the owner of an article's duties by its
                # kind; the points under it are that owner's
                return node.start + duty.start(1), node.start + duty.end(1), " ".join(duty.group(1).split())
            collective = _collective_heading(line.replace("\n", " "))  # "5. Các chủ đầu tư xây dựng và" / "kinh doanh …"
            if collective is not None and _acceptable(question, collective[2].split(None, 1)[1]):
                return node.start + collective[0], node.start + collective[1], collective[2]
            # a heading naming a body only inside its own sentence ("e) Xây dựng, trình UBND tỉnh phê duyệt …", the
            # unit's own point) owns nothing: the heading above it may
        return None


# A numbered heading naming bodies by their kind, not by name ("3. Các Sở, ban, ngành cấp tỉnh", "4. Các doanh nghiệp
# viễn thông", "b) Các cơ quan chuyên môn thuộc UBND tỉnh"): in a plan's "Tổ chức thực hiện" it owns the tasks
# listed under it as a named body's heading does.
_COLLECTIVE_HEADING = re.compile(
    r"[ \t*_]*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))[ \t*_]*((?:[Cc]ác|Những)[ \t]+(?:[Ss]ở|[Bb]ộ|[Bb]an|[Nn]gành|[Cc]ơ quan"
    r"|[Đđ]ơn vị|[Đđ]ịa phương|[Dd]oanh nghiệp|[Tt]ổ chức|[Cc]ơ sở|[Hh]ội|[Pp]hòng|[Tt]rung tâm|[Hh]uyện|[Xx]ã|[Tt]ỉnh"
    r"|[Cc]hủ đầu tư|[Nn]hà đầu tư|[Tt]ập đoàn|[Tt]ổng công ty|Ủy ban|Uỷ ban|UBND)(?![\w])[^:;.()\n]{0,70}?)[ \t*_]*:?[ \t*_]*$")


# A duty's title over the points that list them: "Điều 12. Trách nhiệm của cơ sở giáo dục", "2. Nhiệm vụ, quyền hạn của
# người đứng đầu cơ quan:" (the owner group 1, wrapped lines included).
_DUTY_OWNER = re.compile(r"[ \t*_]*(?:(?:Điều[ \t]+\d+[a-zđ]?|[IVXLC]+|\d+(?:\.\d+)*)\.|[a-zđ]\))?[ \t*_]*"
                         r"(?:Trách nhiệm|Nhiệm vụ|Quyền)(?:(?:,|[ \t]+và)[ \t]+(?:quyền hạn|nghĩa vụ|trách nhiệm|quyền))?"
                         r"(?:[ \t]+thi hành)?[ \t]+của[ \t]+(?:các[ \t]+)?([^\W\d_][^:;.()]*?)[ \t*_]*[:.]?[ \t*_]*")
_LEVEL_AFTER = re.compile(rf"cấp[ \t]+{_LEVELS}")  # "cấp tỉnh" is a level, not the verb "cấp"


def _collective_heading(line: str) -> tuple[int, int, str] | None:
    """(start, end, name) of the bodies a heading line names by their kind (``_COLLECTIVE_HEADING``), or None when
    the line goes on with a verb ("b) Các bộ, ngành, địa phương căn cứ chức năng …" is a task, not a heading)."""
    match = _COLLECTIVE_HEADING.fullmatch(line)
    if match is None or len(match.group(1).split()) > _WHOLE_NAME_WORDS:  # "5. Các chủ đầu tư xây dựng và kinh doanh
        return None  # hạ tầng Khu công nghiệp": a kind of body named with its trade, no verb in it
    name = match.group(1)
    if any((_ORG_VERBS.match(name[w.start():]) and not _LEVEL_AFTER.match(name, w.start())) or name[w.start():].startswith(("căn cứ", "chủ động", "khẩn trương"))
           for w in re.finditer(r"(?<![\w])\w", name)):
        return None
    return match.start(1), match.end(1), " ".join(name.split())


_SHORT_NAME_LINE = 9  # a heading line this short that starts with a name is the name
_NAME_LINE_WORDS = 12  # "Cục Kinh tế - Quản lý đầu tư xây dựng": a heading's body named by the whole line


def _name_line(line: str, spans, at: int) -> bool:
    """Whether a heading line ``line`` (at ``at``) is one body's name and nothing else: a clerk reads "7. Cục
    Kinh tế - Quản lý đầu tư xây dựng" above its tasks as the name, lower-case words included.  The line
    starts with the first name found in it, holds no other, has at most ``_NAME_LINE_WORDS`` words and no
    body's verb after that name ("1. Sở Y tế chủ trì tổ chức …" is a task, not a name)."""
    words = line.split()
    if spans and spans[0][0] != at:
        return False
    if spans:
        rest = line[spans[0][1] - at:]
        if any(_ORG_VERBS.match(rest[m.start():]) for m in re.finditer(r"(?<![\w])\w", rest)):
            return False
    if len(words) <= _SHORT_NAME_LINE:
        return True
    return len([w for w in words if w not in ("-", "–", "&")]) <= _NAME_LINE_WORDS and len(spans) == 1


# An office's title printed right before the body's name ("Chủ tịch Ủy ban nhân dân …", "Giám đốc Sở Y tế").
_TITLE_BEFORE = re.compile(rf"(?<![\w])((?:Phó\s+)?(?:{V.AGENCY_TITLES}))[ \t]*\n?[ \t]*$")
# Only an office's title before the first body: the sentence still starts with the body ("Giám đốc Sở Y tế …").
_TITLE_ONLY = re.compile(rf"\s*(?:các\s+)?(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s*")
# A title line that stops on a joining word or mark goes on on the next line.
_TITLE_GOES_ON = re.compile(r"(?:[ \t](?:và|&|-|–)|,)[ \t]*$")


# The question asks which body holds the power to settle a matter ("thuộc thẩm quyền (giải quyết) của cơ quan nào",
# "cơ quan nào có thẩm quyền giải quyết …").
_ASKS_COMPETENT = re.compile(r"\btham quyen\b")
# A title naming the body competent for everything listed under it: "DANH MỤC THỦ TỤC HÀNH CHÍNH … THUỘC THẨM QUYỀN
# GIẢI QUYẾT CỦA SỞ Y TẾ", "Danh mục … thuộc thẩm quyền quản lý của Ủy ban nhân dân cấp xã" (a table's rows).
_COMPETENT_TITLE = re.compile(r"(?:THUỘC|thuộc)\s+(?:THẨM QUYỀN|thẩm quyền)(?:\s+(?:GIẢI QUYẾT|giải quyết|QUẢN LÝ|quản lý))?"
                              r"\s+(?:CỦA|của)\s+((?:[^\W\d_]+[ \t]*){1,10}?)[ \t]*(?=\n|[/(;.,]|$)")
_TITLE_REACH = 400


def _competent_in_title(question: QuestionAnalysis, unit: Unit, context: Context) -> tuple[int, int, str] | None:
    """(start, end, name) of the body a title above ``unit`` makes competent for what it lists (``_COMPETENT_TITLE``):
    a procedure's row in a list of procedures names where a file is handed in, not who settles it."""
    text = context.text(unit.doc_id)
    for node in reversed(context.units.heading_nodes(unit.doc_id, unit.start)):
        title = _COMPETENT_TITLE.search(text, node.start, min(node.end, unit.start, node.start + _TITLE_REACH))
        if title is not None and (_HEAD.match(title.group(1)) or _HEAD.match(title.group(1).title())
                                  or title.group(1).split()[0].upper() in ("UBND", "HĐND")):
            return title.start(1), title.end(1), " ".join(title.group(1).split())
    return None


# A labelled field of a plan's task: "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.", "Cơ quan phối hợp: …".
_FIELD = re.compile(r"(?:Cơ quan|Đơn vị|cơ quan|đơn vị)\s+(chủ trì|thực hiện|phối hợp|giải quyết|tiếp nhận)"
                    r"[^:\n]{0,30}:[*_]*\s*")
# The same label printed right before a body inside the unit ("**Cơ quan thực hiện thủ tục hành chính:** Sở Y tế").
# ("Thẩm quyền quyết định: Chủ tịch Ủy ban nhân dân tỉnh", "Thẩm quyền đánh giá: người đứng đầu …": the label of
# the one who holds a power, group 1 empty)
_FIELD_BEFORE = re.compile(r"(?:(?:Cơ quan|Đơn vị|cơ quan|đơn vị)\s+(chủ trì|thực hiện|phối hợp|giải quyết|tiếp nhận)"
                           r"|Thẩm quyền(?=[ \t]+[a-zđà-ỹ]))[^:\n]{0,30}:[*_]*\s*(?:-\s*)?$")
_FIELD_LABEL_BONUS = 0.3
_NEW_TASK = re.compile(r"\s*(?:\d+(?:\.\d+)+\.?\s|[IVX]+\.\s|[a-zđ]\)\s*Nhiệm vụ)")
_FIELD_UNITS, _FIELD_REACH = 5, 700


def _field_bodies(question: QuestionAnalysis, unit: Unit, context: Context, wants_partner: bool):
    """(start, end, names) of the bodies a plan names in the fields after the task ``unit`` ("b) Cơ quan thực hiện: -
    Đơn vị chủ trì: X. - Đơn vị phối hợp: Y, Z."): the partners' field when the question asks for partners, else the
    leading body's field and the partners' after it; None when no field follows before the next task."""
    text = context.text(unit.doc_id)
    wanted = ("phối hợp",) if wants_partner else ("chủ trì", "thực hiện", "giải quyết", "tiếp nhận", "phối hợp")
    span, found = (unit.start, unit.end), []
    for _ in range(_FIELD_UNITS):
        span = context.units.next_unit(Unit(unit.doc_id, span[0], span[1], -1, "", ""))
        if span is None or span[0] - unit.end > _FIELD_REACH or _NEW_TASK.match(text, span[0]):
            break
        match = _FIELD.search(text, span[0], span[1])
        if match and match.group(1) in wanted:
            names = [s for s in document_spans(context, unit.doc_id, match.end(), span[1]) if _acceptable(question, s[2])]
            collective = _collective_heading("1. " + " ".join(text[match.end():span[1]].split()).rstrip(" ."))
            if names and names[0][0] - match.end() <= 4:
                found.extend(names)
            elif collective is not None:  # "Đơn vị phối hợp: Các Sở, ban, ngành."
                found.append((match.end(), span[1], collective[2]))
    if not found:
        return None
    return found[0][0], found[-1][1], list(dict.fromkeys(n for _, _, n in found))


def _field_agency(question: QuestionAnalysis, unit: Unit, context: Context, wants_partner: bool):
    """The body a plan names in a field after the task ("a) Nhiệm vụ: … b) Cơ quan thực hiện: - Đơn vị chủ
    trì: X."): the leading body, or the cooperating one when the question asks for partners."""
    text = context.text(unit.doc_id)
    wanted = ("phối hợp",) if wants_partner else ("chủ trì", "thực hiện", "giải quyết", "tiếp nhận")
    span = (unit.start, unit.end)
    for _ in range(_FIELD_UNITS):
        span = context.units.next_unit(Unit(unit.doc_id, span[0], span[1], -1, "", ""))
        if span is None or span[0] - unit.end > _FIELD_REACH or _NEW_TASK.match(text, span[0]):
            return None
        match = _FIELD.search(text, span[0], span[1])
        if match and match.group(1) in wanted:
            names = [s for s in document_spans(context, unit.doc_id, match.end(), span[1]) if _acceptable(question, s[2])]
            if names and names[0][0] - match.end() <= 4:
                return names[0]
    return None


def _head_fits(question: QuestionAnalysis, head: str) -> bool:
    """A shared head answers "những bộ nào" only if it is (or holds) the asked noun ("các Bộ, cơ quan:")."""
    asked = set(question.list_noun) | ({question.wanted_head} if question.wanted_head else set())
    heads = set(re.findall(r"\w+", match_key(head)))
    return not asked or asked <= _GENERIC_BODY_WORDS or bool(asked & heads)  # "những cơ quan nào": any head


def _shared_heads(text: str):
    """Every shared head of ``text`` (``_SHARED_HEAD``), a later one inside the names of an earlier one included
    ("Ủy ban nhân dân các tỉnh: A, B … gửi Báo cáo về … các Bộ: Tài chính, …")."""
    at = 0
    while (match := _SHARED_HEAD.search(text, at)) is not None:
        yield match
        at = match.end(1)


def _own_head(question: QuestionAnalysis, head: str) -> bool:
    """Whether the bodies a shared head lists are the question's own subject, not its slot: "Ủy ban nhân dân các
    tỉnh: A, B" for "các tỉnh gửi báo cáo về những cơ quan nào?" (the question prints "các tỉnh" and asks no
    province)."""
    asked = set(question.list_noun) | ({question.wanted_head} if question.wanted_head else set())
    words = re.findall(r"\w+", match_key(head))
    return not (asked & set(words)) and any(re.search(rf"\b(?:cac|nhung) {w}\b", question.key) for w in words)


# The words of "những cơ quan / đơn vị / tổ chức nào": a body of any kind is asked.
_GENERIC_BODY_WORDS = frozenset({"co", "quan", "don", "vi", "to", "chuc", "noi", "nganh", "ai"})


def _listed_names_end(listed: str) -> int:
    """Where the names listed after a shared head end: at an item that does not start with a capital, or
    where a name gives way to the sentence's own words ("Xây dựng, Công Thương theo chức năng …" → "…
    Công Thương"; "Nông nghiệp và Môi trường rà soát" → "… Môi trường"): a lower-case syllable continues
    a name only right after a single capital one, and "và" only before a capital."""
    end, capitals, previous_upper = 0, 0, False
    words = list(re.finditer(r"[^\W\d_]+|,", listed))
    for index, word in enumerate(words):
        token = word.group(0)
        if token == ",":
            if index + 1 < len(words) and words[index + 1].group(0)[:1].isupper():
                capitals, previous_upper = 0, False
                continue
            break
        nxt = words[index + 1].group(0) if index + 1 < len(words) else ""
        if token[0].isupper():
            capitals, previous_upper = capitals + 1, True
        elif token == "và" and nxt[:1].isupper():
            if _HEAD.match(listed, words[index + 1].start()):
                break  # "…, Tài chính và Ủy ban nhân dân tỉnh": another body, not a listed name
            capitals, previous_upper = 0, False
        elif capitals == 1 and previous_upper:
            capitals, previous_upper = 0, False  # the second syllable of "Xây dựng", "Y tế"
        else:
            break
        end = word.end()
    return end


_HEAD_LOOKBACK = 60
_OBJECTS_ONLY_PENALTY = 0.3
_SHARED_FIT_BONUS = 0.3
# Nouns of "những X nào" that are the head of every listed name.
_HEAD_NOUNS = frozenset({"bo", "so", "tinh", "cuc", "vu", "ban", "phong", "huyen", "xa", "phuong", "quan"})


def _asked_heads(question: QuestionAnalysis) -> set[str]:
    """The head the listed names must have, when the question names one ("những tỉnh nào" → {"tinh"})."""
    asked = {w for w in question.list_noun[-1:] if w in _HEAD_NOUNS}
    if question.wanted_head in _HEAD_NOUNS:
        asked.add(question.wanted_head)
    return asked


def _doers(question: QuestionAnalysis, text: str, listed, spans, lower: int) -> list[tuple[int, int, str]]:
    """The bodies of ``spans`` that act or cooperate, not those named as an object ("theo quy định của Chính phủ",
    "báo cáo UBND tỉnh"), unless the question asks where something goes."""
    if _ASKS_RECIPIENT.search(question.key):
        return spans
    objects = {listed[i] for i in range(len(listed)) if not _cooperating(text, listed, i, lower)
               and _is_object(text, listed, i, lower)}
    return [s for s in spans if s not in objects]


# A sentence whose subject lists bodies by their kind, named ones among them ("2. Các bộ, ngành, tổ chức chính trị - xã
# hội, Ủy ban nhân dân các tỉnh … trong phạm vi chức năng … có trách nhiệm chỉ đạo …", "Các Bộ, cơ quan ngang Bộ, Ủy
# ban nhân dân tỉnh, thành phố chịu trách nhiệm …"): decrees and resolutions charge several bodies so; the subject,
# up to where the predicate starts, is the list of those charged — the kinds as much as the named bodies.
_KIND_SUBJECT = re.compile(r"(?:Các|Những)[ \t]+(?:bộ|Bộ|cơ quan|sở|Sở|ban|ngành|đơn vị|địa phương|tổ chức|Ủy ban|Uỷ ban"
                           r"|UBND|Bộ trưởng|Thủ trưởng)(?![\w])")
# Where the predicate starts: a modal, the scope of its power, or a body's verb.
_PREDICATE_START = re.compile(r"[ \t\n]+(?:(?:có|chịu)[ \t\n]+(?:trách[ \t\n]+nhiệm|thẩm[ \t\n]+quyền)|trong[ \t\n]+phạm[ \t\n]+vi"
                              r"|theo[ \t\n]+chức[ \t\n]+năng|căn[ \t\n]+cứ|phải|khẩn[ \t\n]+trương|chủ[ \t\n]+động)(?![\w])")
_SUBJECT_REACH = 200


def _kind_subject(text: str, at: int, end: int) -> tuple[int, int, str] | None:
    """(start, end, shown) of the subject of the sentence at ``at`` when it lists bodies by their kind
    (``_KIND_SUBJECT``), at least two of them, up to the predicate; None otherwise."""
    if _KIND_SUBJECT.match(text, at) is None:
        return None
    window = text[at:min(end, at + _SUBJECT_REACH)]
    stops = [m.start() for m in _PREDICATE_START.finditer(window)]
    stops += [m.start() for m in re.finditer(r"(?<=[^\s,])(?<![\s,]và)(?<![\s,]các)(?<![\s,]hoặc)[ \t\n]+(?=\S)", window)
              if _ORG_VERBS.match(window[m.end():]) and not _LEVEL_AFTER.match(window, m.end())]
    # ", tổ chức", "và tổ chức", "các cấp": one more kind or a level, not the predicate's verb
    stop = min(stops, default=-1)
    if stop <= 0 or re.search(r"[:;.()]", window[:stop]):
        return None  # no predicate within reach, or the subject is a heading's list ("Các Bộ: Y tế, …")
    shown = " ".join(window[:stop].split()).rstrip(" ,")
    if "," not in shown or len(shown) > _ANSWER_CHARS:
        return None  # one kind alone ("Các bộ có liên quan") answers no "which bodies"
    return at, at + len(window[:stop].rstrip(" \t\n,")), shown


class AgenciesExtractor:
    """Several bodies ("những bộ nào phối hợp"): every agency the unit names, minus the question's own."""

    kinds = (QuestionKind.AGENCIES,)

    def extract(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        return _executors_first(question, unit, context, self._read)

    def _read(self, question: QuestionAnalysis, unit: Unit, context: Context) -> Span | None:
        listed = ListExtractor().enumeration(question, unit, context)
        if listed is not None:  # "Các tổ chức hành chính ở cấp xã, gồm: a) …; b) …" for "… gồm những tổ chức nào?"
            return listed
        text = context.text(unit.doc_id)
        body = text[unit.start:unit.end]
        spans = [s for s in document_spans(context, unit.doc_id, unit.start, unit.end) if _acceptable(question, s[2])]
        if unit.kind is UnitKind.ROW and unit.cells and unit.header:  # "Cơ quan phối hợp" | "Sở Tài chính, Sở Y tế"
            wants_partner = "phoi hop" in question.key or "tham gia" in question.key
            column = _agency_column(question, unit.header, wants_partner)
            if column is not None and column < len(unit.cells):
                cell = " ".join(unit.cells[column].split())
                found = re.search(r"\s+".join(re.escape(w) for w in cell.split()), body) if cell else None
                inside = [s for s in spans if found and unit.start + found.start() <= s[0] < unit.start + found.end()]
                if found and inside:
                    count = len({s[2] for s in inside})
                    return Span(unit.start + found.start(), unit.start + found.end(), 0.15 * min(count, 4)
                                + 0.4 * local_overlap(_task_weights(question, context), body), cell[:150])
        partners = []
        listed = spans  # every body the unit names, before partners are picked
        if "phoi hop" in question.key or "tham gia" in question.key:
            partners = [s for i, s in enumerate(spans) if _cooperating(text, spans, i, unit.start)]
            spans = partners or spans
        # the shared head may end the line before the unit ("- Bộ trưởng các Bộ:\nQuốc phòng, Công an, …")
        reach = max(0, unit.start - _HEAD_LOOKBACK)
        shared = next((m for m in _shared_heads(text[reach:unit.end]) if _head_fits(question, m.group(1))
                       and not _own_head(question, m.group(1)) and reach + m.end(2) > unit.start), None)
        asked = _asked_heads(question)
        if shared:  # "các Bộ: Tài chính, Quốc phòng, …" — the listed bodies themselves
            start = reach + shared.start(2)
            end = start + _listed_names_end(text[start:reach + shared.end(2)])
            while end > start and text[end - 1] in " ,;.":
                end -= 1
            shown = " ".join(text[start:end].split())
            if len(shown) > 150:
                shown = shown[:150].rsplit(",", 1)[0]
            count = shown.count(",") + 1
            named = _SHARED_FIT_BONUS if asked & set(re.findall(r"\w+", match_key(shared.group(1)))) else 0.0
            return Span(start, end, 0.1 + named + 0.15 * min(count, 4)
                        + 0.4 * local_overlap(_task_weights(question, context), body), shown)
        lead = _LEAD.match(body)
        lead_at = unit.start + (lead.end() if lead else 0)
        subject = None if partners or _ASKS_RECIPIENT.search(question.key) else _kind_subject(text, lead_at, unit.end)
        if subject is not None and _acceptable(question, subject[2]):
            s_start, s_end, shown = subject
            return Span(s_start, s_end, 0.1 + 0.15 * min(shown.count(",") + 1, 4)
                        + 0.4 * local_overlap(_task_weights(question, context), body), shown)
        verb_led = bool(spans) and not partners and spans[0][0] - lead_at > 6 and not _TITLE_ONLY.fullmatch(
            text, lead_at, spans[0][0])  # "b) Hướng dẫn Ủy ban nhân dân cấp xã …" under "2. Các Bộ: Y tế, Tài chính"
        if verb_led or not any(not _is_object(text, spans, i, unit.start) for i in range(len(spans))):
            # no body acts in the unit ("a) Chủ động hướng dẫn …"), or the unit starts with its verb: those its
            # heading names ("1. Các Bộ: Y tế, …") own the task
            heading = self._heading_bodies(question, unit, context)
            if heading is not None:
                h_start, h_end, shown, count = heading
                return Span(h_start, h_end, 0.1 + 0.15 * min(count, 4)
                            + 0.4 * local_overlap(_task_weights(question, context), body), shown)
        named = [s for i, s in enumerate(listed) if not _is_object(text, listed, i, unit.start)
                 or _cooperating(text, listed, i, unit.start)]
        field = None if named else _field_bodies(question, unit, context, "phoi hop" in question.key)
        if field is not None:  # no body acts or cooperates in the task's own words: the plan's fields name them ("- Đơn vị chủ trì:
            # Sở X. - Đơn vị phối hợp: Các Sở, ban, ngành")
            shown = "; ".join(field[2])
            shown = shown if len(shown) <= 150 else shown[:150].rsplit(";", 1)[0]
            return Span(field[0], field[1], 0.15 * min(len(field[2]), 4) + 0.1
                        + 0.4 * local_overlap(_task_weights(question, context), body), shown)
        doers = _doers(question, text, listed, spans, unit.start)
        owner = None
        if not listed or (listed[0][0] - lead_at > 6 and not _TITLE_ONLY.fullmatch(text, lead_at, listed[0][0])):
            # "6. Bộ Tài chính" over "b) Phối hợp với Bộ Nội vụ hướng dẫn …": the heading's body does the task with
            # the partners its point names
            owner = AgencyExtractor._heading_agency(question, unit, context)
        if owner is not None and match_key(owner[2]) in {match_key(s[2]) for s in doers}:
            owner = None
        objects_only = not doers and owner is None
        if objects_only:
            doers = spans  # no body acts and no heading owns the task: the bodies named, objects or not
        if not doers and owner is None:
            return None
        names = list(dict.fromkeys(s[2] for s in doers))
        if owner is not None:
            # partners asked with no body named: the listed partners first; otherwise the owner leads the list
            names = names + [owner[2]] if partners else [owner[2]] + names
        start, end = (doers[0][0], doers[-1][1]) if doers else owner[:2]
        if owner is None and end - start <= 150 and len(doers) == len(spans):
            answer = " ".join(text[start:end].split())  # "Sở Y tế, Sở Tài chính và Công an tỉnh" as printed
        else:
            answer = "; ".join(names)
        if len(answer) > 150:
            answer = answer[:150].rsplit(";", 1)[0]
        score = 0.15 * min(len(names), 4) + 0.4 * local_overlap(_task_weights(question, context), body)
        if asked and not any(match_key(name).split()[0] in asked for name in names):
            score -= _SHARED_FIT_BONUS  # "những tỉnh nào" answered by no province, "những bộ nào" by no ministry
        if objects_only and listed and not _ASKS_RECIPIENT.search(question.key):
            score -= _OBJECTS_ONLY_PENALTY  # "… báo cáo Chính phủ": the body reported to does not do the task
        return Span(start, end, score, answer)

    @staticmethod
    def _heading_bodies(question: QuestionAnalysis, unit: Unit, context: Context):
        """The bodies a heading names for the tasks listed under it ("1. Các Bộ: Y tế, Công Thương, Nông nghiệp
        và Môi trường" above "a) Chủ động hướng dẫn …"): (start, end, shown, count) of the nearest heading
        naming several, or None."""
        text = context.text(unit.doc_id)
        for node in reversed(context.units.heading_nodes(unit.doc_id, unit.start)):
            line_end = text.find("\n", node.start)
            line_end = node.end if line_end < 0 else min(line_end, node.end)
            while line_end < node.end and _TITLE_GOES_ON.search(text, node.start, line_end):
                more = text.find("\n", line_end + 1)
                line_end = node.end if more < 0 else min(more, node.end)
            line = text[node.start:line_end]
            shared = next((m for m in _shared_heads(re.sub(r"(?<!\w)Các(?=\s)", "các", line))
                           if not _own_head(question, m.group(1))), None)
            if shared and _head_fits(question, shared.group(1)):
                start = node.start + shared.start(2)
                end = start + _listed_names_end(text[start:node.start + shared.end(2)])
                shown = " ".join(text[start:end].split())
                return start, end, shown[:150].rsplit(",", 1)[0] if len(shown) > 150 else shown, shown.count(",") + 1
            spans = [s for s in document_spans(context, unit.doc_id, node.start, line_end) if _acceptable(question, s[2])]
            if len(spans) >= 2:
                names = list(dict.fromkeys(s[2] for s in spans))
                shown = text[spans[0][0]:spans[-1][1]]
                shown = " ".join(shown.split()) if len(shown) <= 150 else "; ".join(names)[:150].rsplit(";", 1)[0]
                return spans[0][0], spans[-1][1], shown, len(names)
            if spans:
                return None  # the nearest heading names one body: not a list of them
        return None


# ------------------------------------------------------------------ the document's own whole names (w53)
# A clerk who meets "Cục Quản lý, giám sát chính sách thuế, phí và lệ phí" or "Cục Công nghiệp công nghệ thông
# tin" does not stop at the first lower-case word: the document says the whole name where it can only be a name —
# the proposer of its preamble ("Theo đề nghị của Cục trưởng Cục Đăng ký giao dịch bảo đảm và Bồi thường nhà
# nước;", every ministry's decision and circular), the heading of a body's duties ("Điều 12. Trách nhiệm của Viện
# kiểm sát nhân dân tối cao", decrees), a numbered heading that is only a name ("2. Ban Quản lý Khu kinh tế\nĐông
# Nam", provincial plans) and the items of "Nơi nhận" ("- Cục Kiểm tra văn bản QPPL;").  Wherever the document
# prints that whole name again, the name is the whole one.
_PROPOSER = re.compile(rf"(?:[Tt]heo|[Xx]ét)\s+(?:đề nghị|đề xuất)\s+của\s+(?:(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s+)?")
# where a proposer's name ends: the line's ";" or ".", "tại Tờ trình …", a second proposer with a title
_PROPOSER_END = re.compile(rf"\s*(?:[;.](?=[\s*_]|$)|,?[ \t]*\*|\n\s*\n|,?\s+(?:tại|theo)\s|,?\s+và\s+(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s"
                           rf"|,\s*(?:Phó\s+)?(?:{V.AGENCY_TITLES})\s)")
_DUTY_HEADING = re.compile(r"(?m)^[ \t*_]*Điều\s+\d+[a-zđ]?\.[ \t]*Trách nhiệm (?:của|thi hành của)[ \t]+(?:các[ \t]+)?"
                           r"([^\n]+?)[ \t*_]*$")
_LABEL_HEADING = re.compile(r"(?m)^[ \t]*(\*\*)?[ \t]*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))[ \t]*([^\n*]+?(?:\n(?=[^\n*]*\*\*)"
                            r"[^\n*]+?)?)[ \t]*:?[ \t]*(?:\*\*)?[ \t]*:?[ \t]*$")
_RECIPIENT_ITEM = re.compile(r"(?m)^[ \t]*[-+•][ \t]*([^\n;]+?)[ \t]*[;.]?[ \t]*$")
_STARTS_LOWER = re.compile(r"[a-zđà-ỹ]")
_RECIPIENTS = re.compile(r"Nơi nhận\s*:")
_RECIPIENT_REACH = 2500
_WHOLE_NAME_WORDS = 16  # a longer run is a sentence, not a name


def _name_only(candidate: str, verbs: bool = True) -> str | None:
    """``candidate`` as a body's whole name, or None: it starts with a head, names no second body, has no
    body's verb (``verbs``: where a sentence could stand) and not more than ``_WHOLE_NAME_WORDS`` words; a
    parenthesis, the field of a duty ("… về bảo hiểm y tế") and what follows are left out."""
    name = " ".join(candidate.split()).strip(" *_,:;“”\"")
    name = re.split(r" \(| (?:về|đối với|trong việc|theo) ", name)[0].rstrip(" ,;")
    if not name or len(name.split()) < 2 or len(name.split()) > _WHOLE_NAME_WORDS or not _HEAD.match(name):
        return None
    first = _HEAD.match(name)
    if first.start(1) != 0 or name.split()[-1] in ("và", "các", "cấp", "-", "&", "của", "thuộc"):
        return None
    spans = agency_spans(name)
    if not spans or spans[0][0] != 0:
        return None  # "Bộ trưởng", "Ban hành …": a title or a verb, not a body
    # a second head starts another body ("Cục Văn hóa …, Gia đình và Thư viện và Chánh Văn phòng Bộ")
    for other in _HEAD.finditer(name, first.end(1)):
        if not _KNOWN_ORGAN.match(name, 0) or other.start(1) >= _KNOWN_ORGAN.match(name, 0).end():
            return None
    for word in re.finditer(r"(?<![\w])\w", name[first.end(1):]) if verbs else ():
        if word.group(0).islower() and _ORG_VERBS.match(name[first.end(1) + word.start():]) and not name[first.end(1) + word.start():].startswith(":"):
            return None
    if re.search(r"\d{3,}|/|[.!?:*\[\]]|[^\W\d_]\d", name):
        return None  # a number, an act's code or a sentence's end: not a name
    return name


def document_names(text: str) -> tuple[str, ...]:
    """The whole names ``text`` prints where only a name can stand (see above), longest first; read once per
    document at load (``UnitIndex.agency_names``)."""
    found: set[str] = set()
    for match in _PROPOSER.finditer(text):
        window = text[match.end():match.end() + 200]
        stop = _PROPOSER_END.search(window)
        name = _name_only(window[:stop.start()] if stop else "", verbs=False)  # "Cục Quản lý, giám sát …"
        if name:
            found.add(name)
    for match in _DUTY_HEADING.finditer(text):
        name = _name_only(re.split(r",?\s+và\s+các\s|,\s*các\s", match.group(1))[0], verbs=False)
        if name:
            found.add(name)
    for match in _LABEL_HEADING.finditer(text):
        if match.group(1) is None and "\n" in match.group(2):
            continue
        following = text[match.end():match.end() + 80].lstrip(" \t\n")
        ends = match.group(0).rstrip().endswith(":") or match.group(1) is not None
        if not ends and (len(match.group(2).split()) > _SHORT_NAME_LINE or (following and _STARTS_LOWER.match(following))):
            continue  # a long line going on in lower case is a sentence wrapped at the page width
        name = _name_only(match.group(2))
        if name:
            found.add(name)
    at = _RECIPIENTS.search(text)
    if at is not None:
        for match in _RECIPIENT_ITEM.finditer(text, at.end(), at.end() + _RECIPIENT_REACH):
            if not re.search(r"[;.,]\s*$", match.group(0)):
                continue  # an item wrapped over lines ("- Trung tâm Phục vụ hành" / "chính công;")
            name = _name_only(match.group(1))
            if name:
                found.add(name)
    return tuple(sorted(found, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=8192)
def _name_key(name: str) -> str:
    return match_key(name)


@lru_cache(maxsize=4096)
def _printed(name: str) -> re.Pattern[str]:
    """``name`` as printed anywhere: its words separated by any spaces or a wrapped line."""
    return re.compile(r"[ \t]*\n?[ \t]*".join(_organ_pattern(w) for w in name.split()) + r"(?![\w])")


def whole_names(text: str, spans: list[tuple[int, int, str]], names: tuple[str, ...],
                limit: int | None = None) -> list[tuple[int, int, str]]:
    """``spans`` with each name that a longer whole name of the document (``document_names``) starts with, and
    that the text at that place goes on to print, extended to it (not beyond ``limit``).

    >>> text = "Theo đề nghị của Cục trưởng Cục Công nghiệp công nghệ thông tin;\\nCục Công nghiệp công\\nnghệ thông tin chủ trì"
    >>> names = document_names(text)
    >>> names
    ('Cục Công nghiệp công nghệ thông tin',)
    >>> whole_names(text, [(65, 80, "Cục Công nghiệp")], names)[0][2]
    'Cục Công nghiệp công nghệ thông tin'
    """
    if not names:
        return spans
    limit = len(text) if limit is None else limit
    out = []
    for start, end, name in spans:
        key = _name_key(name)
        for whole in names:
            if len(whole) <= len(name) or not _name_key(whole).startswith(key):
                continue
            found = _printed(whole).match(text, start)
            if found and end < found.end() <= limit and not re.match(r"[ \t]+[A-ZĐÀ-Ỹ]", text[found.end():found.end() + 3]):
                # (a whole name cut before a capitalised word, "… thành phố Hà" / "Nội", is no whole name)
                end, name = found.end(), whole
                break
        out.append((start, end, name))
    return out


def document_spans(context: Context, doc_id: str, start: int, end: int,
                   limit: int | None = None) -> list[tuple[int, int, str]]:
    """The agency names of ``text[start:end]`` of document ``doc_id``, each made whole by the names the document
    prints whole (``document_names``), up to ``limit`` (default ``end``)."""
    text = context.text(doc_id)
    return whole_names(text, agency_spans(text[start:end], start), context.units.agency_names[doc_id],
                       end if limit is None else limit)


# Where the subject of a heading stands: after its label and a duty word ("Điều 5. Trách nhiệm của", "Nhiệm vụ
# của", "Đối với", "Giao"), and "các".
_OWNER = re.compile(r"[ \t*_]*(?:(?:[IVXLC]+|\d+(?:\.\d+)*)\.|[a-zđ]\)|Điều[ \t]+\d+[a-zđ]?\.)?[ \t*_]*"
                    r"(?:(?:Trách nhiệm|Nhiệm vụ(?: và quyền hạn)?|Trách nhiệm thi hành)(?:[ \t]+của)?[ \t]+"
                    r"|Đối với[ \t]+|Giao[ \t]+)?(?:[Cc]ác[ \t]+)?"
                    rf"(?:(?:Phó[ \t]+)?(?:{V.AGENCY_TITLES})[ \t]+)?")  # "1. Chủ tịch UBND thành phố quyết định … đối với:"
