"""The query encoder on ONNX Runtime (index/onnx_encoder.py) against the sentence-transformers
model it was exported from: same tokens, same vectors (cosine ≥ 0.9999), for the default model
and for a model chosen with HEALTHQA_MODEL; a model the graph cannot serve falls back to torch
with one log line. Real model, real exporter, real ONNX Runtime; no mocks."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from index import onnx_encoder as ox
from index.model import Embedder, model_identity, resolve_model

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Questions as officials type them: with and without diacritics, numbers, act codes, odd spacing.
QUESTIONS = [
    "Sở nào chủ trì y tế trường học?",
    "so nao chu tri y te truong hoc",
    "Tỷ lệ tham gia BHYT mục tiêu năm 2030 là bao nhiêu?",
    "ty le tham gia bhyt nam 2030",
    "Kế hoạch 542/KH-UBND ngày 09/07/2024 giao nhiệm vụ gì?",
    "Chỉ thị 25- CT/TW về công tác chăm sóc sức khỏe nhân dân",
    "chi thi 25-CT/TW",
    "Quý 3/2024 báo cáo gửi về đâu?",
    "Hỗ trợ 100.000 đồng/người/tháng cho hộ nghèo (BHYT) đúng không?",
    "TTYT huyện  phối hợp với UBND xã\tthế nào?",
    "y tế",
]


@pytest.fixture(scope="module")
def onnx_embedder() -> Embedder:
    embedder = Embedder.load(query_encoder="onnx")
    assert embedder.query_encoder == "onnx", "the default model must run from its ONNX export"
    return embedder


@pytest.fixture(scope="module")
def reference_model(onnx_embedder):
    """The sentence-transformers model itself (torch), as `SentenceTransformer.encode` runs it."""
    return onnx_embedder.model


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_query_vectors_equal_sentence_transformer_encode(onnx_embedder, reference_model):
    onnx_embedder.clear_query_cache()
    ours = onnx_embedder.encode_queries(QUESTIONS, batch_size=4)  # several batches, different padding
    theirs = reference_model.encode(QUESTIONS, prompt="query: ", normalize_embeddings=True, convert_to_numpy=True)
    cosines = _cosines(ours, theirs)
    assert cosines.min() >= 0.9999, dict(zip(QUESTIONS, cosines.round(6)))
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    one_by_one = np.stack([onnx_embedder.onnx.encode([q], "query: ")[0] for q in QUESTIONS])
    assert _cosines(one_by_one, ours).min() >= 0.99999  # padding in a batch changes nothing


def test_tokens_equal_the_models_tokenizer(onnx_embedder, reference_model):
    texts = ["query: " + q for q in QUESTIONS] + ["passage: " + "Điều 3. " * 400]  # one over the limit
    ours = onnx_embedder.onnx.token_ids(texts, "")
    theirs = reference_model.tokenizer(texts, truncation=True, max_length=onnx_embedder.max_tokens)["input_ids"]
    assert ours == theirs
    assert len(ours[-1]) == onnx_embedder.max_tokens == 512
    long = "Điều 3. " * 400
    assert onnx_embedder.count_tokens(long) == len(
        reference_model.tokenizer("passage: " + long, truncation=False, verbose=False)["input_ids"])


def test_passages_on_the_graph_equal_torch(onnx_embedder, reference_model):
    passages = [
        "Sở Giáo dục và Đào tạo chủ trì phối hợp với Sở Y tế hoàn thiện mạng lưới y tế trường học.",
        "Phấn đấu đến năm 2030 tỷ lệ tham gia bảo hiểm y tế đạt 95% dân số.",
        "Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư.",
    ]
    graph = Embedder(None, onnx_embedder.name, False, onnx_embedder.identity, onnx=onnx_embedder.onnx,
                     passage_encoder="onnx")
    ours = graph.encode_passages(passages)
    theirs = reference_model.encode(passages, prompt="passage: ", normalize_embeddings=True, convert_to_numpy=True)
    assert _cosines(ours, theirs).min() >= 0.9999
    assert graph.passage_identity == onnx_embedder.passage_identity  # fp32 either way: one cache


def test_export_lives_beside_the_converted_model_keyed_by_its_identity(onnx_embedder):
    folder = ox.export_folder(onnx_embedder.identity)
    assert folder.parent.parent == Path(resolve_model()).parent.parent  # $HEALTHQA_CACHE/{models,onnx}
    meta = json.loads((folder / ox.META_FILE).read_text(encoding="utf-8"))
    assert meta["identity"] == model_identity(resolve_model()) == onnx_embedder.identity
    assert meta["prompts"]["query"] == "query: " and meta["dim"] == 384
    assert not list(folder.parent.glob(f".{folder.name}.tmp-*"))  # nothing half-written left behind


# ------------------------------------------------------------------- a model of the user's choosing
def _tiny_model(folder: Path, include_prompt: bool = True) -> Path:
    """A small random BERT with its own WordPiece tokenizer, saved as a sentence-transformers folder."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(QUESTIONS * 3, trainers.WordPieceTrainer(
        vocab_size=300, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]"]))
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))])
    hf = folder / "hf"
    torch.manual_seed(0)
    BertModel(BertConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                         intermediate_size=64, max_position_embeddings=128)).save_pretrained(hf)
    PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                            sep_token="[SEP]").save_pretrained(hf)
    model = SentenceTransformer(modules=[Transformer(str(hf), max_seq_length=64), Pooling(32, "mean",
                                include_prompt=include_prompt), Normalize()],
                                prompts={"query": "câu hỏi: ", "passage": ""}, device="cpu")
    model.save(str(folder / "st"), create_model_card=False)
    return folder / "st"


