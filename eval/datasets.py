"""Load evaluation data: the project's question files and BEIR-format datasets.

Question files (``eval/questions/*.jsonl``) hold one JSON object a line::

    {"id": "q001", "question": "...", "kind": "agency",
     "relevant": [{"source": "002_de43d9b20077fde2.txt", "text": "<verbatim snippet>"}],
     "answer": ["Sở Giáo dục và Đào tạo"]}

``relevant`` lists verbatim snippets of the passages that answer the question (not chunk
ids, so the set survives any re-chunking); it is empty for ``noanswer`` questions, whose
``answer`` is empty too.  Blank lines and lines starting with ``#`` are skipped.
``eval/questions/real.jsonl`` adds two optional fields: ``split`` (``tuning`` | ``check``,
assigned once by document) and ``doc_kind`` (``tvpl`` | ``congbao`` | ``bundled`` | ``none``).

A BEIR folder holds ``corpus.jsonl`` (``_id``, ``text``, optional ``title``),
``queries.jsonl`` (``_id``, ``text``) and ``qrels/<split>.tsv`` or ``qrels.tsv``
(tab-separated ``query-id  corpus-id  score``, with or without that header line).

Every problem is reported as a one-line :class:`DatasetError` (a ``ValueError``) that
names the file and, for content errors, the line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

__all__ = [
    "BASE_KINDS",
    "KINDS",
    "REAL_KINDS",
    "SPLITS",
    "BeirDataset",
    "DatasetError",
    "Question",
    "Relevant",
    "load_beir",
    "load_questions",
]

# Question kinds of the development set over the bundled corpus (eval/questions/dev.jsonl).
BASE_KINDS = (
    "agency",  # which body is in charge ("Sở nào chủ trì y tế trường học?")
    "number",  # rates, counts, targets
    "date",  # deadlines, dates of acts, quarters
    "fact",  # who signed, which number, which province
    "citation",  # which documents cite / implement an act, what a document implements
    "semantic",  # conceptual question in other words
    "noaccent",  # typed without diacritics
    "paraphrase",  # few shared words, abbreviations (BHYT, UBND, TTYT, YTCS, Sở GD&ĐT)
    "noanswer",  # out of corpus: relevant == [] and answer == []
)
# Kinds added with the real-document set (eval/questions/real.jsonl), which uses all of KINDS.
REAL_KINDS = (
    "effective_date",  # when an act takes effect ("có hiệu lực từ ngày nào"), not its signing date
    "repeals",  # which act or provision it repeals or replaces ("bãi bỏ/thay thế văn bản nào")
    "deadline",  # a time limit or a due date ("trong thời hạn bao lâu", "trước ngày nào")
    "amount",  # a figure with its unit ("mức … là bao nhiêu" -> "… đồng/người/tháng")
    "list",  # the items of an enumeration ("… gồm những gì?")
    "agencies",  # several bodies at once ("những bộ nào phối hợp")
    "signer",  # who signed the document (signature block, not a person named in the body)
    "legal_basis",  # which acts it is issued on the basis of ("căn cứ văn bản nào")
)
KINDS = BASE_KINDS + REAL_KINDS
# Halves of a question file split by document ("" = the file is not split).
SPLITS = ("", "tuning", "check")


class DatasetError(ValueError):
    """A missing or malformed evaluation file; the message is one line."""


@dataclass(frozen=True)
class Relevant:
    """A verbatim snippet of a passage that answers a question."""

    source: str  # file name inside the corpus folder
    text: str  # verbatim substring of that document (raw and cleaned text)


@dataclass
class Question:
    id: str
    question: str
    kind: str
    relevant: list[Relevant] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    split: str = ""  # "tuning" | "check" in real.jsonl (split by document); "" when the file has none
    doc_kind: str = ""  # "tvpl" | "congbao" | "bundled" | "none" in real.jsonl, for reporting

    @property
    def answerable(self) -> bool:
        return bool(self.relevant)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "kind": self.kind,
            "relevant": [{"source": r.source, "text": r.text} for r in self.relevant],
            "answer": list(self.answer),
            **({"split": self.split} if self.split else {}),
            **({"doc_kind": self.doc_kind} if self.doc_kind else {}),
        }


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _fail(path: Path | str, line: int | None, message: str) -> DatasetError:
    where = f"{path}:{line}" if line is not None else f"{path}"
    return DatasetError(_one_line(f"{where}: {message}"))


def _read_lines(path: Path) -> Iterator[tuple[int, str]]:
    if not path.is_file():
        raise _fail(path, None, "missing file" if not path.exists() else "not a file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(path, None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise _fail(path, None, f"cannot read ({exc.strerror or exc})") from None
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line


def _json_object(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _fail(path, number, f"bad JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise _fail(path, number, f"expected a JSON object, got {type(obj).__name__}")
    return obj


def _string(path: Path, number: int, obj: dict[str, Any], key: str, *, required: bool = True) -> str:
    if key not in obj:
        if required:
            raise _fail(path, number, f"missing field {key!r}")
        return ""
    value = obj[key]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key in ("_id", "id"):
        value = str(value)  # BEIR ids are sometimes numbers
    if not isinstance(value, str):
        raise _fail(path, number, f"field {key!r} must be a string, got {type(value).__name__}")
    if required and not value.strip():
        raise _fail(path, number, f"field {key!r} is empty")
    return value


# --------------------------------------------------------------------------- questions


def _parse_question(path: Path, number: int, obj: dict[str, Any]) -> Question:
    qid = _string(path, number, obj, "id")
    text = _string(path, number, obj, "question")
    kind = _string(path, number, obj, "kind")
    if kind not in KINDS:
        raise _fail(path, number, f"{qid}: unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    for key in ("relevant", "answer"):
        if key not in obj:
            raise _fail(path, number, f"{qid}: missing field {key!r}")
        if not isinstance(obj[key], list):
            raise _fail(path, number, f"{qid}: field {key!r} must be a list")
    relevant: list[Relevant] = []
    for i, entry in enumerate(obj["relevant"]):
        if not isinstance(entry, dict):
            raise _fail(path, number, f"{qid}: relevant[{i}] must be an object with 'source' and 'text'")
        for key in ("source", "text"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                raise _fail(path, number, f"{qid}: relevant[{i}] needs a non-empty string {key!r}")
        relevant.append(Relevant(source=entry["source"], text=entry["text"]))
    answers: list[str] = []
    for i, value in enumerate(obj["answer"]):
        if not isinstance(value, str) or not value.strip():
            raise _fail(path, number, f"{qid}: answer[{i}] must be a non-empty string")
        answers.append(value)
    if kind == "noanswer" and (relevant or answers):
        raise _fail(path, number, f"{qid}: a noanswer question must have empty 'relevant' and 'answer'")
    if kind != "noanswer" and not relevant:
        raise _fail(path, number, f"{qid}: kind {kind!r} needs at least one relevant passage")
    split = _string(path, number, obj, "split", required=False)
    if split not in SPLITS:
        raise _fail(path, number, f"{qid}: unknown split {split!r} (expected tuning or check)")
    doc_kind = _string(path, number, obj, "doc_kind", required=False)
    return Question(id=qid, question=text, kind=kind, relevant=relevant, answer=answers, split=split, doc_kind=doc_kind)


def load_questions(path: str | Path) -> list[Question]:
    """Read and validate a question file (JSON Lines); ids must be unique."""
    path = Path(path)
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for number, line in _read_lines(path):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        question = _parse_question(path, number, _json_object(path, number, stripped))
        if question.id in seen:
            raise _fail(path, number, f"duplicate id {question.id!r} (first on line {seen[question.id]})")
        seen[question.id] = number
        questions.append(question)
    return questions


# --------------------------------------------------------------------------- BEIR


@dataclass
class BeirDataset:
    corpus: dict[str, dict[str, str]]  # doc id -> {"title": ..., "text": ...}
    queries: dict[str, str]  # query id -> text
    qrels: dict[str, dict[str, int]]  # query id -> {doc id: graded relevance}
    name: str = ""
    warnings: list[str] = field(default_factory=list)


def _read_jsonl_texts(path: Path, *, with_title: bool) -> Iterator[tuple[str, str, str]]:
    for number, line in _read_lines(path):
        stripped = line.strip()
        if not stripped:
            continue
        obj = _json_object(path, number, stripped)
        doc_id = _string(path, number, obj, "_id")
        text = _string(path, number, obj, "text", required=False) if with_title else _string(path, number, obj, "text")
        title = _string(path, number, obj, "title", required=False) if with_title else ""
        if with_title and "text" not in obj:
            raise _fail(path, number, "missing field 'text'")
        yield doc_id, title, text


def _qrels_path(folder: Path, split: str) -> Path:
    candidates = [folder / "qrels" / f"{split}.tsv", folder / "qrels.tsv"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise _fail(folder, None, f"missing qrels file (looked for qrels/{split}.tsv and qrels.tsv)")


def _read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    first = True
    for number, line in _read_lines(path):
        if not line.strip():
            continue
        cells = [cell.strip() for cell in line.rstrip("\n").split("\t")]
        if len(cells) == 4:  # TREC style "qid 0 docid score"
            cells = [cells[0], cells[2], cells[3]]
        if first:
            first = False
            if len(cells) == 3 and cells[0].lower().replace("_", "-") in ("query-id", "qid", "query"):
                continue  # header line
        if len(cells) != 3:
            raise _fail(path, number, f"expected 3 tab-separated columns (query-id, corpus-id, score), got {len(cells)}")
        qid, doc_id, score_text = cells
        if not qid or not doc_id:
            raise _fail(path, number, "empty query-id or corpus-id")
        try:
            score = int(float(score_text))
        except ValueError:
            raise _fail(path, number, f"score {score_text!r} is not a number") from None
        qrels.setdefault(qid, {})[doc_id] = score
    return qrels


def load_beir(folder: str | Path, split: str = "test") -> BeirDataset:
    """Read a BEIR-format folder (corpus.jsonl, queries.jsonl, qrels/<split>.tsv or qrels.tsv).

    Qrels rows whose query is not in queries.jsonl, or whose document is not in
    corpus.jsonl, are dropped and reported in ``warnings`` (BEIR releases contain a few).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise _fail(folder, None, "missing BEIR dataset folder")
    corpus_path, queries_path = folder / "corpus.jsonl", folder / "queries.jsonl"
    for path in (corpus_path, queries_path):
        if not path.is_file():
            raise _fail(path, None, "missing file")
    qrels_path = _qrels_path(folder, split)

    corpus: dict[str, dict[str, str]] = {}
    for doc_id, title, text in _read_jsonl_texts(corpus_path, with_title=True):
        corpus[doc_id] = {"title": title, "text": text}
    queries: dict[str, str] = {}
    for qid, _title, text in _read_jsonl_texts(queries_path, with_title=False):
        queries[qid] = text
    raw_qrels = _read_qrels(qrels_path)

    warnings: list[str] = []
    qrels: dict[str, dict[str, int]] = {}
    unknown_queries = unknown_docs = 0
    for qid, docs in raw_qrels.items():
        if qid not in queries:
            unknown_queries += 1
            continue
        kept = {doc_id: score for doc_id, score in docs.items() if doc_id in corpus}
        unknown_docs += len(docs) - len(kept)
        if kept:
            qrels[qid] = kept
    if unknown_queries:
        warnings.append(f"{qrels_path}: {unknown_queries} qrels queries not in queries.jsonl were dropped")
    if unknown_docs:
        warnings.append(f"{qrels_path}: {unknown_docs} qrels rows naming documents not in corpus.jsonl were dropped")
    if not qrels:
        raise _fail(qrels_path, None, "no usable qrels (no row names a known query and document)")
    return BeirDataset(corpus=corpus, queries=queries, qrels=qrels, name=folder.name, warnings=warnings)
