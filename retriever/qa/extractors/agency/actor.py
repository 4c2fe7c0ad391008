"""The actor of the clause that prints the question's predicate, as a clerk reads it ("Ai phải ký tờ trình …?" →
whoever the text says signs it), whether or not it is a named state body.

A decree names who does a thing in three constructions, each read here:

* the subject before the verb: "…, cơ quan đại diện chủ sở hữu có trách nhiệm thực hiện …", "… mà hiệu trưởng trường
  trung cấp, hiệu trưởng trường cao đẳng quyết định nội dung …", "Doanh nghiệp, hộ kinh doanh … phải nộp phí …";
* the agent of a passive: "Tờ trình … phải do người đứng đầu cơ quan, tổ chức đề nghị thành lập ký";
* the complement of a definition: "Người nộp lệ phí theo quy định tại Thông tư này là cá nhân khi …".

The subject is a noun phrase: it starts with a word that names a person, a role or a body (``V.ACTOR_HEADS``, or a
named body's head), runs from the clause's start (a mark, a list label, "thì", "mà") to the verb, and may list several
such phrases joined by commas ("Doanh nghiệp, hộ kinh doanh").
"""

from __future__ import annotations

import re

from corpus.vietnamese import match_key
from retriever.qa import vocabulary as V

# The slot of the asked actor in the question (match_key): "ai", "cơ quan nào", "người nào", "bên nào" …
_ACTOR_SLOT = re.compile(r"\b(?:(?:co quan|don vi|to chuc|bo phan|nguoi|ben|ca nhan|chu the|doi tuong|uy ban)\s+nao"
                         r"|ai)\b")
# What stands between the slot and its verb in the question: "có trách nhiệm", "phải", "được giao", "là người" …
_QUESTION_MODAL = re.compile(r"(?:(?:co|chiu) (?:trach nhiem|tham quyen)|co quyen|duoc giao|duoc|phai|se|can|co the"
                             r"|la nguoi|la|di|truc tiep|se phai) ")
# … and in the text, between the subject and the verb (as printed).
_TEXT_MODAL = re.compile(r"(?:[ \t\n]+(?:(?:có|chịu)[ \t\n]+(?:trách[ \t\n]+nhiệm|thẩm[ \t\n]+quyền)|có[ \t\n]+quyền"
                         r"|được[ \t\n]+(?:giao|đề[ \t\n]+nghị|yêu[ \t\n]+cầu|phân[ \t\n]+công|cử|ủy[ \t\n]+quyền|uỷ[ \t\n]+quyền)|phải|được|sẽ|cần|có[ \t\n]+thể|thì|đều|trực[ \t\n]+tiếp|thực[ \t\n]+hiện|tiến[ \t\n]+hành|quyết[ \t\n]+định))+[ \t\n]*$")
# ("thực hiện", "tiến hành", "quyết định" before a verb are light verbs: "Quản tài viên … thực hiện đăng ký thay
# đổi …", "Chủ tịch Ủy ban nhân dân thành phố quyết định phê duyệt phương án …")
_VERBS_AMONG_STOPWORDS = frozenset({"dang", "lam", "ra"})  # "đăng ký", "làm", "ra quyết định": keyed like "đang", "là"
_PREDICATE_WORDS = 3  # syllables of the question's predicate read
# Where a sentence or a list item starts: a mark, a list label at a line's start ("- ", "a) ", "2.1. "), a blank line;
_SENTENCE_BREAK = r"[;:.()]|\n[ \t]*(?:[-+•*–]|[a-zđ]\)|\d+(?:\.\d+)*\.)[ \t]|\n[ \t]*\n"
# a clause starts there too, and after "thì", "mà" (before its subject).
_CLAUSE_START = re.compile(_SENTENCE_BREAK + r"|(?<![\w])(?:thì|mà)[ \t\n]+")
_NOUN_PHRASE_WORDS = 30
_NOUN_PHRASE_CHARS = 150
# Where a noun phrase ends when more follows it (the passive's agent, the definition's complement): a new clause,
# "khi …", "theo quy định …", a modal.
_PHRASE_END = re.compile(r"[,;:.()]|\n[ \t]*\n|[ \t\n]+(?:khi|theo[ \t\n]+quy[ \t\n]+định|có[ \t\n]+trách[ \t\n]+nhiệm"
                         r"|phải|thực[ \t\n]+hiện|để|đối[ \t\n]+với|trong[ \t\n]+thời[ \t\n]+hạn|kể[ \t\n]+từ)(?![\w])")
