"""The sentence-transformers model run from an ONNX export by ONNX Runtime (no torch at query time).

A query is 10–30 tokens: in torch its embedding is dominated by per-operator overhead, which
ONNX Runtime does not have (14.5 ms against 53 ms per query on this machine, same weights,
cosine 0.99999999 — issue 15). The graph is exported ONCE, with torch, from the very
`SentenceTransformer` the torch path loads — its Transformer, Pooling and Normalize modules —
into `$HEALTHQA_CACHE/onnx/<key>/`, beside the converted weights. `<key>` is derived from
`index.model.model_identity` (the model files' content or path+size+mtime), so a changed model is
exported again. The folder is written in a temporary directory and renamed into place: a killed
export leaves nothing half-written.

What the folder holds, all a query needs:

* ``embeddings.npy`` — the word-embedding matrix (for e5-small 250k × 384, 4/5 of the weights),
  memory-mapped: a query reads its ~20 rows, and a cold start does not parse 384 MB of protobuf
  (creating the session took 2.5–2.8 s of CPU with the matrix inside, 0.6–0.9 s without, on
  this crowded 2-core machine);
* ``model.onnx`` — ``(inputs_embeds, attention_mask[, token_type_ids]) -> sentence_embedding``:
  the rest of the Transformer (position and type embeddings, LayerNorm, layers), Pooling, Normalize;
* ``tokenizer.json`` — the model's own Rust tokenizer (``tokenizers``), as sentence-transformers
  configured it (lower-casing included), without its padding/truncation settings;
* ``export.json`` — dimension, token limit, prompts, input names, pad id, versions.

Optionally ``model.int8.onnx`` (dynamic int8 quantization, `quantize_graph`) for batch embedding;
it is never used unless asked for (it moves vectors: see eval/RESULTS.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.cache_files import folder_lock, replace_folder, scratch_folder

LOG = logging.getLogger(__name__)
EXPORT_VERSION = 2  # bump when the exported graph or folder layout changes (2: embeddings apart)
GRAPH_FILE = "model.onnx"
EMBEDDINGS_FILE = "embeddings.npy"
INT8_GRAPH_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "export.json"
OPSET = 17
PRECISIONS = ("fp32", "int8")


class ExportUnsupported(Exception):
    """This model cannot run from the exported graph (the caller falls back to torch)."""


@dataclass(frozen=True)
class ExportMeta:
    """What `export.json` records about the exported model."""

    identity: str
    dim: int
    max_tokens: int
    prompts: dict[str, str]
    inputs: tuple[str, ...]
    pad_id: int
    pad_token: str

    @classmethod
    def read(cls, folder: Path) -> ExportMeta:
        data = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        if data.get("export_version") != EXPORT_VERSION:
            raise ValueError(f"export version {data.get('export_version')} != {EXPORT_VERSION}")
        return cls(data["identity"], int(data["dim"]), int(data["max_tokens"]), dict(data["prompts"]),
                   tuple(data["inputs"]), int(data["pad_id"]), str(data["pad_token"]))


def onnx_root() -> Path:
    from index.model import cache_dir

    return cache_dir() / "onnx"


def export_folder(identity: str) -> Path:
    """Where the graph of the model with this identity lives (exported or not yet)."""
    key = hashlib.sha256(f"{identity}\0export{EXPORT_VERSION}".encode()).hexdigest()[:32]
    return onnx_root() / key


def is_exported(identity: str, precision: str = "fp32") -> bool:
    folder = export_folder(identity)
    graph = folder / (GRAPH_FILE if precision == "fp32" else INT8_GRAPH_FILE)
    try:
        return graph.is_file() and (folder / EMBEDDINGS_FILE).is_file() and ExportMeta.read(folder).identity == identity
    except (OSError, ValueError, KeyError, TypeError):
        return False


def unsupported_reason(identity: str) -> str | None:
    """Why this model was found not to run from ONNX (recorded once), or None."""
    try:
        return _unsupported_file(identity).read_text(encoding="utf-8").strip() or "unsupported"
    except OSError:
        return None


def mark_unsupported(identity: str, reason: str) -> None:
    """Remember that export failed, so later loads go straight to torch instead of retrying."""
    path = _unsupported_file(identity)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(reason + "\n", encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass  # read-only cache: the export is simply tried again next time


def _unsupported_file(identity: str) -> Path:
    folder = export_folder(identity)
    return folder.with_name(folder.name + ".unsupported")


# ------------------------------------------------------------------------------------- export
def ensure_exported(model, identity: str) -> Path:
    """The export folder of `model` (a loaded `SentenceTransformer`), exporting it if missing."""
    folder = export_folder(identity)
    if is_exported(identity):
        return folder
    with folder_lock(folder):
        if not is_exported(identity):  # another process may have exported it meanwhile
            with scratch_folder(folder) as work:
                export_sentence_transformer(model, identity, work / "export")
                replace_folder(work / "export", folder)
    return folder


def _check_exportable(model) -> None:
    """Raise ExportUnsupported unless the model is text Transformer → Pooling (→ Normalize/Dense)
    with a fast tokenizer and prompts that pooling keeps (no prompt-length input)."""
    modules = modules_of(model)
    if not modules or type(modules[0]).__name__ != "Transformer" or not hasattr(modules[0], "auto_model"):
        raise ExportUnsupported(f"first module is {type(modules[0]).__name__ if modules else 'missing'}")
    tokenizer = getattr(model, "tokenizer", None)
    if tokenizer is None or not getattr(tokenizer, "is_fast", False):
        raise ExportUnsupported("no fast (Rust) tokenizer")
    prompts = {k: v for k, v in (getattr(model, "prompts", None) or {}).items() if v}
    for module in modules[1:]:
        if type(module).__name__ == "Pooling" and not getattr(module, "include_prompt", True) and prompts:
            raise ExportUnsupported("pooling excludes the prompt tokens")
        if type(module).__name__ not in {"Pooling", "Normalize", "Dense", "LayerNorm"}:
            raise ExportUnsupported(f"module {type(module).__name__}")


def modules_of(model) -> list:
    """The SentenceTransformer's modules in order."""
    return [model[i] for i in range(len(model))]


