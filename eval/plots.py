"""Charts for reports: systems by metric, and latency (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from eval.metrics import METRICS


def plot_results(result: Mapping[str, Any], path: str | Path) -> Path:
    """Write a PNG with two panels: grouped bars of the four metrics per system, and p50/p95 latency."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    systems = result["systems"]
    names = list(systems)
    metrics = list(METRICS)
    figure, (quality, latency) = plt.subplots(1, 2, figsize=(13, 4.8), gridspec_kw={"width_ratios": [2, 1]})

    width = 0.8 / max(1, len(names))
    positions = np.arange(len(metrics))
    for i, name in enumerate(names):
        values = [systems[name][m] for m in metrics]
        bars = quality.bar(positions + i * width, values, width, label=name)
        quality.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    quality.set_xticks(positions + width * (len(names) - 1) / 2, metrics)
    quality.set_ylim(0, 1.2)
    quality.set_title(f"Retrieval quality ({result.get('questions', '?')} questions)")
    quality.legend(fontsize=8, loc="upper center", ncols=len(names), frameon=False)

    positions = np.arange(len(names))
    for offset, key in ((-0.2, "p50_ms"), (0.2, "p95_ms")):
        bars = latency.bar(positions + offset, [systems[n][key] for n in names], 0.4, label=key.replace("_ms", ""))
        latency.bar_label(bars, fmt="%.0f", fontsize=7, padding=1)
    latency.set_xticks(positions, names, rotation=30, ha="right")
    latency.set_ylabel("ms per query (warm)")
    latency.set_ylim(0, 1.25 * max([systems[n]["p95_ms"] for n in names] + [1.0]))
    latency.set_title("Latency")
    latency.legend(fontsize=8, loc="upper center", ncols=2, frameon=False)

    figure.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path
