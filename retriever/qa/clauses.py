"""Clause-level reading: the part of a long sentence that answers, cut at natural boundaries.

A clerk asked "… phải làm gì?" finds the sentence that holds the question's words and reads
the clause around them, not the whole paragraph-long sentence.  :func:`clause_window`
does that: it cuts the sentence into parts at ``;`` ``:`` and ``,`` (never inside quotes
or parentheses, never between the items of a short enumeration) and keeps the run of parts,
at most ``limit`` characters long, that holds most of the question's weighted words; a run
starts where a part starts and stretches as far as the limit allows (the answer follows the
words the question shares with the text).
"""

from __future__ import annotations

import re

from corpus.lexicon import ACT_TYPES
from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V
from retriever.qa.extractors.agency import agency_spans
from retriever.qa.scoring import syllables
from retriever.query import ABBREVIATIONS

_CUT = re.compile(r"[;:,]\s+|\.\s+(?=[A-ZĐÀ-Ỹ])")
_STRONG = frozenset(";:.")
_LEAD_IN_END = re.compile(r":\s*$")
_OPEN, _CLOSE = "“\"(", "”\")"


def cut_points(text: str, start: int, end: int) -> list[tuple[int, bool]]:
    """(position, strong) where a part of ``text[start:end]`` may start: after ``;`` ``:`` (strong) and
    ``,`` (weak), outside quotes and parentheses.

    >>> text = 'Làm tốt công tác, theo tinh thần “chủ động, đi trước”; báo cáo (tháng, quý) đúng hạn'
    >>> [text[p:p + 8] for p, _ in cut_points(text, 0, len(text))]
    ['Làm tốt ', 'theo tin', 'báo cáo ']
    >>> text = "nhất là đồng bộ 3 trụ cột là xét nghiệm, cách ly, điều trị; tăng cường kiểm tra"
    >>> [text[p:p + 8] for p, _ in cut_points(text, 0, len(text))]
    ['nhất là ', 'tăng cườ']
    """
    points = [(start, True)]
    depth = 0
    quote_open = False
    for index in range(start, end):
        char = text[index]
        if char == "“" or char == "(":
            depth += 1
        elif char in "”)" and depth:
            depth -= 1
        elif char == '"':
            quote_open = not quote_open
        elif depth == 0 and not quote_open and char in ";:,." and index + 1 < end and text[index + 1].isspace():
            if char == "." and not re.match(r"\.\s+[A-ZĐÀ-Ỹ]", text[index:index + 3]):
                continue
            after = index + 1
            while after < end and text[after].isspace():
                after += 1
            if after < end:
                points.append((after, char in _STRONG))
    if CONSEQUENCE_CUT:
        points = sorted(set(points) | {(m.start(1), False) for m in _CONSEQUENCE.finditer(text, start, end)
                                       if not _inside(text, start, m.start(1))})
    return _keep_items_together(text, points, end)


# "Trường hợp/Nếu <condition> thì <consequence>": the consequence is a clause of its own (what "… thì sao?" asks).
_CONSEQUENCE = re.compile(r"\s(thì)\s")
CONSEQUENCE_CUT = True


def asks_consequence(question: str) -> bool:
    """Whether a question asks what follows its condition ("… không gửi đúng hạn thì sẽ ra sao?").

    >>> asks_consequence("Bộ, ngành không gửi đề xuất đúng hạn thì sẽ ra sao?"), asks_consequence("Ai thi hành?")
    (True, False)
    """
    return bool(re.search(r"(?<!\w)thì(?!\w)", question))


# A sentence laid out as a case and what follows from it: "Nếu/Trường hợp/Khi <case> thì <consequence>" (the
# consequence clause of one sentence: no ";" or sentence end between the case word and its "thì").
_CASE_THEN = re.compile(r"(?<!\w)(?:nếu|trường hợp|khi)(?!\w)([^;.]{3,}?)\s(?:thì)\s", re.IGNORECASE)
_CASE_ECHO = 2  # content words of the question the case must print: it is the case the question supposes


def states_case(text: str, start: int, end: int, asked: set[str] | None = None) -> bool:
    """Whether ``text[start:end]`` states a case and its consequence in one sentence; with ``asked`` (the
    question's syllables) a case printing ``_CASE_ECHO`` of its content words.

    >>> t = "Sau thời hạn trên, nếu đơn vị chưa có báo cáo thì phải tự chịu trách nhiệm."
    >>> states_case(t, 0, len(t)), states_case(t, 0, len(t), {"don", "vi", "bao", "cao"})
    (True, True)
    >>> states_case(t, 0, len(t), {"cap", "phep"}), states_case("Đơn vị gửi báo cáo trước ngày 15/12.", 0, 36)
    (False, False)
    """
    for match in _CASE_THEN.finditer(text, start, end):
        if asked is None:
            return True
        printed = {w for w in syllables(match.group(1)) if w not in V.STOPWORDS}
        if len(printed.intersection(asked)) >= _CASE_ECHO:
            return True
    return False


def near_unit(candidates, ranked, window: float, fits):
    """The first of ``ranked`` (the units in the ranker's order) that ``fits`` and scores within ``window`` of the
    best candidate, else the first of ``ranked`` (None when there is none; ``window`` 0: the first)."""
    if not ranked:
        return None
    if window <= 0 or not candidates:
        return ranked[0]
    best = candidates[0].score
    return next((cand for cand in ranked if cand.score >= best - window and fits(cand)), ranked[0])


def case_unit(candidates, text_of, ranked, window: float, asked: set[str] | None = None):
    """The unit a question supposing a case ("… không gửi đúng hạn thì sẽ ra sao?") is answered from: the first
    of ``ranked`` that states that case and its consequence (:func:`states_case`) and scores within ``window`` of
    the best (:func:`near_unit`): a rule answers "what happens if" in the sentence that names the case, not in
    the one that sets the task."""
    return near_unit(candidates, ranked, window,
                     lambda cand: states_case(text_of(cand), cand.unit.start, cand.unit.end, asked))


_ASKS_GOAL = re.compile(V.CUE_ASKS_GOAL)
_GOAL_STATED = re.compile(V.GOAL_STATED)
_PURPOSE_WORDS = re.compile(V.PURPOSE_WORDS, re.IGNORECASE)


def asks_goal(question_key: str) -> bool:
    """Whether a question asks the goal of a task or scheme.

    >>> asks_goal("viec sap xep lai tinh xa nham muc tieu gi"), asks_goal("muc tieu phat trien benh vien la gi")
    (True, True)
    >>> asks_goal("dat muc tieu bao nhieu phan tram"), asks_goal("ai chu tri thuc hien")
    (False, False)
    """
    return _ASKS_GOAL.search(question_key) is not None


def states_goal(text: str, start: int, end: int, explicit: bool) -> bool:
    """Whether ``text[start:end]`` states a goal: ``explicit``, by naming it ("Mục tiêu là …", "Mục đích: …");
    else by a purpose clause not denied ("… để trở thành …"; not "không phải nhằm …")."""
    if explicit:
        return _GOAL_STATED.search(match_key(text[start:end])) is not None
    return _PURPOSE_WORDS.search(text, start, end) is not None


# "… được dùng để làm những việc gì?", "… sử dụng vào việc gì?", "… để làm gì?", "… nhằm mục đích gì?": the
# question asks what a sum or a measure is for, which the text prints after "để"/"nhằm".
_ASKS_USE = re.compile(r"\b(?:de lam|(?:duoc )?(?:su )?dung (?:de(?: lam)?|vao))(?: (?:nhung|cac))?(?: (?:cong )?viec)? gi\b")