def export_sentence_transformer(model, identity: str, folder: Path) -> None:
    """Write model.onnx, tokenizer.json and export.json of `model` into `folder` (needs torch)."""
    import torch

    _check_exportable(model)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = model.tokenizer
    probe = tokenizer(["query: xin chào", "passage: một hai ba bốn năm"], padding=True, return_tensors="pt")
    inputs = tuple(name for name in ("input_ids", "attention_mask", "token_type_ids") if name in probe)

    extra = tuple(name for name in inputs if name not in ("input_ids", "attention_mask"))
    backbone = modules_of(model)[0].auto_model
    table = backbone.get_input_embeddings().weight.detach().float().cpu().numpy()

    class SentenceGraph(torch.nn.Module):
        """Backbone from word embeddings, then the model's own pooling (and normalize/dense) modules."""

        def __init__(self, st):
            super().__init__()
            self.backbone = backbone
            self.rest = torch.nn.ModuleList(modules_of(st)[1:])

        def forward(self, inputs_embeds, attention_mask, *tensors):
            output = self.backbone(inputs_embeds=inputs_embeds, attention_mask=attention_mask,
                                   **dict(zip(extra, tensors)), return_dict=True)
            features = {"token_embeddings": output.last_hidden_state, "attention_mask": attention_mask}
            for module in self.rest:
                features = module(features)
            return features["sentence_embedding"]

    graph = SentenceGraph(model).eval()
    names = ("inputs_embeds", "attention_mask", *extra)
    example = (torch.from_numpy(table[probe["input_ids"].numpy()]), probe["attention_mask"],
               *(probe[name] for name in extra))
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    axes["sentence_embedding"] = {0: "batch"}
    with torch.inference_mode(False), torch.no_grad(), _quiet_export():
        torch.onnx.export(graph, example, str(folder / GRAPH_FILE), input_names=list(names),
                          output_names=["sentence_embedding"], dynamic_axes=axes, opset_version=OPSET,
                          do_constant_folding=True, dynamo=False)
    np.save(folder / EMBEDDINGS_FILE, np.ascontiguousarray(table, dtype=np.float32))
    backend = tokenizer.backend_tokenizer.__class__.from_str(tokenizer.backend_tokenizer.to_str())
    backend.no_padding()
    backend.no_truncation()
    backend.save(str(folder / TOKENIZER_FILE))
    prompts = {k: v for k, v in (getattr(model, "prompts", None) or {}).items() if v}
    meta = {
        "export_version": EXPORT_VERSION, "identity": identity,
        "dim": int(model.get_embedding_dimension()), "max_tokens": int(model.max_seq_length or 512),
        "prompts": prompts, "inputs": list(inputs),
        "pad_id": int(tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0),
        "pad_token": str(tokenizer.pad_token or ""),
        "torch": torch.__version__,
    }
    (folder / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _verify(model, folder)


@contextlib.contextmanager
def _quiet_export() -> Iterator[None]:
    """The TorchScript exporter warns about traced control flow that is constant for BERT."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


VERIFY_TEXTS = ("Sở nào chủ trì y tế trường học?", "ty le tham gia BHYT 2030", "Kế hoạch 542/KH-UBND ngày 09/07/2024")


def _verify(model, folder: Path) -> None:
    """The exported graph must give the torch model's vectors (else it is not used at all)."""
    encoder = OnnxEncoder.load(folder, threads=1)
    ours = encoder.encode(list(VERIFY_TEXTS), "")
    theirs = model.encode(list(VERIFY_TEXTS), normalize_embeddings=True, convert_to_numpy=True)
    cosines = (ours * theirs).sum(axis=1)
    if cosines.min() < 0.9999:
        raise ExportUnsupported(f"exported graph differs from the model (cosine {cosines.min():.5f})")


def quantize_graph(identity: str) -> Path:
    """Write `model.int8.onnx` (dynamic int8 weights of MatMul/Gemm) beside the fp32 graph."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    folder = export_folder(identity)
    target = folder / INT8_GRAPH_FILE
    if target.is_file():
        return target
    with folder_lock(folder):
        if not target.is_file():
            partial = folder / f".{INT8_GRAPH_FILE}.tmp-{os.getpid()}"
            quantize_dynamic(str(folder / GRAPH_FILE), str(partial), weight_type=QuantType.QInt8,
                             op_types_to_quantize=["MatMul", "Gemm"])
            os.replace(partial, target)
    return target


# ------------------------------------------------------------------------------------ running
def available_providers() -> list[str]:
    """CUDA first when this ONNX Runtime build has it (onnxruntime-gpu on a GPU host), else CPU."""
    import onnxruntime

    present = onnxruntime.get_available_providers()
    return [p for p in ("CUDAExecutionProvider", "CPUExecutionProvider") if p in present] or present


class OnnxEncoder:
    """Tokenize with the model's `tokenizers` tokenizer, run the graph, L2-normalize.

    Thread-safe: ONNX Runtime sessions may be run from several threads at once, and the
    tokenizer's batch encoding keeps no state between calls.
    """

    def __init__(self, session, tokenizer, meta: ExportMeta, embeddings: np.ndarray, precision: str = "fp32"):
        self.session = session
        self.embeddings = embeddings  # (vocabulary, hidden) float32, memory-mapped
        self.tokenizer = tokenizer
        self.meta = meta
        self.precision = precision
        self.providers = list(session.get_providers())
        self._counting = None  # a copy of the tokenizer without truncation, for count_tokens

    @classmethod
    def load(cls, folder: Path, threads: int | None = None, precision: str = "fp32") -> OnnxEncoder:
        """Open the exported graph with `threads` intra-op threads (None: ONNX Runtime's default)."""
        import onnxruntime
        from tokenizers import Tokenizer

        meta = ExportMeta.read(folder)
        options = onnxruntime.SessionOptions()
        if threads:
            options.intra_op_num_threads = int(threads)
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3  # warnings about unused initializers etc. are noise here
        # Idle intra-op threads sleep instead of spinning. A query is a few ms of small matrix products:
        # spinning workers burnt as much CPU again as the work itself (37-40 against 20-22 ms of process
        # CPU per real-size query on 2 threads) and, on a shared machine, took the cores the query
        # waited for (wall p50 71-109 ms against 45-55). Same vectors, bit for bit (eval/RESULTS.md).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        graph = folder / (GRAPH_FILE if precision == "fp32" else INT8_GRAPH_FILE)
        session = onnxruntime.InferenceSession(str(graph), options, providers=available_providers())
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        tokenizer.enable_truncation(max_length=meta.max_tokens)
        embeddings = np.load(folder / EMBEDDINGS_FILE, mmap_mode="r")
        return cls(session, tokenizer, meta, embeddings, precision)

    @property
    def dim(self) -> int:
        return self.meta.dim

    def token_ids(self, texts: list[str], prompt: str) -> list[list[int]]:
        """The ids the graph reads (special tokens added, truncated at the token limit)."""
        return [e.ids for e in self.tokenizer.encode_batch([prompt + t for t in texts])]

    def count_tokens(self, text: str) -> int:
        """Tokens of `text` with special tokens, before truncation."""
        if self._counting is None:
            from tokenizers import Tokenizer

            counting = Tokenizer.from_str(self.tokenizer.to_str())
            counting.no_truncation()
            self._counting = counting
        return len(self._counting.encode(text).ids)

    def encode(self, texts: list[str], prompt: str, batch_size: int = 32) -> np.ndarray:
        """L2-normalized float32 vectors, in input order. Batches are formed by token length
        (as sentence-transformers does) so little padding is computed."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([prompt + t for t in texts])
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            out[rows] = self._run([encodings[i] for i in rows])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def _run(self, encodings) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), self.meta.pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        types = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            n = len(encoding.ids)
            ids[row, :n] = encoding.ids
            mask[row, :n] = 1
            types[row, :n] = encoding.type_ids
        feeds = {"inputs_embeds": np.asarray(self.embeddings[ids], dtype=np.float32), "attention_mask": mask,
                 "token_type_ids": types}
        names = ["inputs_embeds"] + [name for name in self.meta.inputs if name != "input_ids"]
        return self.session.run(None, {name: feeds[name] for name in names})[0]