def test_a_model_chosen_with_healthqa_model_is_exported_the_same_way(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHQA_CACHE", str(tmp_path / "cache"))
    path = _tiny_model(tmp_path)
    monkeypatch.setenv("HEALTHQA_MODEL", str(path))
    embedder = Embedder.load()
    assert embedder.query_encoder == "onnx" and embedder.query_prompt == "câu hỏi: "
    ours = embedder.encode_queries(QUESTIONS)
    theirs = embedder.model.encode(QUESTIONS, prompt="câu hỏi: ", normalize_embeddings=True, convert_to_numpy=True)
    assert _cosines(ours, theirs).min() >= 0.9999
    first = ox.export_folder(embedder.identity)
    assert first.is_dir() and first.parent == tmp_path / "cache" / "onnx"

    config = path / "config_sentence_transformers.json"  # the model changes: a new identity, a new export
    settings = json.loads(config.read_text(encoding="utf-8"))
    settings["prompts"]["query"] = "hỏi: "
    config.write_text(json.dumps(settings), encoding="utf-8")
    changed = Embedder.load()
    assert changed.identity != embedder.identity and changed.query_prompt == "hỏi: "
    assert ox.export_folder(changed.identity) != first and ox.is_exported(changed.identity)


def test_a_model_the_graph_cannot_serve_falls_back_to_torch_with_one_log_line(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("HEALTHQA_CACHE", str(tmp_path / "cache"))
    path = _tiny_model(tmp_path, include_prompt=False)  # pooling would need the prompt's length
    with caplog.at_level(logging.WARNING, logger="index.model"):
        embedder = Embedder.load(str(path))
    assert embedder.query_encoder == "torch"
    lines = [r.getMessage() for r in caplog.records if r.name == "index.model"]
    assert len(lines) == 1 and "torch" in lines[0] and "\n" not in lines[0]
    vectors = embedder.encode_queries(QUESTIONS[:3])
    assert vectors.shape == (3, 32)
    assert ox.unsupported_reason(embedder.identity)  # remembered: the next load does not retry the export
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="index.model"):
        assert Embedder.load(str(path)).query_encoder == "torch"
    assert len([r for r in caplog.records if r.name == "index.model"]) == 1


def test_an_unknown_encoder_setting_is_a_one_line_error(monkeypatch):
    from index.model import ModelError

    monkeypatch.setenv("HEALTHQA_QUERY_ENCODER", "tensorflow")
    with pytest.raises(ModelError) as caught:
        Embedder.load()
    assert "HEALTHQA_QUERY_ENCODER" in str(caught.value) and "\n" not in str(caught.value)


# ------------------------------------------------------------------------------- no torch at query time
NO_TORCH = textwrap.dedent("""
    import sys
    from retriever.__main__ import load_searcher
    searcher = load_searcher(sys.argv[1], None)
    result = searcher.search("so nao chu tri y te truong hoc", k=3)  # accent-less: the restorer too
    assert result.hits, "no hits"
    from retriever.qa import Answerer
    answer = Answerer(searcher).ask("Sở nào chủ trì y tế trường học?")
    heavy = sorted(m for m in ("torch", "sentence_transformers", "transformers", "sklearn", "pandas",
                               "matplotlib", "gradio") if m in sys.modules)
    print("HEAVY", ",".join(heavy))
    print("ENCODER", searcher.embedder.query_encoder)
""")


def test_search_and_ask_load_and_answer_without_torch(bundled_index):
    run = subprocess.run([sys.executable, "-c", NO_TORCH, str(bundled_index)], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, timeout=600, env={**os.environ})
    assert run.returncode == 0, run.stderr[-2000:]
    lines = dict(line.split(" ", 1) if " " in line else (line, "") for line in run.stdout.splitlines())
    assert lines["ENCODER"] == "onnx"
    assert lines["HEAVY"].strip() == "", f"imported at query time: {lines['HEAVY']}"
