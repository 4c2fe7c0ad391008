"""Lexical index: BM25 (bm25s) over our own Vietnamese tokens.

>>> from index.tokenization import Tokenizer
>>> tok = Tokenizer(segment_words=False)
>>> bm25 = BM25Index.build([tok.passage_tokens(t) for t in ["Sở Y tế chủ trì", "Sở Tài chính"]])
>>> scores = bm25.scores(tok.query_tokens("so y te"))
>>> int(scores.argmax())
0
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from corpus.imports import import_without

# Our backend is bm25s' default numpy one (BM25_PARAMS): numba and scipy, which bm25s would import
# for its other backends, cost ~1 s of every query process's start-up.
bm25s = import_without("bm25s", ("numba", "scipy"))

# bm25s logs "Building index from tokens" on every build; our CLIs print their own summary.
logging.getLogger("bm25s").setLevel(logging.WARNING)

# Lucene BM25 with the usual parameters; the corpus is short passages of similar length.
BM25_PARAMS = {"k1": 1.2, "b": 0.75, "method": "lucene"}


class BM25Index:
    """Scores every passage for a tokenized query; rows are chunk positions."""

    def __init__(self, model: "bm25s.BM25", size: int):
        self._model = model
        self.size = size

    @classmethod
    def build(cls, passages_tokens: list[list[str]], show_progress: bool = False) -> "BM25Index":
        model = bm25s.BM25(**BM25_PARAMS)
        # bm25s cannot index an empty token list meaningfully; a placeholder keeps rows aligned.
        corpus = [tokens or ["\u2205"] for tokens in passages_tokens]
        model.index(corpus, show_progress=show_progress)
        return cls(model, len(corpus))

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage (float32, length ``size``)."""
        known = [t for t in query_tokens if t in self._model.vocab_dict]
        if not known or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)

    def save(self, directory: Path) -> None:
        self._model.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> "BM25Index":
        model = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        return cls(model, size)
