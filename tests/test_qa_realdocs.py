"""retriever.qa's record route and document-level readers on real documents (skips without them).

Real legal-database pages are parsed for real (no index, no model); the signer must come
from the signature block and equal the hand-read ``expected.jsonl`` record; an effective
date, when the document states one, must not be the signing date unless the clause says
"kể từ ngày ký"; legal bases are read from "Căn cứ …" lines.
"""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest

from corpus.vietnamese import match_key
from retriever.qa.question import analyze_question
from retriever.qa.quotes import QuoteMaker
from retriever.qa.records import DocumentRoute
from retriever.qa.settings import QA
from retriever.qa.units import UnitIndex

FILES = ("tvpl_001.txt", "tvpl_013.txt", "tvpl_014.txt", "tvpl_053.txt", "tvpl_141.txt")


@pytest.fixture(scope="module")
def real(realdocs):
    from corpus import parse_document

    expected = {r["file"]: r for r in map(json.loads, (realdocs / "expected.jsonl").read_text("utf-8").splitlines())
                if r.get("file") in FILES}
    parsed = [parse_document(realdocs / "documents" / name) for name in FILES]
    store = SimpleNamespace(documents={p.record.doc_id: p for p in parsed}, chunks=[c for p in parsed for c in p.chunks],
                            citations=None)
    units = UnitIndex(store)
    route = DocumentRoute(store, units, QuoteMaker(store, units), QA)
    return SimpleNamespace(store=store, route=route, expected=expected,
                           by_source={p.record.source: p.record.doc_id for p in parsed})


def test_signer_from_the_signature_block(real):
    for source, doc_id in real.by_source.items():
        answer = real.route.facts(analyze_question("Ai ký văn bản này?"), doc_id)
        assert answer is not None, source
        assert match_key(answer.answer) == match_key(real.expected[source]["signer"]), source
        text = real.store.documents[doc_id].text
        for quote in answer.quotes:
            assert text[quote.start:quote.end] == quote.text and quote.citation


def test_effective_date_is_not_the_signing_date_unless_said(real):
    answered = 0
    for source, doc_id in real.by_source.items():
        answer = real.route.facts(analyze_question("Văn bản này có hiệu lực từ ngày nào?"), doc_id)
        if answer is None:
            continue
        answered += 1
        quote = answer.quotes[0]
        assert "hiệu lực" in quote.text, source
        if "ngày ký" not in answer.answer and "ban hành" not in answer.answer:
            assert re.search(r"\d", answer.answer), (source, answer.answer)
    assert answered >= 2


def test_legal_basis_lines(real):
    answered = 0
    for source, doc_id in real.by_source.items():
        answer = real.route.facts(analyze_question("Văn bản này được ban hành căn cứ luật nào?"), doc_id)
        if answer is None:
            continue
        answered += 1
        assert len(answer.answer) <= 150
        assert all(q.text.lstrip().startswith(("Căn cứ", "Thực hiện", "Triển khai")) for q in answer.quotes), source
    assert answered >= 2