# A word inside the phrase that makes it a clause, not a name ("cơ quan … đã có văn bản …").
_CLAUSE_WORDS = re.compile(r"(?<![\w])(?:phải|sẽ|đã|đang|nếu|khi|sau khi|trước khi|trường hợp|Trường hợp)(?![\w])")
_ACTOR_HEAD = re.compile(rf"(?:(?:các|những|mọi)[ \t\n]+)?(?:{V.ACTOR_HEADS}|{V.AGENCY_TITLES}|(?:{V.AGENCY_HEADS})(?=[ \t\n]+[A-ZĐÀ-Ỹ]))"
                         r"(?![\w])", re.IGNORECASE)
_VERB_AFTER_HEAD = re.compile(r"[ \t\n]+(?:thực hiện|triển khai|lồng ghép|tuyên truyền|hành|chức thực|chức triển)\b")


def asked_predicate(key: str) -> tuple[str, list[str], bool] | None:
    """(the word before the slot, the predicate's syllables after it, whether it asks "ai là người …") of a
    question (match_key) that asks who does something; None when no slot is followed by a predicate.

    >>> asked_predicate("to trinh thanh lap phai do ai ky")
    ('do', ['ky'], False)
    >>> asked_predicate("ai la nguoi nop le phi cap chung chi")
    ('', ['nop', 'le', 'phi'], True)
    """
    slot = _ACTOR_SLOT.search(key)
    if slot is None:
        return None
    before = key[:slot.start()].split()[-1:]
    rest = key[slot.end():].lstrip() + " "
    defined = False
    while (modal := _QUESTION_MODAL.match(rest)) is not None:
        defined = defined or modal.group(0).startswith("la nguoi")
        rest = rest[modal.end():]
    words = []
    for word in rest.split()[:_PREDICATE_WORDS]:
        if not word.isalpha():
            break
        words.append(word)
    if not words or (words[0] in V.STOPWORDS and words[0] not in _VERBS_AMONG_STOPWORDS):
        return None
    return (before[0] if before else ""), words, defined


_BODY_VERB = re.compile(rf"{V.ORG_VERBS}|{V.HOLDER_PREDICATE}")


def _is_actor(phrase: str) -> bool:
    """Whether ``phrase`` names a person, a role or a body: it starts with an actor's head noun and is no clause
    ("Tổ chức kiểm tra …", "Ban hành …" start with a verb spelt like a head)."""
    head = _ACTOR_HEAD.match(phrase)
    if head is None:
        return False
    verb_like = head.group(0).split()[-1].lower() in ("chức", "ban")
    if verb_like and (_BODY_VERB.match(phrase[head.end():]) or (phrase[:1].isupper() and not phrase[head.end():].strip())):
        return False  # "Tổ chức kiểm tra …", "b) Tổ chức | kiểm tra": the verb "tổ chức", not a body
    return not _CLAUSE_WORDS.search(phrase)


def _names_someone(phrase: str) -> bool:
    """Whether a whole subject names someone: not only kinds of body ("cơ quan có thẩm quyền", "cơ quan, tổ chức",
    "Người") — a clerk answers with which body; the kinds name none (a class of persons, "cá nhân", does)."""
    return not all(_KIND_ONLY.fullmatch(" ".join(piece.split()).strip())
                   for piece in re.split(r",|\s+(?:và|hoặc)\s+", phrase) if piece.strip())


# A generic kind of body with only words of competence after it names no one (unlike "cá nhân", "Quản tài viên").
_KIND_ONLY = re.compile(r"(?:(?:các|những|mọi)\s+)?(?:cơ quan|đơn vị|tổ chức|bộ phận|cơ sở|người)(?:\s+(?:nhà nước|có thẩm quyền"
                        r"|có liên quan|liên quan|chức năng|quản lý nhà nước|chuyên môn|quản lý|khác))*", re.IGNORECASE)


# Bodies listed as partners ("Phòng Y tế chủ trì, phối hợp với Ban …, UBND các phường tham mưu …"): the list before the
# verb is not its subject; the body that leads is (the named-body reading finds it).
_PARTNERS = re.compile(r"(?<![\w])(?:phối hợp|cùng với|cùng)(?![\w])")
# A modal inside the phrase nearest the verb: "X có trách nhiệm rà soát, lập danh sách …" — the verbs after the modal,
# joined by commas, share X.
_INNER_MODAL = re.compile(r"[ \t\n]+(?:(?:có|chịu)[ \t\n]+trách[ \t\n]+nhiệm|phải)[ \t\n]+")
_SHARED_VERB_WORDS = 4
_NAME_TAIL_WORDS = 4  # "…, xã", "…, thành phố", "…, địa phương": the kinds a name lists after a comma


