""""First the document the question names, then the part": a small synthetic corpus where the
passage asked for (the final article, the signature block) looks alike in every document and
the dense side prefers the named document's topical passages."""

from dataclasses import replace

import numpy as np
import pytest

from corpus.model import Chunk, DocumentRecord
from index.store import IndexStore, StoredDocument
from index.tokenization import Tokenizer
from retriever.documents import DocumentHeaders
from retriever.search import FUSION, HybridSearcher

TOKENIZER = {"segment_words": False, "bigrams": True, "accented": True}
DOCUMENTS = [
    ("a", "Thông tư", "35/2025/TT-BXD", "quy định giá dịch vụ đăng kiểm tàu biển", "Bộ Xây dựng", [
        "Giá dịch vụ đăng kiểm tàu biển gồm chi phí kiểm tra tàu biển và cấp giấy chứng nhận đăng kiểm.",
        "Tổ chức đăng kiểm thu giá dịch vụ đăng kiểm tàu biển theo biểu giá tại Phụ lục.",
        "Đăng kiểm tàu biển đang khai thác: giá dịch vụ tính theo tổng dung tích của tàu biển.",
        "Điều 5. Thông tư này có hiệu lực kể từ ngày 01 tháng 01 năm 2026.",
        "Nơi nhận: - Như Điều 5; - Lưu: VT. KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Văn An",
    ]),
    ("b", "Công văn", "10989/BNV-TCBC", "đề xuất biên chế giai đoạn 2026-2031", "Bộ Nội vụ", [
        "Các bộ, ngành đề xuất biên chế giai đoạn 2026-2031 theo vị trí việc làm.",
        "Điều 3. Công văn này có hiệu lực kể từ ngày ký.",
        "Nơi nhận: - Như trên; - Lưu: VT. KT. BỘ TRƯỞNG THỨ TRƯỞNG Trần Văn Bình",
    ]),
    ("c", "Quyết định", "1973/QĐ-UBND", "công bố thủ tục hành chính lĩnh vực giám định", "UBND tỉnh Hưng Yên", [
        "Công bố kèm theo Quyết định này thủ tục hành chính lĩnh vực giám định tư pháp.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2025.",
        "Nơi nhận: - Như Điều 3; - Lưu: VT. KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn Cường",
    ]),
]
TOPICS = {"a": 0, "b": 1, "c": 2}  # dense axis of each document's topic; axis 3 = "closing parts"


class _Embedder:
    """Stands in for the model: every question is about document a's topic."""

    name = "synthetic"

    def __init__(self, vector):
        self.vector = vector

    def encode_queries(self, texts):
        return np.asarray([self.vector for _ in texts], dtype=np.float32)


def _unit(values):
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


@pytest.fixture(scope="module")
def store():
    tokenizer = Tokenizer(**TOKENIZER)
    documents, chunks, tokens, vectors = {}, [], [], []
    for doc_id, kind, number, title, issuer, passages in DOCUMENTS:
        label = f"{kind} {number}: {title}"
        text = "\n".join(passages)
        record = DocumentRecord(doc_id, f"{doc_id}.txt", title, kind, number, "2025-01-01", issuer,
                                None, None, None)
        documents[doc_id] = StoredDocument(record, text, None)
        offset = 0
        for i, passage in enumerate(passages):
            context = f"{label}\n{passage}"
            closing = passage.startswith(("Điều", "Nơi nhận"))
            topic = np.zeros(4)
            topic[TOPICS[doc_id]] = 0.9 if not closing else 0.45
            topic[3] = 0.2 if not closing else 0.9
            chunks.append(Chunk(f"{doc_id}:{i}", doc_id, f"{doc_id}.txt", passage, offset, offset + len(passage),
                                [], "", "body", context))
            tokens.append(tokenizer.passage_tokens(context))
            vectors.append(_unit(topic))
            offset += len(passage) + 1
    manifest = {"settings": {"tokenizer": TOKENIZER, "model": "synthetic"}}
    return IndexStore.create(manifest, documents, chunks, tokens, np.asarray(vectors), {})


def _searcher(store, **fusion):
    return HybridSearcher(store, _Embedder(_unit([1.0, 0.0, 0.0, 0.15])), replace(FUSION, **fusion))


QUESTIONS = [
    ("Thông tư 35/2025/TT-BXD về giá dịch vụ đăng kiểm tàu biển có hiệu lực từ ngày nào?", "a:3"),
    ("Thứ trưởng nào ký Thông tư quy định giá dịch vụ đăng kiểm tàu biển?", "a:4"),
]


@pytest.mark.parametrize("question,expected", QUESTIONS)
def test_the_named_documents_part_comes_first(store, question, expected):
    hits = _searcher(store).search(question, k=3).hits
    assert hits[0].chunk_id == expected


@pytest.mark.parametrize("question,expected", QUESTIONS)
def test_without_the_document_signal_topical_passages_win(store, question, expected):
    """The same corpus and question with the signal off: what the change repairs."""
    hits = _searcher(store, part_weight=0.0, own_weight=0.0, type_weights=(), dense_weight=0.5).search(question, k=3).hits
    assert hits[0].chunk_id != expected
    assert hits[0].doc_id == "a"


