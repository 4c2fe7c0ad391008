"""The word tables abstention reads, counted once at build and saved beside the passages.

The answerer's out-of-corpus signals need three tables over every document's text
(:mod:`retriever.qa.abstention`, :mod:`retriever.qa.salience`, :mod:`retriever.qa.topics`):

* ``names`` — every word and word pair the corpus prints, with accents and without
  (``CorpusNames``: a question's capitalised names the corpus never prints);
* ``topics`` — the named health topics each document prints (``TopicIndex``);
* ``terms`` — how many documents print each dictionary word and syllable (``TermIndex``).

Counting them reads the whole corpus (~3 s at 121 documents, and it grows with the corpus), so like
the header tokens (:mod:`index.headers`) they are made at build and saved in the version folder
(``word_tables.json``), the file's format versioned in the manifest (``word_tables_version``). Each
table also carries its own version and a fingerprint of what it was counted against (the topic
list, the dictionary): a table that no longer matches is counted again at load, as is every table
of an index written before this file existed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

WORD_TABLES_FILE = "word_tables.json"
# Bump when the file's layout changes: an index holding another version's file counts its tables at load.
WORD_TABLES_VERSION = 1


def build_word_tables(texts: Mapping[str, str]) -> dict[str, Any]:
    """The three tables of the documents ``texts`` (doc_id → cleaned text), ready to save."""
    from retriever.qa.abstention import CorpusNames
    from retriever.qa.salience import TermIndex
    from retriever.qa.topics import TopicIndex

    return {
        "documents": sorted(texts),
        "names": CorpusNames.from_texts(texts.values()).to_table(),
        "topics": TopicIndex(texts).to_table(),
        "terms": TermIndex(texts).to_table(),
    }


def write_word_tables(path: Path, tables: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(tables, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read_word_tables(version_dir: Path, manifest: Mapping[str, Any], documents) -> dict[str, Any] | None:
    """The saved tables; None when the index has none, of another version, or not of these documents."""
    path = Path(version_dir) / WORD_TABLES_FILE
    if manifest.get("word_tables_version") != WORD_TABLES_VERSION or not path.is_file():
        return None
    tables = json.loads(path.read_text(encoding="utf-8"))
    return tables if set(tables.get("documents", ())) == set(documents) else None


def word_indexes(store):
    """(CorpusNames, TopicIndex, TermIndex) of a loaded store: read from its saved tables where they
    match this code and the store's documents, counted from the documents' text otherwise."""
    from retriever.qa.abstention import CorpusNames
    from retriever.qa.salience import TermIndex
    from retriever.qa.topics import TopicIndex

    tables = getattr(store, "word_tables", None) or {}
    if set(tables.get("documents", ())) != set(store.documents):
        tables = {}
    texts = {doc_id: d.text for doc_id, d in store.documents.items()}
    names = CorpusNames.from_table(tables.get("names")) or CorpusNames.from_texts(texts.values())
    topics = TopicIndex.from_table(tables.get("topics")) or TopicIndex(texts)
    terms = TermIndex.from_table(tables.get("terms")) or TermIndex(texts)
    return names, topics, terms
