"""Where the gold answering unit ranks among the answerer's candidates, by today's unit score, by the
e5 cosine of question and unit, and by combinations (tuning data only; refuses fresh*.jsonl).

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/unit_dense_probe.py --index /work/idx/real_m5 \
        --questions eval/questions/tune2.jsonl eval/questions/real.jsonl eval/questions/tune3.jsonl \
        eval/questions/figures_probe.jsonl

Unit vectors come from the shared embedding cache (passage identity), missing ones are embedded and added.
A gold unit is a candidate whose word 4-grams overlap half of a gold snippet's (as diag_failures.py).
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.vietnamese import match_key
from eval.run import load_question_sets
from index.embedding_cache import EmbeddingCache
from retriever.qa import Answerer
from retriever.qa.question import analyze_question
from retriever.runtime import SEQUENTIAL_THREADS, open_searcher


def key(t):
    return " ".join(re.findall(r"\w+", match_key(t)))


def grams(t, n=4):
    w = key(t).split()
    return {tuple(w[i:i + n]) for i in range(max(1, len(w) - n + 1))}


def sha(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--questions", nargs="+", required=True)
    ap.add_argument("--weights", default="0.25,0.5,1,2,4,8")
    ap.add_argument("--text", choices=["unit", "heading"], default="unit")
    args = ap.parse_args()
    if any("fresh" in Path(p).name for p in args.questions):
        sys.exit("fresh*.jsonl is sealed")
    answerer = Answerer(open_searcher(args.index, threads=SEQUENTIAL_THREADS))
    store, embedder = answerer.store, answerer.searcher.embedder
    cache = EmbeddingCache.open(embedder.passage_identity, embedder.dim)
    weights = [float(w) for w in args.weights.split(",")]
    systems = ["score", "cosine"] + [f"score+{w}cos" for w in weights]
    items = []  # (set, split, kind, texts' hashes, gold flags, scores, query vector)
    wanted: dict[str, str] = {}
    for path in args.questions:
        for q in load_question_sets([path], None):
            if not q.answerable:
                continue
            analysis = analyze_question(" ".join(q.question.split()))
            r = answerer.retrieve(analysis)
            if not r.candidates:
                continue
            gold = [grams(x["text"] if isinstance(x, dict) else x.text) for x in q.relevant]
            texts = []
            isgold = []
            for c in r.candidates:
                t = store.documents[c.unit.doc_id].text[c.unit.start:c.unit.end]
                if args.text == "heading" and c.unit.heading:
                    t = f"{c.unit.heading.split(' › ')[-1]}: {t}"
                texts.append(t)
                g = grams(store.documents[c.unit.doc_id].text[c.unit.start:c.unit.end])
                isgold.append(any(len(gg & g) >= max(1, min(len(gg), len(g)) // 2) for gg in gold))
            if not any(isgold):
                continue
            hashes = [sha(t) for t in texts]
            wanted.update(zip(hashes, texts))
            qv = embedder.encode_queries([answerer.searcher.dense_query(r.result.analysis)])[0]
            split = q.split if Path(path).name == "real.jsonl" else "tuning"
            items.append((Path(path).stem, split, q.kind, hashes, isgold, np.array([c.score for c in r.candidates]), qv))
    known = cache.get(wanted)
    missing = [h for h in wanted if h not in known]
    print(f"{len(items)} questions, {len(wanted)} unit texts, {len(missing)} to embed", file=sys.stderr, flush=True)
    for start in range(0, len(missing), 512):
        part = missing[start:start + 512]
        add = dict(zip(part, embedder.encode_passages([wanted[h] for h in part])))
        cache.put(add)
        known.update(add)
        print(f"embedded {start + len(part)}", file=sys.stderr, flush=True)
    rows = []  # (set, split, kind, {system: rank})
    for stem, split, kind, hashes, isgold, score, qv in items:
        cos = np.array([float(known[h] @ qv) for h in hashes])
        ranks = {}
        for name in systems:
            if name == "score":
                s = score
            elif name == "cosine":
                s = cos
            else:
                w = float(name[len("score+"):-3])
                s = score + w * cos
            order = np.argsort(-s, kind="stable")
            pos = [int(np.where(order == i)[0][0]) for i in range(len(s)) if isgold[i]]
            ranks[name] = min(pos)
        rows.append((stem, split, kind, ranks))

    def summary(selected, label):
        if not selected:
            return
        n = len(selected)
        parts = []
        for name in systems:
            rk = [x[3][name] for x in selected]
            parts.append(f"{name}: top1 {sum(r == 0 for r in rk)} top3 {sum(r < 3 for r in rk)} "
                         f"mrr {np.mean([1 / (1 + r) for r in rk]):.3f}")
        print(f"{label} (n={n})\n   " + "\n   ".join(parts))

    tuning = [x for x in rows if x[1] == "tuning"]
    for s in dict.fromkeys(x[0] for x in rows):
        for split in ("tuning", "check"):
            summary([x for x in rows if x[0] == s and x[1] == split], f"{s} {split}")
    summary(tuning, "ALL TUNING")
    summary([x for x in rows if x[1] == "check"], "real CHECK")
    bykind = defaultdict(list)
    for x in tuning:
        bykind[x[2]].append(x)
    for k, v in sorted(bykind.items()):
        rk = {name: sum(x[3][name] == 0 for x in v) for name in systems}
        print(f"kind {k} n={len(v)} top1: " + ", ".join(f"{n} {c}" for n, c in rk.items()))


if __name__ == "__main__":
    main()
