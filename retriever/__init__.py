"""Retrieval over the index: hybrid search, extractive answers, the citation graph,
and the LangChain retriever."""

__all__ = ["HealthPolicyRetriever"]


def __getattr__(name: str):
    # Lazy: `import retriever` stays cheap; langchain_core loads on first use.
    if name == "HealthPolicyRetriever":
        from retriever.langchain import HealthPolicyRetriever

        return HealthPolicyRetriever
    raise AttributeError(f"module 'retriever' has no attribute {name!r}")
