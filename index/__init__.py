"""Search index: embedding model, BM25 tokens, vector indexes and the index store.

See docs/ARCHITECTURE.md for the module contracts.
"""
