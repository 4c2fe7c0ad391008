"""Latency of the running app's ``/ask`` under N concurrent gradio_client clients.

    .venv/bin/python scripts/bench_app.py --url http://127.0.0.1:7860 --clients 8 --requests 10

Each client is its own ``gradio_client.Client`` in its own thread and sends
``--requests`` questions one after another; prints p50/p95/max per request and the
throughput.  Loopback only by default: it refuses a non-local URL unless --remote.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

QUESTIONS = [
    "Sở nào chủ trì y tế trường học?",
    "Tỷ lệ tham gia BHYT mục tiêu năm 2030?",
    "Văn bản nào triển khai Chỉ thị 16/CT-TTg?",
    "so nao chu tri y te truong hoc",
    "Ai ký Kế hoạch 542/KH-UBND?",
    "Trạm y tế xã phải làm gì?",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:7860")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=10, help="per client")
    parser.add_argument("--api", default="/ask")
    parser.add_argument("--remote", action="store_true", help="allow a non-loopback URL")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1") and not args.remote:
        print(f"{args.url} is not loopback; pass --remote to benchmark it", file=sys.stderr)
        return 2

    from gradio_client import Client

    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def run_client(number: int) -> None:
        client = Client(args.url, verbose=False, analytics_enabled=False, download_files=False)
        for i in range(args.requests):
            question = QUESTIONS[(number + i) % len(QUESTIONS)]
            started = time.perf_counter()
            try:
                result = client.predict(question, api_name=args.api)
                ok = isinstance(result, dict)
            except Exception as error:  # noqa: BLE001 - count it, keep going
                ok, result = False, error
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                (latencies.append(elapsed) if ok else failures.append(f"{question}: {result}"))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        list(pool.map(run_client, range(args.clients)))
    wall = time.perf_counter() - started
    report = {
        "api": args.api, "clients": args.clients, "requests": len(latencies) + len(failures),
        "failures": len(failures),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
        "throughput_rps": round(len(latencies) / wall, 2),
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{args.api}: {report['requests']} requests from {args.clients} concurrent clients, "
              f"{report['failures']} failed; p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms, "
              f"max {report['max_ms']} ms; {report['throughput_rps']} req/s")
    for failure in failures[:5]:
        print("failed:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