# A causative verb opening the clause before its actor ("giao", "đề nghị", "yêu cầu", "phân công").
_GIVEN = re.compile(r"[ \t\n]*(?:[Gg]iao(?:[ \t\n]+nhiệm[ \t\n]+vụ)?(?:[ \t\n]+cho)?|[Đđ]ề[ \t\n]+nghị|[Yy]êu[ \t\n]+cầu"
                    r"|[Pp]hân[ \t\n]+công)[ \t\n]+")


# A leading adverbial clause before the subject ("Sau khi tiếp nhận Tờ khai do … chuyển đến, cơ quan tổ chức cán bộ …
# có trách nhiệm …"): it ends at its first comma.
_LEADING_CLAUSE = re.compile(r"[ \t\n*_]*(?:(?:[-+•*–]|[a-zđ]\)|\d+\.)[ \t]+)?(?:[Ss]au khi|[Nn]gay sau khi|[Kk]hi|[Tt]rước khi"
                             r"|[Tt]rong trường hợp|[Tt]rường hợp|[Nn]ếu|[Đđ]ối với|[Tt]rong thời hạn|[Tt]rên cơ sở)"
                             r"(?![\w])[^,;]*,")
# A verb handing the task on inside the stretch before the asked verb ("Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân
# dân cùng cấp | quyết định"): the body after it does the asked verb.
_HANDED_TO = re.compile(r"(?<![\w])(?:trình|giao|đề[ \t\n]+nghị|yêu[ \t\n]+cầu|phân[ \t\n]+công)[ \t\n]+")


def _clause_opening(body: str, at: int) -> int:
    """Where the clause holding ``at`` opens (after the last clause mark before it)."""
    starts = [m.end() for m in _CLAUSE_START.finditer(body, max(0, at - 400), at)]
    return starts[-1] if starts else max(0, at - 400)


def _subject_start(body: str, start: int, end: int) -> int:
    """Where the subject of the verb at ``end`` may start within its clause ``body[start:end]``: after a leading
    adverbial clause, and after a verb that hands the task to the body printed next."""
    leading = _LEADING_CLAUSE.match(body, start, end)
    if leading is not None:
        start = leading.end()
    handed = [m for m in _HANDED_TO.finditer(body, start, end) if _is_actor(body[m.end():end].strip(" \t\n,"))]
    return handed[-1].end() if handed and handed[-1].start() > start else start


