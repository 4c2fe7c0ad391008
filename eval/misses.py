"""``python -m eval misses``: where the wrong short answers go wrong, counted per question file and kind.

Each answerable question ``ask`` gets wrong falls in the first category that holds, following the answer
path backwards from the quote to the search:

- ``abstained``: no answer;
- ``record route``: answered from a document's record (signer, dates, number …), wrongly;
- ``snippet not located``: the gold snippet is not found in its document's text (a data problem);
- ``wrong span in the gold unit``: the first quote lies on the gold snippet, the short answer is not an accepted form;
- ``gold unit first, another answered``: the unit holding the snippet ranked first, the answer came from another;
- ``gold unit 2nd/3rd`` / ``gold unit ranked beyond 3rd``: the unit was a candidate, ranked there;
- ``passage found, unit not a candidate``: a retrieved passage holds the snippet, none of its units was ranked;
- ``passage not retrieved``: no retrieved passage holds it.

Only counts are printed — never a question or an answer — so the command is safe on sealed question files.

    python -m eval misses --index REALSIZE --questions eval/questions/tune7.jsonl [--split check] [--json]

>>> MissCategory.WRONG_SPAN.value
'wrong span in the gold unit'
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from enum import Enum
from pathlib import Path

from corpus.vietnamese import nfc


class MissCategory(str, Enum):
    RIGHT = "right"
    ABSTAINED = "abstained"
    RECORD_ROUTE = "record route"
    NOT_LOCATED = "snippet not located"
    WRONG_SPAN = "wrong span in the gold unit"
    OTHER_ANSWERED = "gold unit first, another answered"
    RANKED_2_3 = "gold unit 2nd/3rd"
    RANKED_BEYOND = "gold unit ranked beyond 3rd"
    UNIT_NOT_CANDIDATE = "passage found, unit not a candidate"
    NOT_RETRIEVED = "passage not retrieved"


# a first quote starting this many characters after the snippet's start still counts as on it
_QUOTE_SLACK = 20


class MissClassifier:
    """Asks each question and says which :class:`MissCategory` its answer falls in.

    ``answerer``: a :class:`retriever.qa.Answerer` (its store, unit index and ``retrieve`` are read).
    """

    def __init__(self, answerer):
        self.answerer = answerer
        self._doc_of_source = {d.record.source: doc_id for doc_id, d in answerer.store.documents.items()}

    def locate(self, source: str, snippet: str) -> tuple[int | None, int]:
        """(document id, offset of ``snippet`` in its text), the words matched across any whitespace;
        offset -1 when the document holds no such run, document None when no document has that source."""
        doc_id = self._doc_of_source.get(source)
        if doc_id is None:
            return None, -1
        pattern = r"\s+".join(re.escape(word) for word in nfc(snippet).split())
        found = re.search(pattern, self.answerer.store.documents[doc_id].text) if pattern else None
        return doc_id, found.start() if found else -1

    def classify(self, question) -> MissCategory:
        """The category of ``question`` (an answerable :class:`eval.datasets.Question`)."""
        from eval.metrics import short_answer_matches
        from retriever.qa.question import analyze_question

        answer = self.answerer.ask(question.question)
        if not answer.abstained and short_answer_matches(answer.answer, question.answer):
            return MissCategory.RIGHT
        if answer.abstained:
            return MissCategory.ABSTAINED
        if answer.route == "record":
            return MissCategory.RECORD_ROUTE
        gold = question.relevant[0]
        doc_id, offset = self.locate(gold.source, gold.text)
        if offset < 0:
            return MissCategory.NOT_LOCATED
        first = answer.quotes[0] if answer.quotes else None
        if first is not None and first.doc_id == doc_id and first.start <= offset + _QUOTE_SLACK and offset < first.end:
            return MissCategory.WRONG_SPAN
        retrieval = self.answerer.retrieve(analyze_question(" ".join(nfc(question.question).split())))
        units = self.answerer.units

        def holds(unit) -> bool:
            return unit.doc_id == doc_id and unit.start <= offset < unit.end

        rank = next((i for i, cand in enumerate(retrieval.candidates) if holds(cand.unit)), None)
        if rank == 0:
            return MissCategory.OTHER_ANSWERED
        if rank is not None:
            return MissCategory.RANKED_2_3 if rank < 3 else MissCategory.RANKED_BEYOND
        if any(hit.doc_id == doc_id and any(holds(u) for u in units.units_of(units.row_of[hit.chunk_id]))
               for hit in retrieval.result.hits):
            return MissCategory.UNIT_NOT_CANDIDATE
        return MissCategory.NOT_RETRIEVED


def count_misses(answerer, paths: list[Path], split: str | None = None) -> dict:
    """``{file: {"questions": n, "categories": {category: n}, "kinds": {kind: {category: n}}}}`` over the
    answerable questions of each file (of one ``split`` when given)."""
    from eval.run import load_question_sets

    classifier = MissClassifier(answerer)
    result: dict = {}
    for path in paths:
        categories: Counter = Counter()
        kinds: dict[str, Counter] = defaultdict(Counter)
        for question in load_question_sets([path], split):
            if not question.answerable:
                continue
            category = classifier.classify(question).value
            categories[category] += 1
            kinds[question.kind][category] += 1
        result[Path(path).name] = {"questions": sum(categories.values()), "categories": dict(categories.most_common()),
                                   "kinds": {kind: dict(c.most_common()) for kind, c in sorted(kinds.items())}}
    return result


def format_misses(result: dict) -> str:
    """One block per file: the categories, then each kind's right count and misses."""
    lines = []
    right = MissCategory.RIGHT.value
    for name, part in result.items():
        lines.append(f"{name}: {part['categories'].get(right, 0)}/{part['questions']} right")
        for category, n in part["categories"].items():
            if category != right:
                lines.append(f"  {category:38} {n}")
        for kind, counts in part["kinds"].items():
            total = sum(counts.values())
            misses = ", ".join(f"{c} {n}" for c, n in counts.items() if c != right)
            lines.append(f"  {kind:15} {counts.get(right, 0)}/{total}" + (f"  ({misses})" if misses else ""))
    return "\n".join(lines)
