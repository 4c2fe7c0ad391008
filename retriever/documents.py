"""Which document a question names, found as a clerk would: by its header fields — one component
for retrieval and for the answerer.

A question such as "Ai ký Thông tư 35/2025/TT-BXD về giá dịch vụ đăng kiểm?" names a document
(number, type, title words, issuer) and then asks for a *part* of it (the signature block, the
article on entry into force). Passages of that part look alike in every legal text; what tells
them apart is the document. ``DocumentHeaders`` scores every document by BM25 over its header
fields (type, number, title, issuer), built once at load; ``named`` returns the document the
question names when its header score clearly leads, and ``residual`` the query tokens left once
the words naming it are spent — those rank the part (``retriever.search``). The answerer asks the
same component which of the documents a search returned a document-level question (signer,
effective date, repeals, legal basis) is about: ``identify`` reads the same header scores, among
those documents, plus the document's own date when the question names one (a header has no date).

The header tokens are made at build and saved with the index (``index.headers``); an index
without them (older, or Milvus) has them tokenized here at load.

>>> from index.tokenization import Tokenizer
>>> from corpus.model import DocumentRecord
>>> tok = Tokenizer(segment_words=False)
>>> records = [DocumentRecord("a", "a.txt", "giá dịch vụ đăng kiểm", "Thông tư", "35/2025/TT-BXD", None,
...                           "Bộ Xây dựng", None, None, None),
...            DocumentRecord("b", "b.txt", "biên chế công chức", "Công văn", "10/BNV-TCBC", None,
...                           "Bộ Nội vụ", None, None, None)]
>>> headers = DocumentHeaders.build(records, tok)
>>> named = headers.named(tok.query_tokens("Ai ký Thông tư 35/2025/TT-BXD?"), margin=1.5)
>>> named.document, headers.residual(tok.query_tokens("Ai ký Thông tư 35/2025/TT-BXD?"), named.document)
(0, ['ai', 'ky', 'ai_ky', 'ky_thong', '~ai', '~ký'])
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from corpus.model import DocumentRecord
from index.bm25 import BM25_PARAMS
from index.headers import header_text, header_tokens

__all__ = ["DocumentHeaders", "NamedDocument", "header_text"]


@dataclass(frozen=True)
class NamedDocument:
    document: int  # position in DocumentHeaders.doc_ids
    relative: np.ndarray  # every document's header score / the best one's (float32, in [0, 1])


class DocumentHeaders:
    """BM25 over one short text per document (its header fields), and each document's own date.

    Built at load, from the header tokens saved with the index when it has them."""

    def __init__(self, doc_ids: list[str], tokens: list[frozenset[str]],
                 postings: dict[str, tuple[np.ndarray, np.ndarray]], dates: list[str | None],
                 tokenized: int = 0):
        self.doc_ids = doc_ids
        self.position = {doc_id: i for i, doc_id in enumerate(doc_ids)}
        self.tokens = tokens
        self.dates = dates  # each document's own date (ISO), by position
        self.tokenized = tokenized  # headers tokenized at build (0 when all were saved with the index)
        self._postings = postings  # token -> (document positions, idf-weighted term weights)

    @classmethod
    def build(cls, records: Sequence[DocumentRecord], tokenizer,
              saved: Mapping[str, list[str]] | None = None) -> DocumentHeaders:
        """`saved`: header tokens by doc_id (``IndexStore.headers``); the others are tokenized now."""
        k1, b = BM25_PARAMS["k1"], BM25_PARAMS["b"]
        saved = saved or {}
        texts = [saved.get(r.doc_id) or header_tokens(r, tokenizer) for r in records]
        tokenized = sum(r.doc_id not in saved for r in records)
        n = len(texts)
        average = sum(map(len, texts)) / n if n else 1.0
        df = Counter(t for tokens in texts for t in set(tokens))
        docs: dict[str, list[int]] = {}
        weights: dict[str, list[float]] = {}
        for position, tokens in enumerate(texts):
            norm = k1 * (1 - b + b * len(tokens) / average)
            for token, tf in Counter(tokens).items():
                idf = math.log(1 + (n - df[token] + 0.5) / (df[token] + 0.5))
                docs.setdefault(token, []).append(position)
                weights.setdefault(token, []).append(idf * tf / (tf + norm))
        postings = {t: (np.asarray(docs[t], dtype=np.int64), np.asarray(weights[t], dtype=np.float32)) for t in docs}
        return cls([r.doc_id for r in records], [frozenset(t) for t in texts], postings,
                   [r.date or None for r in records], tokenized)

    @classmethod
    def of_store(cls, store, tokenizer) -> DocumentHeaders:
        """The headers of a loaded index (its saved header tokens, if any: ``IndexStore.headers``)."""
        return cls.build([d.record for d in store.documents.values()], tokenizer, getattr(store, "headers", None))

    # ------------------------------------------------------------- retrieval: among all documents
    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """Header BM25 of every document (a repeated query token counts again, as in bm25s)."""
        out = np.zeros(len(self.doc_ids), dtype=np.float32)
        for token in query_tokens:
            posting = self._postings.get(token)
            if posting is not None:
                out[posting[0]] += posting[1]
        return out

    def named(self, query_tokens: Sequence[str], margin: float,
              scores: np.ndarray | None = None) -> NamedDocument | None:
        """The document the question names: the best header score, at least `margin` times the
        second best; None when no header matches or two documents are as likely. `scores`: the header
        scores of `query_tokens` (``scores``) when the caller has them."""
        scores = self.scores(query_tokens) if scores is None else scores
        if len(scores) == 0 or scores.max() <= 0:
            return None
        best = int(scores.argmax())
        second = float(np.partition(scores, -2)[-2]) if len(scores) > 1 else 0.0
        if scores[best] < margin * second:
            return None
        return NamedDocument(best, scores / scores[best])

    def residual(self, query_tokens: Sequence[str], document: int) -> list[str]:
        """The query tokens its header does not hold: what the question asks of that document."""
        spent = self.tokens[document]
        return [t for t in query_tokens if t not in spent]

    # ---------------------------------------------- the answerer: among the documents a search gave
    def identify(self, question_text: str, query_tokens: Sequence[str], doc_ids: Sequence[str],
                 settings) -> str:
        """The document of `doc_ids` (the best passage's first) that the question names best.

        Each one's header score relative to the best of them (``identify_title_weight`` ×), plus
        ``identify_date_bonus`` when the question names its own date; another than the first only
        when it leads by ``identify_margin``."""
        from corpus.acts import parse_act_query

        if len(doc_ids) < 2:
            return doc_ids[0]
        asked_date = parse_act_query(question_text).date
        scores = self.scores(query_tokens)
        positions = [self.position.get(d) for d in doc_ids]
        header = [float(scores[p]) if p is not None else 0.0 for p in positions]
        top = max(header)
        values = [settings.identify_title_weight * (h / top if top > 0 else 0.0)
                  + (settings.identify_date_bonus if asked_date and p is not None and self.dates[p] == asked_date else 0.0)
                  for h, p in zip(header, positions)]
        best = max(range(len(values)), key=values.__getitem__)
        return doc_ids[best] if values[best] - values[0] >= settings.identify_margin else doc_ids[0]