def _list_subject(body: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject printed from ``start`` to ``end`` (the clause's start to the verb): the noun phrases before the
    verb, read back over commas and "và"/"hoặc" while each one names an actor ("Doanh nghiệp, hộ kinh doanh"). The
    verb follows its subject with no comma between; after a comma it goes on with the verbs of a modal before it."""
    given = _GIVEN.match(body, start, end)
    if given is not None:
        start = given.end()  # "giao Bộ Tài chính | tổng hợp …", "đề nghị Sở Y tế | chỉ đạo …": the body given the task
    stretch = body[start:end]
    if stretch.rstrip(" \t\n").endswith(","):
        pieces = [m for m in re.finditer(r"[^,]+", stretch)]
        last = pieces[-1] if pieces else None
        modal = _INNER_MODAL.search(last.group(0)) if last else None
        if modal is None or len(last.group(0)[modal.end():].split()) > _SHARED_VERB_WORDS:
            return None  # "… việc lập, thẩm định …": a verb after a comma is coordinated, not the subject's
        end = start + last.start() + modal.start()
        stretch = body[start:end]
    pieces = [m for m in re.finditer(r"[^,]+", stretch)]
    first = None
    pending = False  # a short piece that goes on a name's last words ("Chủ tịch UBND các phường, | xã")
    for piece in reversed(pieces):
        text = piece.group(0).strip(" \t\n")
        text = re.sub(r"^(?:và|hoặc)[ \t\n]+", "", text)
        if text and not _is_actor(text) and len(text.split()) <= _NAME_TAIL_WORDS and text[:1].islower() \
                and not _BODY_VERB.match(" " + text) and not _CLAUSE_WORDS.search(text):
            pending = True
            continue
        if not text or not _is_actor(text):
            if text and _PARTNERS.search(text):
                return None
            break
        pending = False
        first = start + piece.start() + len(piece.group(0)) - len(piece.group(0).lstrip(" \t\n"))
    if pending and first is None:
        return None
    if first is None:
        return None
    stop = end
    while stop > first and body[stop - 1] in " \t\n,":
        stop -= 1
    level = re.search(r"[ \t\n]+cùng[ \t\n]+cấp$", body[first:stop])
    if level is not None:
        stop = first + level.start()  # "Hội đồng nhân dân cùng cấp": the body, its level said by the clause before
    phrase = " ".join(body[first:stop].split())
    if len(phrase) > _NOUN_PHRASE_CHARS or len(phrase.split()) > _NOUN_PHRASE_WORDS or not _names_someone(phrase):
        return None
    return first, stop


def _phrase_after(body: str, start: int, limit: int) -> tuple[int, int] | None:
    """The actor's noun phrase starting at ``start`` up to where it ends (``_PHRASE_END``), or None."""
    while start < limit and body[start] in " \t\n":
        start += 1
    stop = _PHRASE_END.search(body, start, limit)
    end = stop.start() if stop else limit
    while stop is not None and body[end] == ",":
        # "… là tổ chức, cá nhân khi …": the list of actors goes on past a comma while the next piece names one
        more = _PHRASE_END.search(body, end + 1, limit)
        more_end = more.start() if more else limit
        if not _is_actor(" ".join(body[end + 1:more_end].split())):
            break
        stop, end = more, more_end
    while end > start and body[end - 1] in " \t\n":
        end -= 1
    phrase = " ".join(body[start:end].split())
    if not phrase or len(phrase) > _NOUN_PHRASE_CHARS or len(phrase.split()) > _NOUN_PHRASE_WORDS \
            or not _is_actor(phrase) or not _names_someone(phrase):
        return None
    return start, end


# The sentence's start (a mark or a list label, not a comma) and a time clause put between its subject and its verb:
# "Doanh nghiệp, hộ kinh doanh khi nộp hồ sơ đề nghị …, phải nộp phí …", "Quản tài viên, sau khi nhận …, có trách nhiệm".
_SENTENCE_START = re.compile(_SENTENCE_BREAK)
_TIME_CLAUSE = re.compile(r"[ \t\n]*,?[ \t\n]+(?:khi|sau[ \t\n]+khi|trước[ \t\n]+khi|trong[ \t\n]+thời[ \t\n]+hạn)(?![\w])")


def _subject_before_time(body: str, end: int) -> tuple[int, int] | None:
    """The sentence's subject when a time clause stands between it and the verb ending at ``end``."""
    starts = [m.end() for m in _SENTENCE_START.finditer(body, max(0, end - 400), end)]
    start = starts[-1] if starts else (0 if end <= 400 else None)
    if start is None:
        return None
    time = _TIME_CLAUSE.search(body, start, end)
    if time is None or re.search(r"(?<![\w])(?:thì|mà)(?![\w])", body[time.end():end]):
        return None
    span = _list_subject(body, start, time.start())
    label = re.match(r"\s*(?:(?:[-+•*–]|[a-zđ]\)|\d+(?:\.\d+)*\.)\s+)?", body[start:])
    if span is None or span[0] != start + label.end():
        return None  # the subject opens the sentence: "Doanh nghiệp … khi …", not "Xây dựng …, tổ chức … sau khi …"
    return span


_PASSIVE = re.compile(r"(?<![\w])do[ \t\n]+(?=(?:[^;:.()\n]|\n(?![ \t]*\n)){2,160}$)")


def _passive_agent(body: str, verb_at: int) -> tuple[int, int] | None:
    """The agent of a passive printed right before the verb at ``verb_at``: "… phải do <actor> ký"."""
    agents = list(_PASSIVE.finditer(body, max(0, verb_at - 170), verb_at))
    if not agents:
        return None
    start = agents[-1].end()
    head = body[:verb_at]
    modal = _TEXT_MODAL.search(head, start)
    end = modal.start() if modal else len(head.rstrip())
    if _LEADING_CLAUSE.match(body, _clause_opening(body, start), end) and "," in body[start:end]:
        return None  # "Sau khi tiếp nhận … do X chuyển đến, <subject> có trách nhiệm …": "do" belongs to the lead clause
    phrase = " ".join(body[start:end].split())
    if not phrase or len(phrase) > _NOUN_PHRASE_CHARS or len(phrase.split()) > _NOUN_PHRASE_WORDS \
            or not _is_actor(phrase) or not _names_someone(phrase):
        return None
    return start, end


def as_printed(predicate: list[str]) -> list[str]:
    """The question's predicate with its verb as a decree prints it (``V.PRINTED_VERBS``: "đóng phí" → "nộp phí")."""
    for asked, printed in V.PRINTED_VERBS.items():
        size = len(asked.split())
        if " ".join(predicate[:size]) == asked:
            return (printed.split() + predicate[size:])[:_PREDICATE_WORDS]
    return predicate


_PIVOT_REACH = 30  # words between the verb before the slot and the predicate


def _whole_object(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Everything between a verb and the next verb as its object, when an actor is listed in it and it is no clause
    ("mời các nghệ nhân, chuyên gia | tham gia"): the object holds nothing else."""
    while start < end and body[start] in " \t\n":
        start += 1
    while end > start and body[end - 1] in " \t\n,":
        end -= 1
    phrase = " ".join(body[start:end].split())
    pieces = [p.strip() for p in phrase.split(",")]
    if not phrase or len(phrase) > _NOUN_PHRASE_CHARS or _CLAUSE_WORDS.search(phrase) \
            or not any(_is_actor(p) for p in pieces) or any(_BODY_VERB.match(" " + p) for p in pieces) \
            or not _names_someone(phrase):
        return None
    return start, end


def _pivot_object(body: str, words, keys, at: int, before: str) -> tuple[int, int] | None:
    """The actors printed between the question's verb before its slot and its predicate ("Khuyến khích … mời các
    chuyên gia, cán bộ … tham gia giảng dạy" for "… mời ai tham gia dạy …"): a verb's object that does the next
    verb (a pivot), within one clause."""
    if not before or not any(verb.split()[-1] == before for verb in V.PIVOT_VERBS):
        return None
    for j in range(at - 1, max(-1, at - _PIVOT_REACH), -1):
        if re.search(r"[;:.()]", body[words[j].end():words[j + 1].start()]):
            return None
        if keys[j] == before:
            return _whole_object(body, words[j].end(), words[at].start())
    return None


def predicate_actors(key: str, body: str) -> list[tuple[int, int, int]]:
    """(start, end, syllables of the predicate matched) in ``body`` of the actors of the clauses that print the
    predicate the question (``key``, match_key) asks about, best matched first."""
    asked = asked_predicate(key)
    if asked is None:
        return []
    before, predicate, defined = asked
    predicate = as_printed(predicate)
    words = list(re.finditer(r"[^\W_]+", body))
    keys = [match_key(w.group(0)) for w in words]
    found: list[tuple[int, int, int]] = []
    for size in range(len(predicate), 0, -1):
        for i in range(len(words) - size + 1):
            if keys[i:i + size] != predicate[:size]:
                continue
            # the object of the question's verb before its slot, doing the predicate: "mời <actor> tham gia …"
            pivot = _pivot_object(body, words, keys, i, before)
            if pivot is not None:
                found.append((*pivot, size + 1))
                continue
            verb_at = words[i].start()
            # the agent of a passive: "… do <actor> ký"
            agent = _passive_agent(body, verb_at)
            if agent is not None:
                found.append((*agent, size + 1))
                continue
            # the complement of a definition: "Người <predicate> … là <actor>"
            if defined and i and keys[i - 1] == "nguoi":
                copula = re.search(r"(?<![\w])là[ \t\n]+", body[words[i + size - 1].end():words[i + size - 1].end() + 120])
                if copula is not None and not re.search(r"[;.]", body[words[i + size - 1].end():
                                                                      words[i + size - 1].end() + copula.start()]):
                    at = words[i + size - 1].end() + copula.end()
                    span = _phrase_after(body, at, min(len(body), at + 200))
                    if span is not None:
                        found.append((*span, size + 1))
                        continue
            if size < 2:
                continue  # one syllable ("ký") is read as the verb only in a passive's frame
            # the subject before the verb
            head = body[:verb_at]
            modal = _TEXT_MODAL.search(head)
            end = modal.start() if modal else len(head.rstrip())
            starts = [m.end() for m in _CLAUSE_START.finditer(body, max(0, end - 400), end)]
            start = starts[-1] if starts else max(0, end - 400) if end > 400 else 0
            start = _subject_start(body, start, end)
            span = _list_subject(body, start, end) or _subject_before_time(body, end)
            if span is not None:
                found.append((*span, size))
        if found:
            break
    return found
