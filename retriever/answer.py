"""Moved to the :mod:`retriever.qa` package; this name stays importable for old callers."""

from retriever.qa import ABSTAIN_MESSAGE, Answer, Answerer, Quote, detect_kind  # noqa: F401