def asks_purpose(question_key: str) -> bool:
    """Whether a question asks what something is for (its goal or its use).

    >>> asks_purpose("khoan tien bo sung duoc dung de lam nhung viec gi"), asks_purpose("kinh phi su dung vao viec gi")
    (True, True)
    >>> asks_purpose("nhom nham muc dich gi"), asks_purpose("ai chu tri de lam viec nay")
    (True, False)
    """
    return asks_goal(question_key) or _ASKS_USE.search(question_key) is not None


def purpose_clause(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the purpose a sentence states runs: from after its first "để"/"nhằm" (not denied) to the end of that
    clause ("Bổ sung … số tiền 2.615 tỷ đồng … để | sửa chữa, cải tạo … trụ sở làm việc …"), or None.

    >>> t = "Bổ sung cho 27 địa phương số tiền 2.615 tỷ đồng từ nguồn dự toán để sửa chữa, cải tạo trụ sở; theo đề nghị"
    >>> t[slice(*purpose_clause(t, 0, len(t)))]
    'sửa chữa, cải tạo trụ sở'
    """
    match = _PURPOSE_WORDS.search(text, start, end)
    if match is None:
        return None
    stop = re.compile(r";|\.\s|\n\s*\n").search(text, match.end(), end)
    clause_start, clause_end = _trim(text, match.end(), stop.start() if stop else end)
    return (clause_start, clause_end) if clause_end > clause_start else None


def goal_unit(candidates, text_of, chosen, ranked, window: float):
    """The unit a question asking a goal is answered from: the first of ``ranked`` within ``window`` of the best
    naming the goal ("Mục tiêu là xây dựng chính quyền gần dân …"); else ``chosen`` when it holds a purpose clause;
    else the first near unit that holds one (:func:`near_unit`).  A clerk reads a goal where the text says
    "mục tiêu là" or "để/nhằm …", not in the sentence listing the figures of the task."""
    def names(cand) -> bool:
        return states_goal(text_of(cand), cand.unit.start, cand.unit.end, explicit=True)

    def purposes(cand) -> bool:
        return states_goal(text_of(cand), cand.unit.start, cand.unit.end, explicit=False)

    named = near_unit(candidates, ranked, window, names)
    if named is not None and names(named):
        return named
    if purposes(chosen):
        return chosen
    return near_unit(candidates, [chosen] + [c for c in ranked if c is not chosen], window, purposes)


_MONEY = re.compile(V.CUE_MONEY)
_FROM_WHERE = re.compile(V.CUE_FROM_WHERE)
_FUNDING_SOURCE = re.compile(V.FUNDING_SOURCE)


def asks_funding(question_key: str) -> bool:
    """Whether a question asks where money comes from.

    >>> asks_funding("tien chi cho nhan vien thu y xa lay tu dau"), asks_funding("kinh phi lay tu nhung nguon nao")
    (True, True)
    >>> asks_funding("hang hoa nhap khau tu dau"), asks_funding("kinh phi do co quan nao bao dam")
    (False, False)
    """
    return bool(_MONEY.search(question_key) and _FROM_WHERE.search(question_key))


def names_funding(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a source of funds ("Ngân sách của Thành phố bổ sung có mục tiêu …")."""
    return _FUNDING_SOURCE.search(match_key(text[start:end])) is not None


def funding_unit(candidates, text_of, ranked, window: float):
    """The unit a question asking where money comes from ("tiền … lấy từ đâu?") is answered from: the first of
    ``ranked`` naming a source of funds (:func:`names_funding`: a budget, a fund, a loan, "xã hội hóa") within
    ``window`` of the best (:func:`near_unit`): the sentence that sets the scheme or its start date does not say
    who pays for it."""
    return near_unit(candidates, ranked, window,
                     lambda cand: names_funding(text_of(cand), cand.unit.start, cand.unit.end))


def _inside(text: str, start: int, position: int) -> bool:
    """Whether ``position`` lies inside quotes or parentheses opened after ``start``."""
    before = text[start:position]
    return before.count("“") > before.count("”") or before.count("(") > before.count(")") or before.count('"') % 2 == 1


_SHORT_ITEM_WORDS = 3


def _keep_items_together(text: str, points: list[tuple[int, bool]], end: int) -> list[tuple[int, bool]]:
    """Drop the comma cuts beside the short items of an enumeration ("là xét nghiệm, cách ly, điều trị",
    "hàng tháng, quý, 6 tháng"): a weak cut with a part of at most three words on either side."""
    bounds = [p for p, _ in points] + [end]
    kept = [points[0]]
    for index in range(1, len(points)):
        position, strong = points[index]
        before = len(text[bounds[index - 1]:position].split())
        after = len(text[position:bounds[index + 1]].split())
        if not strong and (before <= _SHORT_ITEM_WORDS or after <= _SHORT_ITEM_WORDS):
            continue
        kept.append(points[index])
    return kept


_PURPOSE = re.compile(r"(?<!\w)(?:để|nhằm)(?!\w)(.*)", re.IGNORECASE | re.DOTALL)
_GOAL_WEIGHT = 0.3


_DEFINED_BONUS = 1.0  # a run holding "<the question's words> là/đạt/: <value>" answers
_MEANS_ROOM = 20  # characters of means a run must hold before "để <goal>"


def _means_end(text: str, start: int, end: int, goal: frozenset[str], weights: dict[str, float]) -> int | None:
    """Where the means end in "<means> để/nhằm <goal>": the last "để"/"nhằm" of ``text[start:end]`` followed
    by at least half the (weighted) goal words the question names, or None.

    >>> t = "những nơi không bị ảnh hưởng đẩy mạnh sản xuất để bù lại cho các địa phương miền Trung"
    >>> t[:_means_end(t, 0, len(t), frozenset({"bu", "mien", "trung"}), {"bu": 1.0, "mien": 1.0, "trung": 1.0})]
    'những nơi không bị ảnh hưởng đẩy mạnh sản xuất '
    """
    total = sum(weights.get(w, 0.0) for w in goal)
    if total <= 0:
        return None
    found = None
    for match in re.finditer(r"(?<!\w)(?:để|nhằm)(?!\w)", text[start:end], re.IGNORECASE):
        printed = set(syllables(text[start + match.end():start + match.end() + 80]))
        if sum(weights.get(w, 0.0) for w in goal if w in printed) >= 0.5 * total:
            found = start + match.start()
    return found


# A run whose content words the question prints but for this share restates it ("Trường hợp kiểm định chu kỳ
# tàu biển có hạng mục kiểm tra không đạt sau 02 (hai) lần kiểm tra" for "… thì bị thu thêm thế nào?").
# Tuning (five sets): 0.25–0.35 with a penalty 0.15–0.3 gave the same or +1; 0.45 or a penalty 0.6 lost answers.
_NOVELTY_MIN = 0.35
_ECHO_PENALTY = 0.2


def _novelty(run: str, weights: dict[str, float]) -> float:
    """The share of a run's content words (stop words left out) that the question does not print."""
    words = [w for w in syllables(run) if w not in V.STOPWORDS and not w.isdigit()]
    return sum(1 for w in words if w not in weights) / len(words) if words else 1.0


def goal_words(question: str) -> frozenset[str]:
    """The words of the goal in "… làm gì để <goal>?" ("… nhằm <goal>"): they locate the sentence, but the
    answer is the means printed beside them, so :func:`clause_window` counts them ``_GOAL_WEIGHT`` as much,
    unless the run prints them after its own "để"/"nhằm" (then it holds the means and the goal).

    >>> sorted(goal_words("Làm thế nào để giữ chân bác sĩ?")), goal_words("Đề án nào giữ chân bác sĩ?")
    (['bac', 'chan', 'giu', 'si'], frozenset())
    >>> goal_words("Các đợt thi đua nhằm lập thành tích chào mừng sự kiện nào?")  # the purpose is what is asked
    frozenset()
    """
    match = _PURPOSE.search(question)
    if not match or _SLOT.search(match_key(match.group(1))):
        return frozenset()  # "… nhằm chào mừng sự kiện nào?": the purpose itself is asked, its words locate it
    return frozenset(syllables(match.group(1)))


def actor_words(question: str) -> frozenset[str]:
    """The words of the bodies a question names as its subject ("UBND phường … phải làm gì?"): the answer
    is what they do, printed under their heading, so these words do not choose among a sentence's parts.

    >>> sorted(actor_words("UBND phường ở Kiến An phải làm gì?"))
    ['ban', 'dan', 'nhan', 'phuong', 'ubnd', 'uy']
    """
    words: set[str] = set()
    for _, _, name in agency_spans(question):
        words.update(syllables(name))
        for abbr, full in ABBREVIATIONS.items():
            if re.search(rf"(?<!\w){re.escape(abbr)}(?!\w)", name):
                words.update(syllables(full))
    return frozenset(words)


# The asked slot of a "what" question: the answer is printed right after the words the question puts before it
# ("đề nghị hướng dẫn về việc gì" → "… đề nghị hướng dẫn việc kê khai trị giá …").
_SLOT = re.compile(r"\b(?:(?:viec|van de|noi dung|nhung)\s+)?(?:gi|nao|dau|ra sao|the nao|nhu the nao)\b")
_FRAME_WORDS = 2
_ANCHOR_BONUS = 0.15
_ANCHOR_ROOM = 40  # characters a run must hold after the anchor (or all that follows it)
_ANCHOR_MIN_ROOM = 6  # … or this many, when the run ends where the anchor's clause ends ("đạt 100%)")
_CONTEXT_WORDS = 4  # question words before the slot the anchor may slide back over (:func:`_anchor`)


def slot_frame(question_key: str, size: int = _FRAME_WORDS) -> tuple[str, ...]:
    """Up to ``size`` (two) content words right before the question's asked slot.

    >>> slot_frame("cong ty de nghi cuc hai quan huong dan ve viec gi")
    ('huong', 'dan')
    >>> slot_frame("theo tieu chuan nao"), slot_frame("dua cam nang vao dau de boi duong")
    (('tieu', 'chuan'), ('cam', 'nang'))
    >>> slot_frame("nghien cuu giai phap trong bao cao nao cua bo tai chinh")
    ('bao', 'cao')
    """
    match = _SLOT.search(question_key)
    if not match:
        return ()
    act = act_slot(question_key[:match.end()])
    if act:
        return tuple(act.split())  # "trong báo cáo nào": the act type itself ("báo" is a stop word elsewhere)
    words = [w for w in question_key[:match.start()].split() if w not in V.STOPWORDS]
    return tuple(words[-size:])


# What a text prints right after the words it states a value of ("trị giá hải quan là trị giá khai báo",
# "được kiên cố hóa đạt 100%", "gồm: …"): the place of the frame where the answer follows.
_DEFINER = re.compile(r"\s*(?::|\(?(?:la|gom|bao gom|dat|nhu sau|cu the|theo huong)\b)")


def answer_frame(question_key: str) -> tuple[str, ...]:
    """The frame :func:`clause_window` anchors a "what" answer on: up to ``_CONTEXT_WORDS`` content words
    before the slot (:func:`_anchor` slides back over those the text does not print).

    >>> answer_frame("duoc kien co hoa toi muc nao")
    ('kien', 'hoa', 'toi', 'muc')
    """
    return slot_frame(question_key, _CONTEXT_WORDS)


def _printed_at(words: list[tuple[str, int]], index: int, wanted: list[str], strict: bool) -> int | None:
    """The end of ``wanted`` printed in a row from ``words[index]`` (one stop word allowed between two of its
    words unless ``strict``: the frame leaves stop words out, "kiên cố hóa" → kien, hoa), or None."""
    position = index
    for number, word in enumerate(wanted):
        if position < len(words) and words[position][0] != word and number and not strict \
                and words[position][0] in V.STOPWORDS:
            position += 1
        if position >= len(words) or words[position][0] != word:
            return None
        position += 1
    return words[position - 1][1]


def _anchor(text: str, start: int, end: int, frame: tuple[str, ...], whole: bool = False) -> int | None:
    """:func:`anchor_at` without saying whether a definer follows."""
    return anchor_at(text, start, end, frame, whole)[0]


def anchor_at(text: str, start: int, end: int, frame: tuple[str, ...], whole: bool = False,
              single: bool = True, slide: bool = True) -> tuple[int | None, bool]:
    """Where the answer starts: right after a place ``text[start:end]`` prints the frame's words in a row, and
    whether the text states a value there (a definer follows two words of the frame).

    ``whole``: the whole frame only.  Otherwise the last two words of the frame; when the text does not print
    them, the two before (the question's category noun right before its slot is seldom printed: "kiên cố hóa
    tới mức nào" → "kiên cố hóa đạt 100%"), then the last word alone.  Of several places, one the text follows
    with a definer ("là", ":", "gồm", "đạt", …: it states the value there), else the last; the last word alone
    at its first place (the noun is introduced there, "Có bằng chuyên khoa cấp I trở lên, bằng bác sĩ nội trú,
    bằng bác sĩ chuyên khoa …" for "cần có văn bằng gì": the later mentions continue the enumeration).  ``single=False``:
    pairs only; ``slide=False``: the last pair only."""
    if not frame:
        return None, False
    key = match_key(text[start:end])
    if len(key) != end - start:
        return None, False
    words = [(m.group(0), m.end()) for m in re.finditer(r"\w+", key)]
    if whole:
        wanted_runs = [list(frame)]
    else:
        pairs = [list(frame[i - 2:i]) for i in range(len(frame), 1, -1)][:3 if slide else 1]
        wanted_runs = pairs + ([[frame[-1]]] if single else [])
    for wanted in wanted_runs:
        found = [e for i in range(len(words)) if (e := _printed_at(words, i, wanted, whole)) is not None]
        if found:
            defined = [f for f in found if _DEFINER.match(key, f)]
            # a value is stated for the question's own phrase only when three of its words lead to the definer
            # ("trị giá hải quan là …"), not two common ones ("thực phẩm là hàng giả" for "ngộ độc thực phẩm")
            longer = _longer(frame, wanted)
            stated = [f for f in defined if longer and any(
                _printed_at(words, i, longer, whole) == f for i in range(len(words)))]
            if len(wanted) == 1 and not defined:  # the first mention of the category noun introduces it
                return start + found[0], False
            return start + (defined or found)[-1], bool(stated)
    return None, False


# The verbs that lead a sentence into the items after its colon.
_LEAD_VERB = re.compile(r"\b(?:yeu cau|de nghi|giao|chi dao|quy dinh|bao gom|gom|nhu sau|sau day|cu the)\b")


def answered_in(text: str, start: int, end: int, frame: tuple[str, ...]) -> bool:
    """Whether ``text[start:end]`` prints two words of the frame in a row with a clause's worth of text after
    them before the verb that leads into its colon (a lead sentence ending in ":" that states the answer itself;
    the frame printed at or after that verb, "yêu cầu … làm gì", asks for the items).

    >>> t = "Thiết thực lập thành tích chào mừng Đại hội lần thứ XIV của Đảng, Thủ tướng yêu cầu thực hiện nhiệm vụ sau:"
    >>> answered_in(t, 0, len(t), ("chao", "mung", "su", "kien")), answered_in(t, 0, len(t), ("yeu", "cau"))
    (True, False)
    """
    anchor, _ = anchor_at(text, start, end, frame, single=False)
    if anchor is None:
        return False
    verbs = list(_LEAD_VERB.finditer(match_key(text[start:end])))
    lead_in = start + verbs[-1].start() if verbs else end  # "… Thủ tướng yêu cầu … thực hiện … sau:"
    return anchor + _ANCHOR_ROOM <= lead_in


def named_as(text: str, start: int, end: int, frame: tuple[str, ...]) -> int | None:
    """Where ``text[start:end]`` names a thing of the question's asked noun (the last word of its frame) by a definer:
    "<what the question says of it> là <noun> <name>" ("… và 01 xã không thực hiện sắp xếp là xã Hồ Thị Kỷ" for "xã
    nào không phải sắp xếp?"): the position after "là", or None.

    >>> t = "trong đó có 54 xã hình thành sau sắp xếp và 01 xã không thực hiện sắp xếp là xã Hồ Thị Kỷ."
    >>> t[named_as(t, 0, len(t), ("ca", "mau", "xa")):]
    ' xã Hồ Thị Kỷ.'
    """
    if not frame:
        return None
    key = match_key(text[start:end])
    if len(key) != end - start:
        return None
    # not "nhất là"/"đặc biệt là" (especially), "nay là"/"gọi là" (a renaming), nor inside parentheses
    for found in re.finditer(rf"(?<!nhat )(?<!biet )(?<!nay )(?<!goi )\bla(?= {re.escape(frame[-1])}\b)", key):
        if not _inside(text, start, start + found.start()):
            return start + found.end()
    return None


def _longer(frame: tuple[str, ...], wanted: list[str]) -> list[str]:
    """``wanted`` (a run of ``frame``) with the frame word before it, or [] when there is none."""
    for i in range(len(frame) - len(wanted), 0, -1):
        if list(frame[i:i + len(wanted)]) == wanted:
            return list(frame[i - 1:i + len(wanted)])
    return []


_ACT_SLOT = re.compile(r"\b((?:\w+ ){0,3}\w+)\s+(?:so\s+)?nao\b")
_NOT_ACT_KIND = frozenset({"khoan", "dieu", "diem", "muc", "chuong", "phan", "phu", "luc", "so"})  # "quy định tại khoản nào"
_ACT_QUALIFIER_WORDS = 2  # "kế hoạch hành động", "báo cáo thẩm tra", "thông báo kết luận": a type and its kind


def act_slot(question_key: str) -> str:
    """The act type a "what" question asks for by name ("trong báo cáo nào" → "bao cao"), with the words that say
    which kind of it ("kế hoạch hành động nào" → "ke hoach hanh dong": documents print "Kế hoạch hành động số
    328-KH/TU", "Báo cáo thẩm tra số 419/BC-…", "Thông báo kết luận số …"), or "".

    >>> act_slot("nghien cuu giai phap trong bao cao nao cua bo tai chinh"), act_slot("co quan nao chu tri")
    ('bao cao', '')
    >>> act_slot("trien khai ke hoach hanh dong nao cua ban chap hanh"), act_slot("theo quy dinh tai khoan nao")
    ('ke hoach hanh dong', '')
    """
    match = _ACT_SLOT.search(question_key)
    if not match:
        return ""
    words = match.group(1).split()
    for i in range(len(words)):
        for size in range(min(len(words) - i, 3), 0, -1):  # the longest type first ("nghi quyet", not "nghi")
            kind = words[i + size:]
            if " ".join(words[i:i + size]) in ACT_TYPES and len(kind) <= _ACT_QUALIFIER_WORDS and not any(
                    w in V.STOPWORDS or w in _NOT_ACT_KIND for w in kind):
                return " ".join(words[i:])
    return ""


def act_type_of(frame: tuple[str, ...]) -> str:
    """The act type a slot frame names (:func:`act_slot`), with its kind words, or ""."""
    return " ".join(frame) if frame and act_slot(" ".join(frame) + " nao") == " ".join(frame) else ""


def act_reference(text: str, start: int, end: int, act_type: str) -> tuple[int, int] | None:
    """The act of type ``act_type`` (match_key) that ``text[start:end]`` names by its number ("… tại Báo cáo số
    621/BC-BTC ngày …" → "Báo cáo số 621/BC-BTC"), or None.

    >>> t = "Các Bộ nghiên cứu các giải pháp tại Báo cáo số 621/BC-BTC ngày 11 tháng 11 năm 2025 của Bộ Tài chính."
    >>> t[slice(*act_reference(t, 0, len(t), "bao cao"))]
    'Báo cáo số 621/BC-BTC'
    """
    from corpus.vietnamese import match_key

    if not act_type:
        return None
    key = match_key(text[start:end])
    if len(key) != end - start:
        return None
    words = r"\s+".join(act_type.split())
    match = re.search(rf"(?<!\w){words}\s+(?:so\s+)?\d[\w/.-]*[\w]", key)
    if match is None and act_type not in ACT_TYPES:  # the kind not printed: the act of its type
        bare = next((t for t in sorted(ACT_TYPES, key=len, reverse=True) if act_type.startswith(t + " ")), "")
        return act_reference(text, start, end, bare) if bare else None
    return (start + match.start(), start + match.end()) if match else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


# w119: asked what a thing it describes is called ("… thì Nghị định gọi là gì?", "… được viết tắt là gì?"), a clerk
# answers with the term the text defines, not with the definition the question restates: the name an aside gives
# ("(sau đây gọi là đơn vị nhóm 2)"), the abbreviation in parentheses ("… chip bán dẫn (PDKs)"), or the words a
# definition opens with ("Tổ chức tương đương là tổ chức hành chính có …").
_ABBREVIATION_ASKED = ("viet", "tat")
_NAME_ASIDE = re.compile(r"\((?:sau đây |dưới đây )?(?:được )?(?:gọi|viết)(?: tắt| chung)? là:?\s*[“\"]?([^()“”\"]{2,80}?)[”\"]?\)",
                         re.IGNORECASE)
_ABBREVIATION = re.compile(r"\(([A-ZĐ][\w&.-]{1,15})\)")
_DEFINED = re.compile(r"\s*([^,;:.()\n]{3,80}?)\s+(?:là|Là)\s")
_TERM_WORDS = 8


def asks_name(frame: tuple[str, ...]) -> bool:
    """Whether the words before a question's slot ask a name: "gọi là gì", "viết tắt là gì".

    >>> asks_name(answer_frame("to chuc co ten goi khac thi nghi dinh goi la gi")), asks_name(("ten", "xa", "moi"))
    (True, False)
    """
    return frame[-1:] == ("goi",) or frame[-2:] == _ABBREVIATION_ASKED


def defined_term(text: str, start: int, end: int, frame: tuple[str, ...]) -> tuple[int, int] | None:
    """Where ``text[start:end]`` prints the name of what it defines (:func:`asks_name`), or None.

    >>> t = "Tổ chức tương đương là tổ chức hành chính có vị trí như tổ chức hành chính nhưng có tên gọi khác."
    >>> t[slice(*defined_term(t, 0, len(t), ("nghi", "dinh", "goi")))]
    'Tổ chức tương đương'
    >>> t = "Bộ quy tắc thiết kế của nhà máy sản xuất chip (PDKs) Là bộ các quy tắc do nhà máy cung cấp"
    >>> t[slice(*defined_term(t, 0, len(t), ("viet", "tat")))]
    'PDKs'
    """
    aside = _NAME_ASIDE.search(text, start, end)
    if aside is not None:
        return aside.span(1)
    if frame[-2:] == _ABBREVIATION_ASKED:
        short = next((m for m in _ABBREVIATION.finditer(text, start, end)
                      if sum(1 for c in m.group(1) if c.isupper()) >= 2), None)
        return short.span(1) if short is not None else None
    opening = _DEFINED.match(text, start, end)
    if opening is None or len(opening.group(1).split()) > _TERM_WORDS:
        return None
    s, e = _trim(text, *opening.span(1))
    while s < e and text[s] == "*":  # a term set in bold ("*Khu vực TOD* là …")
        s += 1
    while e > s and text[e - 1] == "*":
        e -= 1
    return s, e


# The features of a run of parts (:func:`window_options`), in this order; :func:`clause_window` scores a run by
# their dot product with ``coefficients`` (``QASettings.what_window_coefficients``, fitted by ``python -m eval
# fit-window``), or by :func:`hand_window` (the hand-set bonuses of w47) when none are given.
WINDOW_FEATURES = ("coverage", "echo", "anchored", "anchored_defined", "means", "first", "novelty", "ends_clause",
                   "strong_start", "position", "comment")


def hand_window(start_bonus: float = 0.1) -> tuple[float, ...]:
    """The hand-set weights of :data:`WINDOW_FEATURES` (read when called: tests change the module's constants)."""
    return (1.0, -_ECHO_PENALTY, _ANCHOR_BONUS, _DEFINED_BONUS, _ANCHOR_BONUS, start_bonus, 0.0, 0.0, 0.0, 0.0,
            _COMMENT_BONUS)


# Where a sentence turns from what the question repeats to what it does not say (its topic, then its comment:
# "Việc đánh giá kết quả học tập … của học sinh, sinh viên | được thực hiện thông qua kết quả kiểm tra cuối mỗi
# môn học …").  The topic ends at the word by which the sentence has printed ``_TOPIC_SHARE`` of the question's
# weighted words it prints at all; a run holding the start of the comment (``_COMMENT_ROOM`` characters of it, or
# all of it) counts ``_COMMENT_BONUS`` more.
_TOPIC_SHARE = 1.0
_COMMENT_ROOM = 30
_COMMENT_MIN = 15  # a comment shorter than this (the question's words run to the sentence's end) is none
_COMMENT_BONUS = 0.1


def topic_end(text: str, start: int, end: int, weights: dict[str, float], actors: frozenset[str] = frozenset(),
              share: float = _TOPIC_SHARE) -> int | None:
    """The end of the word by which ``text[start:end]`` has printed ``share`` of the (weighted, each counted once)
    question words it prints, the actors' words left out; None when it prints none or the rest is too short.

    >>> t = "Việc đánh giá kết quả học tập của học sinh được thực hiện thông qua kết quả kiểm tra cuối mỗi môn học"
    >>> w = {"danh": 1.0, "gia": 1.0, "ket": 0.5, "qua": 0.5, "hoc": 0.5, "tap": 0.5, "sinh": 0.5}
    >>> t[topic_end(t, 0, len(t), w, share=1.0):]
    ' được thực hiện thông qua kết quả kiểm tra cuối mỗi môn học'
    """
    key = match_key(text[start:end])
    if len(key) != end - start:
        return None
    words = [(m.group(0), m.end()) for m in re.finditer(r"\w+", key)]
    printed = {w for w, _ in words if w in weights and w not in actors}
    total = sum(weights[w] for w in printed)
    if total <= 0:
        return None
    seen: set[str] = set()
    reached = 0.0
    for word, stop in words:
        if word in printed and word not in seen:
            seen.add(word)
            reached += weights[word]
            if reached >= share * total - 1e-9:
                return start + stop if end - (start + stop) >= _COMMENT_MIN else None
    return None


# What a sentence prints right after the words it shares with the question when it states their value ("Lựa chọn …
# người hoạt động không chuyên trách ở thôn, tổ dân phố | là người có uy tín, sức khỏe …").
_STATES = re.compile(r"\s*(?::|(?:la|gom|bao gom)\b)")


def states_at(text: str, turn: int, end: int) -> bool:
    """Whether ``text`` states a value right at ``turn`` (a definer: "là", ":", "gồm" follows).

    >>> t = "Lựa chọn người hoạt động không chuyên trách ở thôn là người có uy tín"
    >>> states_at(t, t.index(" là"), len(t)), states_at(t, t.index(" người có"), len(t))
    (True, False)
    """
    before = match_key(text[max(0, turn - 12):turn]).split()
    if before and before[-1] in ("nhat", "biet"):
        return False  # "nhất là", "đặc biệt là": "especially", no value
    return bool(_STATES.match(match_key(text[turn:min(end, turn + 12)])))


def _runs(text: str, start: int, end: int, limit: int, points: list[tuple[int, bool]]) -> list[tuple[float, int, int]]:
    """(order, start, end) of each run of parts at most ``limit`` long: from each part's start as far as the limit
    allows, never ending at a lead-in colon; a part longer than the limit gives its head and its tail."""
    ends = [p for p, _ in points[1:]] + [end]
    runs: list[tuple[float, int, int]] = []
    for index, (w_start, _) in enumerate(points):
        w_end = None
        fits = False
        for candidate in ends[index:]:
            if candidate - w_start > limit:
                break
            fits = True
            if candidate == end or not _LEAD_IN_END.search(text, max(w_start, candidate - 4), candidate):
                w_end = candidate  # a run ending at a colon ends at a lead-in, before its content
        if w_end is None and fits:
            continue
        if w_end is None:  # the part alone is longer than the limit: its head and its tail, cut at words
            cut = text.rfind(" ", w_start, w_start + limit)
            runs.append((index, w_start, cut if cut > w_start else w_start + limit))
            cut = text.find(" ", ends[index] - limit, ends[index])
            runs.append((index + 0.5, cut + 1 if cut >= 0 else ends[index] - limit, ends[index]))
            continue
        runs.append((index, w_start, w_end))
    return runs


ANCHOR_RUNS = True
_ANCHOR_LEAD = 3  # words before the anchor a run starting at it keeps, at least (the frame's words, "từ nguồn | …")


def _anchor_run(text: str, start: int, end: int, limit: int, anchor: int,
                runs: list[tuple[float, int, int]], lead_words: int = _ANCHOR_LEAD) -> list[tuple[float, int, int]]:
    """A run starting a few words before ``anchor`` (where the text prints the question's frame) when no run holds
    ``_ANCHOR_ROOM`` characters after it: a part longer than the limit is offered only by its head and its tail, and
    what follows the frame in its middle ("Bổ sung … số tiền 2.615 tỷ đồng (…) từ nguồn dự toán chi thường xuyên …
    theo quy định tại … để sửa chữa …" for "… lấy từ nguồn nào?") would be read by neither.

    >>> t = "Bổ sung cho 27 địa phương số tiền 2.615 tỷ đồng từ nguồn dự toán chi thường xuyên năm 2024 theo quy định"
    >>> [t[s:e] for _, s, e in _anchor_run(t, 0, len(t), 60, t.index(" dự toán"), [(0, 0, 58)], 3)]
    ['đồng từ nguồn dự toán chi thường xuyên năm 2024 theo quy']
    """
    if any(s <= anchor and anchor + _ANCHOR_ROOM <= e for _, s, e in runs):
        return []
    reach = max(start, anchor - 80)
    lead = [m.start() for m in re.finditer(r"\S+", text[reach:anchor])]
    w_start = reach + lead[-lead_words] if len(lead) >= lead_words else reach
    closed = text.rfind(")", w_start, anchor)
    if closed >= 0 and "(" not in text[closed:anchor]:  # never start inside an aside: "…, MobiFone Nghệ An) để …"
        w_start = closed + 1
        while w_start < anchor and text[w_start] in " ,;\n":
            w_start += 1
    if end - w_start <= limit:
        return [(len(runs) + 0.25, w_start, end)]
    cut = text.rfind(" ", w_start, w_start + limit)
    return [(len(runs) + 0.25, w_start, cut if cut > anchor else w_start + limit)]


def value_anchor(text: str, start: int, end: int, weights: dict[str, float], frame: tuple[str, ...] = (),
                 actors: frozenset[str] = frozenset(), goal: frozenset[str] = frozenset()
                 ) -> tuple[int | None, bool, int | None]:
    """(anchor, defined, turn) of ``text[start:end]`` for :func:`window_options`: where the value the question asks
    starts (right after its frame's words, :func:`anchor_at`; after "là <noun>", :func:`named_as`; or after the
    words the sentence shares with the question when a definer follows them), whether a definer states it there,
    and where the sentence's topic ends (:func:`topic_end`)."""
    anchor, defined = anchor_at(text, start, end, frame)
    if not defined and (named := named_as(text, start, end, frame)) is not None:
        anchor, defined = named, True  # "… không thực hiện sắp xếp là xã Hồ Thị Kỷ" for "xã nào …"
    turn = topic_end(text, start, end, weights, actors | goal)  # "<means> để <goal>": the goal is no topic
    if not defined and turn is not None and states_at(text, turn, end):
        anchor, defined = turn, True  # "<the question's words> là <value>": the sentence states what is asked
    return anchor, defined, turn


def window_options(text: str, start: int, end: int, weights: dict[str, float], limit: int,
                   goal: frozenset[str] = frozenset(), actors: frozenset[str] = frozenset(),
                   frame: tuple[str, ...] = (), condition: bool = False) -> list[tuple[tuple[float, ...], float, int, int]]:
    """(features, order, start, end) of every run of parts of ``text[start:end]`` at most ``limit`` long
    (:data:`WINDOW_FEATURES`): the share of the question's weighted words it prints (goal words ``_GOAL_WEIGHT`` as
    much unless the run holds "để <goal>" itself, the actors' words not at all), whether it restates the question
    (novelty under ``_NOVELTY_MIN``), whether it holds what follows the question's frame (plainly, or as a value
    after a definer), the means before "để <goal>", whether it is the first run, its novelty, whether it ends where
    a clause ends, whether it starts after ``;`` ``:`` or at the sentence start, where it starts (0 … 1), and whether
    it holds the start of the sentence's comment (:func:`topic_end`: what follows the words the question repeats).
    ``condition``: the question asks what follows its condition (:func:`asks_consequence`); a run starting at the
    sentence's own "thì" counts the words of the condition printed before it in its clause as its own."""
    total = sum(weights.values()) or 1.0
    anchor, defined, turn = value_anchor(text, start, end, weights, frame, actors, goal)
    means = _means_end(text, start, end, goal, weights) if goal else None
    points = cut_points(text, start, end)
    strong = {p for p, is_strong in points if is_strong}
    ends = [p for p, _ in points[1:]] + [end]
    part_ends = {_trim(text, start, p)[1] for p in ends}  # a run ending where its clause ends holds it whole
    options: list[tuple[tuple[float, ...], float, int, int]] = []
    runs = _runs(text, start, end, limit, points)
    if ANCHOR_RUNS and anchor is not None:
        runs += _anchor_run(text, start, end, limit, anchor, runs, max(_ANCHOR_LEAD, len(frame)))
    for order, w_start, w_end in runs:
        s, e = _trim(text, w_start, w_end)
        if e <= s:
            continue
        words = set(syllables(text[s:e]))
        if condition and _CONSEQUENCE.match(text, s - 1):  # "… nếu <condition> | thì <consequence>"
            clause = max([p for p in strong if p <= s] + [start])
            words |= set(syllables(text[clause:s]))
        purpose = _PURPOSE.search(text, s + 10, e) if goal else None  # "<means> để <goal>": the goal counts whole
        served = set(syllables(purpose.group(1))) if purpose else set()
        score = sum(w * (_GOAL_WEIGHT if t in goal and t not in served else 1.0)
                    for t, w in weights.items() if t in words and t not in actors) / total
        novelty = _novelty(text[s:e], weights)
        # the condition alone ("Trường hợp Công ty vay tiền … 0%" before "thì …") restates what the question supposes
        echoed = novelty < _NOVELTY_MIN or (condition and _CONSEQUENCE.match(text, e, min(end, e + 8)) is not None)
        anchored = anchor is not None and s <= anchor and (anchor + _ANCHOR_ROOM <= e or e == end
                                                            or (e in part_ends and anchor + _ANCHOR_MIN_ROOM <= e))
        held_means = means is not None and s + _MEANS_ROOM <= means <= e
        options.append(((score, float(echoed), float(anchored and not defined),
                         float(anchored and defined), float(held_means), float(order == 0), novelty,
                         float(e in part_ends), float(w_start in strong), (s - start) / max(end - start, 1),
                         float(turn is not None and s <= turn and (turn + _COMMENT_ROOM <= e or e == end))),
                        order, s, e))
    return options


def clause_window(text: str, start: int, end: int, weights: dict[str, float], limit: int,
                  start_bonus: float = 0.1, margin: float = 0.02, goal: frozenset[str] = frozenset(),
                  actors: frozenset[str] = frozenset(), frame: tuple[str, ...] = (),
                  coefficients: tuple[float, ...] = (), condition: bool = False) -> tuple[int, int]:
    """The best run of parts of ``text[start:end]`` at most ``limit`` characters long (the span itself when
    it fits).  Among runs holding the most of the question's weighted words (within ``margin``) the
    earliest wins; the run at the sentence's start (where its verb is: "Thực hiện rà soát … chính sách,
    chế độ đãi ngộ thu hút …" answers "làm thế nào để …") counts ``start_bonus`` more.  A run never ends
    at a colon that has more after it: that is a lead-in ("Giao các bệnh viện …: Định kỳ hàng tháng …").
    ``goal``: words of the question's purpose (:func:`goal_words`); ``actors``: words of the bodies it
    names (:func:`actor_words`), which do not count; ``frame``: the words before the question's slot
    (:func:`slot_frame`): a run holding what the text prints right after them counts ``_ANCHOR_BONUS`` more;
    when the frame is an act type the question asks for by name (:func:`act_slot`), the act the clause names
    by its number answers (:func:`act_reference`).  ``coefficients``: weights of :data:`WINDOW_FEATURES` fitted
    on tuning questions (``eval fit-window``) in place of these hand-set bonuses.

    >>> text = ("Tiếp tục triển khai nghiêm túc chỉ đạo của Thủ tướng Chính phủ, của Bộ Y tế, của UBND thành phố, "
    ...         "nhất là đồng bộ 3 trụ cột chống dịch là xét nghiệm, cách ly, điều trị; tăng cường kiểm tra")
    >>> s, e = clause_window(text, 0, len(text), {"tru": 1.0, "cot": 1.0, "chong": 0.5, "dich": 0.5}, 120)
    >>> text[s:e]
    'của Bộ Y tế, của UBND thành phố, nhất là đồng bộ 3 trụ cột chống dịch là xét nghiệm, cách ly, điều trị'
    """
    start, end = _trim(text, start, end)
    if not limit or end - start <= limit:
        return start, end
    act_type = act_type_of(frame)
    if act_type and (named := act_reference(text, start, end, act_type)) is not None:
        return named  # "… trong báo cáo nào?": the act the clause names by its number
    if asks_name(frame) and (term := defined_term(text, start, end, frame)) is not None:
        return term  # "… thì gọi là gì?": the term the sentence defines, not the definition the question restates
    options = window_options(text, start, end, weights, limit, goal, actors, frame, condition)
    if not options:
        cut = text.rfind(" ", start, start + limit)
        return _trim(text, start, cut if cut > start else start + limit)
    weights_of = tuple(coefficients) if coefficients else hand_window(start_bonus)
    scored = [(sum(c * f for c, f in zip(weights_of, features)), order, s, e) for features, order, s, e in options]
    best = max(o[0] for o in scored)
    # the earliest of the near-best, one restating the question (echo) only when no other is near
    near = [(o, features[1]) for o, (features, *_) in zip(scored, options) if o[0] >= best - margin]
    _, _, s, e = min(near, key=lambda pair: (pair[1] > 0 and pair[0][0] < best, pair[0][1]))[0]
    s, e = _filled(text, s, e, end, limit) if FILL_RUNS else (s, e)
    if READ_ON_FROM_FRAME:
        anchor = value_anchor(text, start, end, weights, frame, actors, goal)[0]
        if cuts_value(text, s, e, end, anchor, frame):
            holding = [o for o in scored if o[2] <= anchor < o[3] and not cuts_value(text, o[2], o[3], end, anchor)]
            if holding:
                _, _, s, e = max(holding, key=lambda o: (o[0], -o[1]))
                s, e = _filled(text, s, e, end, limit) if FILL_RUNS else (s, e)
    return s, e


# w142: the value a "what" question asks is printed right after its frame ("… được lấy từ nguồn nào?" → "… từ nguồn
# dự toán chi thường xuyên …"; "… phối hợp chặt chẽ giữa những bên nào?" → "… chặt chẽ giữa nhà trường, gia đình
# và doanh nghiệp"): a window that prints the frame but stops within a clause's worth of text after it has cut the
# value off, and the run read from the frame on answers instead.
READ_ON_FROM_FRAME = True


def cuts_value(text: str, s: int, e: int, end: int, anchor: int | None, frame: tuple[str, ...] = ()) -> bool:
    """Whether the window ``s:e`` of a clause ending at ``end`` prints the question's frame (ending at ``anchor``)
    but stops less than ``_ANCHOR_ROOM`` characters after it, neither at the clause's end nor where a clause of it
    ends (``;`` ``:`` ``.`` follows: "… được kiên cố hóa đạt 100%): Giao Bộ …" holds its value whole); nor does it
    print the ``frame`` earlier with that room after it ("… trong báo cáo công tác 6 tháng và hàng năm …; báo cáo,
    thống kê …" for "… những kỳ báo cáo nào?": the value follows its first mention).

    >>> t = "Bổ sung 27 địa phương số tiền 2.615 tỷ đồng từ nguồn dự toán chi thường xuyên năm 2024: chuyển nguồn"
    >>> a = t.index(" dự toán")
    >>> cuts_value(t, 0, t.index(" chi"), len(t), a), cuts_value(t, 0, t.index(":"), len(t), a)
    (True, False)
    >>> cuts_value(t, 0, len(t), len(t), a), cuts_value(t, 0, t.index(" chi"), len(t), None)
    (False, False)
    >>> t = "Báo cáo kết quả trong báo cáo công tác 6 tháng và hàng năm của đơn vị; báo cáo, thống kê về đội ngũ"
    >>> cuts_value(t, 0, t.index(" thống"), len(t), t.index(", thống"), ("bao", "cao"))
    False
    """
    if anchor is None or not s <= anchor < e or anchor + _ANCHOR_ROOM <= e or e >= end:
        return False
    follows = text[e:end].lstrip()
    if follows[:1] and follows[0] in ";:.":
        return False
    return not (frame and e - _ANCHOR_ROOM > s and anchor_at(text, s, e - _ANCHOR_ROOM, frame)[0] is not None)


FILL_RUNS = True
_FILL_MIN = 12  # characters of the next part worth adding


def _filled(text: str, s: int, e: int, end: int, limit: int) -> tuple[int, int]:
    """A run that ends at a comma with room left (the next part did not fit whole) takes the head of the next part
    up to ``limit``, cut at a word: an enumeration or a clause is not stopped at its first item ("… là hàng hóa, vật
    phẩm dễ bị hư hỏng theo pháp luật …"); a run ending at ``;`` ``:`` or a sentence's end, or holding one, keeps
    its end.

    >>> t = "Việc xử lý tài sản là hàng hóa, vật phẩm dễ bị hư hỏng theo pháp luật có liên quan"
    >>> t[slice(*_filled(t, 0, t.index(","), len(t), 60))]
    'Việc xử lý tài sản là hàng hóa, vật phẩm dễ bị hư hỏng theo'
    """
    if e >= end or limit <= 0 or s + limit - e < _FILL_MIN:
        return s, e
    gap = text[e:min(end, e + 3)]
    if not gap.startswith(",") or re.search(r"[;:]|\.\s", text[s:e]):
        return s, e  # a run across clauses ("… điều trị; tăng cường kiểm tra") has read on past its own
    stop = min(end, s + limit)
    if stop >= end:
        return _trim(text, s, end)
    cut = text.rfind(" ", e + 1, stop + 1)
    if cut < 0 or cut - e < _FILL_MIN:
        return s, e
    return _trim(text, s, cut)


def framed_unit(candidates, text_of, frame: tuple[str, ...], window: float, years: tuple[str, ...] = (),
                scanned: int = 6):
    """The unit a "what" answer is read from: the best candidate, unless it misses a year the question names
    or the question's frame words (:func:`slot_frame`, printed in a row before some content) and a candidate
    scoring within ``window`` of it prints them ("Năm 2026: Ngân sách của Thành phố …" for "Năm 2026, tiền
    chi … lấy từ nguồn nào?")."""
    if not candidates or window <= 0 or not (frame or years):
        return candidates[0] if candidates else None
    best = candidates[0]

    def fits(cand) -> tuple[bool, bool]:
        text = text_of(cand)
        body = text[cand.unit.start:cand.unit.end]
        dated = all(re.search(rf"(?<!\d){year}(?!\d)", body) for year in years)
        at = _anchor(text, cand.unit.start, cand.unit.end, frame, whole=True) if frame else None
        return dated, at is not None and cand.unit.end - at >= _ANCHOR_ROOM // 4

    best_dated, best_framed = fits(best)
    for cand in candidates[1:scanned]:
        if cand.score < best.score - window:
            break
        dated, framed = fits(cand)
        if (dated and not best_dated) or (framed and not best_framed and dated >= best_dated):
            return cand
    return best


def stating_unit(candidates, text_of, frame: tuple[str, ...], window: float, scanned: int = 6):
    """The first of the best candidates (scoring within ``window`` of the best) that states a value for the
    question's phrase ("+ Trụ sở chính: Số 2, đường Chùa Chuông …" for "… có trụ sở chính ở đâu": the three words
    right before the slot lead to a definer, :func:`anchor_at`), or None."""
    if not candidates or window <= 0 or len(frame) < 3:
        return None
    best = candidates[0]
    for cand in candidates[:scanned]:
        if cand.score < best.score - window:
            break
        if anchor_at(text_of(cand), cand.unit.start, cand.unit.end, frame, single=False, slide=False)[1]:
            return cand
    return None


_ITEMS_REACH = 60  # characters from the question's frame to the colon its items follow


def items_follow_frame(text: str, start: int, items: int, frame: tuple[str, ...]) -> bool:
    """Whether the items starting at ``items`` follow a colon printed shortly after two words of the frame
    ("… phối hợp với cơ quan Thuế trong các nội dung: quản lý …; xác minh …" for "hỗ trợ phối hợp với cơ quan
    thuế trong những việc gì?").

    >>> t = "nhằm hỗ trợ phối hợp với cơ quan Thuế trong các nội dung: quản lý người nộp thuế; xác minh hộ kinh doanh"
    >>> items_follow_frame(t, 0, t.index("quản lý"), ("co", "quan", "thue", "viec"))
    True
    >>> items_follow_frame(t, 0, t.index("quản lý"), ("bao", "cao"))
    False
    """
    if not re.search(r":\s*$", text[max(start, items - 4):items]):
        return False
    anchor, _ = anchor_at(text, start, items, frame, single=False)
    return anchor is not None and items - anchor <= _ITEMS_REACH


_NEW_AFTER_FRAME = 3  # content words after the frame the question does not print: the unit says something new there


def news_after_frame(text: str, start: int, end: int, frame: tuple[str, ...], weights: dict[str, float]) -> bool:
    """Whether ``text[start:end]`` prints two words of the frame in a row followed by ``_NEW_AFTER_FRAME`` content
    words the question does not print ("… là một trong các tiêu chí đánh giá kết quả rèn luyện …" for "… được dùng
    để đánh giá gì?"; not "… về việc đánh giá kết quả học tập kiến thức, kỹ năng bổ trợ …", which restates it)."""
    anchor, _ = anchor_at(text, start, end, frame, single=False)
    if anchor is None:
        return False
    words = [w for w in syllables(text[anchor:min(end, anchor + 80)]) if w not in V.STOPWORDS][:_NEW_AFTER_FRAME]
    return len(words) == _NEW_AFTER_FRAME and not any(w in weights for w in words)


# "<subject holding the asked noun> là/gồm/: <value>": a clause stating the value of what the question asks
_VALUE_DEFINER = re.compile(r"\s(?:la|gom|bao gom)\s|:\s")
_CLAUSE_START = re.compile(r"[.;:\n]")


def states_value(text: str, start: int, end: int, frame: tuple[str, ...]) -> bool:
    """Whether a clause of ``text[start:end]`` names the question's asked noun (the last two words of its frame, in a
    row) in its subject and states its value after a definer ("Đơn vị tính khi lập Báo cáo tài chính nhà nước là
    đồng Việt Nam" for "… được lập theo đơn vị tính nào?"): a clerk reads the value there even when the unit also
    prints the noun where it restates the question (its heading "Đơn vị tính khi lập Báo cáo tài chính nhà nước").

    >>> t = "Đơn vị tính khi lập báo cáo\\nĐơn vị tính khi lập báo cáo là đồng Việt Nam."
    >>> states_value(t, 0, len(t), ("lap", "don", "vi", "tinh")), states_value(t, 0, 27, ("lap", "don", "vi", "tinh"))
    (True, False)
    >>> t = "Báo cáo được trình bày theo đơn vị tính rút gọn, nhất là đối với số liệu lớn"
    >>> states_value(t, 0, len(t), ("lap", "don", "vi", "tinh"))
    False
    """
    if len(frame) < 2:
        return False
    key = match_key(text[start:end])
    if len(key) != end - start:
        return False
    wanted = list(frame[-2:])
    for definer in _VALUE_DEFINER.finditer(key):
        before = key[:definer.start()]
        if before.split()[-1:] in (["nhat"], ["biet"]):
            continue  # "nhất là", "đặc biệt là": "especially", no value
        clause_start = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
        words = [(m.group(0), m.end()) for m in re.finditer(r"\w+", before[clause_start:])]
        if any(_printed_at(words, i, wanted, True) is not None for i in range(len(words))):
            return True
    return False


def telling_unit(candidates, text_of, chosen, frame: tuple[str, ...], weights: dict[str, float], window: float,
                 scanned: int = 6):
    """``chosen``, unless it restates the question after the frame's words and a unit scoring within ``window`` of
    it says something new there (:func:`news_after_frame`)."""
    if window <= 0 or len(frame) < 2:
        return chosen
    text = text_of(chosen)
    if news_after_frame(text, chosen.unit.start, chosen.unit.end, frame, weights) \
            or states_value(text, chosen.unit.start, chosen.unit.end, frame):
        return chosen
    if anchor_at(text, chosen.unit.start, chosen.unit.end, frame, single=False)[0] is None:
        return chosen
    for cand in candidates[:scanned]:
        if cand is chosen or abs(cand.score - chosen.score) > window:
            continue
        if news_after_frame(text_of(cand), cand.unit.start, cand.unit.end, frame, weights):
            return cand
    return chosen




# w85: "… thuộc/được xếp (vào) <class> nào?" asks which class a listed item belongs to; a classification list
# prints the class once, in the title of the part that holds the items ("Điều 2. Bí mật nhà nước độ Tối mật" over
# "b) Đề án thành lập mới, sáp nhập … bộ, cơ quan ngang bộ khi chưa được Quốc hội thông qua").
_MEMBERSHIP = re.compile(r"\b(?:thuoc|xep(?: vao)?)\s+((?:\w+\s+){1,3}?)nao\b")


def class_words(question_key: str) -> tuple[str, ...]:
    """The content words of the class a question asks an item's membership of, or ().

    >>> class_words("de an giai the bo chua duoc quoc hoi thong qua thuoc do mat nao")
    ('mat',)
    >>> class_words("ho so duoc xep vao do bi mat nao theo quyet dinh 2500"), class_words("co quan nao chu tri")
    (('mat',), ())
    """
    match = _MEMBERSHIP.search(question_key)
    if not match:
        return ()
    return tuple(w for w in match.group(1).split() if w not in V.STOPWORDS)


def class_title(titles: list[str], wanted: tuple[str, ...], asked: set[str]) -> int | None:
    """The index of the innermost of ``titles`` (outermost first) that prints every word of ``wanted`` and a content
    word the question does not (the class's own name: "Tối mật") or a word of ``wanted`` twice (a class named by its
    noun: "Bí mật nhà nước độ Mật"), or None.

    >>> class_title(["Bí mật nhà nước độ Tối mật", "Thông tin, tài liệu về tổ chức bộ máy"], ("mat",),
    ...             {"bi", "mat", "nha", "nuoc", "to", "chuc"})
    0
    >>> class_title(["Giải thích từ ngữ"], ("muc",), {"muc"}) is None
    True
    """
    if not wanted:
        return None
    for index in range(len(titles) - 1, -1, -1):
        words = syllables(titles[index])
        named = any(w not in asked and w not in V.STOPWORDS for w in words) or any(words.count(w) > 1 for w in wanted)
        if all(w in words for w in wanted) and named:
            return index
    return None


# w85: a clause that refers its instances to a footnote ("… một số công trình, dự án … chưa được các địa phương rà
# soát, báo cáo[4]") prints them in the note ("[4] Các dự án có kế hoạch khởi công: Tân Phú - Bảo Lộc …"); a
# consolidated text's notes on amendments ("[3] Điều này được bổ sung theo …") list nothing.
_NOTE_MARK = re.compile(r"(?<=\w)\[(\d{1,2})\]")
_AMENDMENT_NOTE = re.compile(r"(?:Điều|Khoản|Điểm|Mục|Chương|Phụ lục|Cụm từ|Tên|Nội dung)\b[^.\n]{0,60}?\b(?:được|bị)\s+"
                             r"(?:sửa đổi|bổ sung|thay thế|bãi bỏ|bỏ|đính chính)", re.IGNORECASE)


def footnote(text: str, start: int, end: int, limit: int) -> tuple[int, int] | None:
    """The note ``text[start:end]`` refers to by a mark on a word ("báo cáo[4]"): the text after "[4]" at the start
    of a later line, to the next note or blank line, at most ``limit`` characters cut at a word; None when there is
    no mark, no note, or the note is about an amendment.

    >>> t = "một số dự án chưa được rà soát, báo cáo[4]; một số bộ chưa đăng ký.\\n\\n[4] Các dự án: Tân Phú - Bảo Lộc."
    >>> t[slice(*footnote(t, 0, t.index(";"), 150))]
    'Các dự án: Tân Phú - Bảo Lộc.'
    """
    for mark in _NOTE_MARK.finditer(text, start, end):
        note = re.compile(rf"^[ \t*]*\[{mark.group(1)}\][ \t*]*", re.MULTILINE).search(text, end)
        if note is None:
            continue
        stop = re.compile(r"^[ \t*]*\[\d{1,2}\]|\n\s*\n", re.MULTILINE).search(text, note.end())
        body_end = stop.start() if stop else len(text)
        s, e = _trim(text, note.end(), body_end)
        if e <= s or _AMENDMENT_NOTE.match(text, s):
            continue
        if e - s > limit:
            cut = text.rfind(" ", s, s + limit)
            e = cut if cut > s else s + limit
        return s, e
    return None