def test_a_question_naming_no_document_is_fused_as_before(store):
    question = "mức phạt vi phạm là bao nhiêu"
    tokenizer = Tokenizer(**TOKENIZER)
    assert _searcher(store).named_document(tokenizer.query_tokens(question)) is None
    on = _searcher(store).search(question, k=5).hits
    off = _searcher(store, part_weight=0.0).search(question, k=5).hits
    assert [h.chunk_id for h in on] == [h.chunk_id for h in off]
    assert [h.score for h in on] == [h.score for h in off]


def test_headers_name_a_document_only_when_it_clearly_leads(store):
    tokenizer = Tokenizer(**TOKENIZER)
    headers = DocumentHeaders.build([d.record for d in store.documents.values()], tokenizer)
    named = headers.named(tokenizer.query_tokens("Ai ký Công văn 10989/BNV-TCBC?"), margin=1.5)
    assert named is not None and headers.doc_ids[named.document] == "b"
    assert named.relative.max() == pytest.approx(1.0)
    residual = headers.residual(tokenizer.query_tokens("Ai ký Công văn 10989/BNV-TCBC?"), named.document)
    assert "10989/bnv-tcbc" not in residual and "ky" in residual
    # words of no header: nothing is named
    assert headers.named(tokenizer.query_tokens("mức phạt vi phạm là bao nhiêu"), margin=1.5) is None


# ------------------------------------------------------------- both backends, bundled index
NAMING_QUESTIONS = ["Ai ký Kế hoạch 542/KH-UBND?", "Chỉ thị 16/CT-TTg có hiệu lực từ ngày nào?"]


@pytest.mark.parametrize("question", NAMING_QUESTIONS)
def test_the_residual_query_scores_alike_on_every_backend(searcher, local_searcher, question):
    tokens = searcher.tokenizer.query_tokens(question)
    named = searcher.named_document(tokens)
    assert named is not None
    residual = searcher.headers.residual(tokens, named.document)
    rows = np.arange(len(searcher.store.chunks), dtype=np.int64)
    narrowed = searcher.retrieval.lexical(tokens).narrowed(residual).scores(rows, {})
    fresh = searcher.retrieval.lexical(residual).scores(rows, {})
    assert np.allclose(narrowed, fresh, atol=1e-4)
    local = local_searcher.retrieval.lexical(residual).scores(rows, {})
    assert np.allclose(narrowed, local, atol=1e-3)
    assert [h.chunk_id for h in searcher.search(question, k=10).hits] == \
        [h.chunk_id for h in local_searcher.search(question, k=10).hits]


# ------------------------------------------------------------- saved with the index
class _NoTokenizer:
    def passage_tokens(self, text):
        raise AssertionError(f"header tokenized at load: {text!r}")


def test_a_saved_index_loads_its_headers_without_tokenizing(bundled_index, local_searcher):
    from index.headers import HEADERS_FILE, HEADERS_VERSION

    store = IndexStore.load(bundled_index)
    assert store.manifest["headers_version"] == HEADERS_VERSION and (store.path / HEADERS_FILE).is_file()
    assert set(store.headers) == set(store.documents)
    loaded = DocumentHeaders.of_store(store, _NoTokenizer())
    assert loaded.tokenized == 0 and local_searcher.headers.tokenized == 0
    rebuilt = DocumentHeaders.build([d.record for d in store.documents.values()], local_searcher.tokenizer)
    assert rebuilt.tokenized == len(store.documents)
    assert loaded.tokens == rebuilt.tokens and loaded.dates == rebuilt.dates
    question = local_searcher.tokenizer.query_tokens("Ai ký Kế hoạch 542/KH-UBND?")
    assert np.array_equal(loaded.scores(question), rebuilt.scores(question))


@pytest.mark.parametrize("older", ["without the file", "another version"])
def test_an_index_without_saved_headers_still_loads(bundled_index, local_searcher, tmp_path, older):
    """An index written before headers were saved (or by another header format) loads; the
    searcher tokenizes the headers then, and names the same documents."""
    import json
    import shutil

    from index.headers import HEADERS_FILE, HEADERS_VERSION

    copy = tmp_path / "index"
    shutil.copytree(bundled_index, copy)
    version = copy / (copy / "CURRENT").read_text("utf-8").strip()
    manifest = json.loads((version / "manifest.json").read_text("utf-8"))
    if older == "without the file":
        (version / HEADERS_FILE).unlink()
        manifest.pop("headers_version")
    else:
        manifest["headers_version"] = HEADERS_VERSION + 1
    (version / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    store = IndexStore.load(copy)
    assert store.headers is None
    searcher = HybridSearcher(store, local_searcher.embedder)
    assert searcher.headers.tokenized == len(store.documents)
    for question in NAMING_QUESTIONS:
        tokens = searcher.tokenizer.query_tokens(question)
        assert searcher.named_document(tokens).document == local_searcher.named_document(tokens).document
        assert [h.chunk_id for h in searcher.search(question, k=5).hits] == [
            h.chunk_id for h in local_searcher.search(question, k=5).hits]
