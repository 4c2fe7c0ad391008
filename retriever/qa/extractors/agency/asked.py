"""The body a question asks, as it asks it: the words it prints of a name (together, or as an acronym — "Sở
NN&MT"), which tell the question's own body from the one asked; what it asks of the body (the recipient, the proposer,
the issuer, the competent body, the heads "những tỉnh nào"); the words that name its task, not a body.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.vietnamese import match_key
from retriever.qa.extractors.agency.names import _HEAD_FULL
from retriever.qa.extractors.base import Context
from retriever.qa.model import Unit
from retriever.qa.question import QuestionAnalysis
from retriever.qa.scoring import syllables
from retriever.query import ABBREVIATIONS

# The question asks for the body something is sent or reported to ("phản ánh về đâu", "báo cáo cơ quan nào").
# "trình lên cơ quan nào", "gửi đến đâu", "nộp hồ sơ tại cơ quan nào": the verb, a direction word, then the slot.
_ASKS_RECIPIENT = re.compile(r"\b(?:ve dau|(?:gui|bao cao|trinh|nop(?: ho so)?|chuyen)(?: (?:ve|len|den|toi|cho|tai|o))?"
                             r" (?:dau|ai|(?:(?:nhung|cac) )?(?:co quan|don vi|bo|so) nao|cap nao))\b")
# The question asks who proposed ("Ai đề nghị …", "theo đề nghị của cơ quan nào", "cơ quan nào trình …").
_ASKS_PROPOSER = re.compile(r"\b(?:(?:ai|co quan nao|don vi nao|so nao|bo nao)(?: da)? (?:de nghi|de xuat|trinh)"
                            r"|(?:de nghi|de xuat|to trinh) cua (?:ai|co quan nao|don vi nao|so nao|bo nao))\b")

_SUBJECT_WORDS = 4


@lru_cache(maxsize=256)
def _spelt_out(key: str) -> str:
    """A question key with its abbreviations spelt out ("hdnd cap xa" → "hoi dong nhan dan cap xa"): the
    question's own body is not the answer however either of them prints it."""
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


_ASKS_ISSUER = re.compile(r"\b(?:ban hanh|ky|cong bo)\b")  # "… do cơ quan nào ban hành": a cited act's issuer answers


def _task_weights(question: QuestionAnalysis, context: Context) -> dict[str, float]:
    """The question's words that name a task, not a body ("thẩm định hồ sơ", not "cơ quan nào")."""
    body_words = {"co", "quan", "so", "bo", "don", "vi", "phong", "ban", "nganh", "nao", "chu", "tri", "phoi", "hop",
                  "trach", "nhiem", "chiu", "giao", "ai"}
    return {t: w for t, w in context.weights.items() if t not in body_words}


def _own_task(task: dict[str, float], context: Context, unit: Unit) -> dict[str, float]:
    """The task words that tell one body's task from another's within the unit's document: the words the
    document's title already prints ("Hiệp định … ASEAN … New Zealand" in every sentence of that decision)
    are its subject, not a task; all of them when the question says nothing else."""
    record = getattr(context.units, "record_words", {}).get(unit.doc_id, frozenset())
    own = {w: v for w, v in task.items() if w not in record}
    return own or task


# The question asks which body holds the power to settle a matter ("thuộc thẩm quyền (giải quyết) của cơ quan nào",
# "cơ quan nào có thẩm quyền giải quyết …").
_ASKS_COMPETENT = re.compile(r"\btham quyen\b")

# Nouns of "những X nào" that are the head of every listed name.
_HEAD_NOUNS = frozenset({"bo", "so", "tinh", "cuc", "vu", "ban", "phong", "huyen", "xa", "phuong", "quan"})


def _asked_heads(question: QuestionAnalysis) -> set[str]:
    """The head the listed names must have, when the question names one ("những tỉnh nào" → {"tinh"})."""
    asked = {w for w in question.list_noun[-1:] if w in _HEAD_NOUNS}
    if question.wanted_head in _HEAD_NOUNS:
        asked.add(question.wanted_head)
    return asked
