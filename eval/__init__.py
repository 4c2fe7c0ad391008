"""Evaluation of the health-policy search/QA system.

* ``eval/questions/dev.jsonl`` — the development question set over the bundled corpus
  (one JSON object a line: ``id``, ``question``, ``kind``, ``relevant`` = verbatim text
  snippets of the answering passages with their ``source`` file, ``answer`` = acceptable
  short answers).  ``kind`` is one of agency, number, date, fact, citation, semantic,
  noaccent, paraphrase, noanswer; ``noanswer`` questions have no relevant passage.
* ``eval.datasets`` — ``load_questions`` (validated ``Question`` objects) and
  ``load_beir`` (a BEIR-format folder: corpus.jsonl, queries.jsonl, qrels).
* ``eval.metrics`` — snippet-based relevance (``relevance_for_hits``,
  ``build_qrels_run``), ranx retrieval metrics (hit@1, recall@5, mrr@10, ndcg@10),
  ``per_kind`` breakdown, ``latency_summary`` and ``answer_matches``.
"""
