"""underthesea's word and sentence segmentation, without the pipelines we never call.

``import underthesea`` imports every optional pipeline it ships — translation (transformers and
torch), classification, sentiment, language detection, dependency parsing, an agent, address
conversion. We only segment, so those are imported as absent (`corpus.imports.import_without`);
``import underthesea.pipeline.translate`` still works for whoever wants it.
"""

from __future__ import annotations

from types import ModuleType

from corpus.imports import import_without

OPTIONAL_PIPELINES = (
    "underthesea.pipeline.translate",
    "underthesea.pipeline.classification",
    "underthesea.pipeline.sentiment",
    "underthesea.pipeline.lang_detect",
    "underthesea.pipeline.dependency_parse",
    "underthesea.agent",
    "underthesea.address",
)


def load_underthesea() -> ModuleType:
    """The `underthesea` module, imported once without its optional pipelines."""
    return import_without("underthesea", OPTIONAL_PIPELINES)


def word_tokenize(text: str, **options):
    """underthesea's word segmentation (``format="text"`` joins words with '_')."""
    return load_underthesea().word_tokenize(text, **options)


def sent_tokenize(text: str):
    """underthesea's sentence segmentation."""
    return load_underthesea().sent_tokenize(text)
