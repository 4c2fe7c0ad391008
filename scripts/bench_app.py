"""Latency of the running app's ``/ask`` under N concurrent gradio_client clients.

    .venv/bin/python scripts/bench_app.py --url http://127.0.0.1:7860 --clients 8 --requests 10
    .venv/bin/python scripts/bench_app.py --clients 8 --requests 10 --questions eval/questions/dev.jsonl

Each client is its own ``gradio_client.Client`` in its own thread and sends
``--requests`` questions one after another; prints p50/p95/max per request and the
throughput.  Loopback only by default: it refuses a non-local URL unless --remote.

By default the clients cycle through six built-in questions, so after the first six requests
the app answers from its query-vector cache and the embedding is not measured. With
``--questions FILE`` (JSON Lines with a "question" field, e.g. eval/questions/*.jsonl; repeatable)
every request sends a different question (while there are enough), each paying its embedding.

The clients run on the same machine as the app and take CPU from it (gradio_client's event
streams: about as much as the app itself on a 2-core machine), so the report also gives the
clients' own CPU seconds and, with ``--server-pid PID`` (Linux), the app's CPU time per request —
the part of a request's cost that the app's code decides. ``--client http`` sends the same
requests through Gradio's plain HTTP API (``POST /gradio_api/call/<api>``, then its event stream)
with the standard library: a few ms of client CPU per request instead of tens.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


class HttpCaller:
    """Gradio's HTTP API with the standard library: ``predict(question, api_name)`` → the result."""

    def __init__(self, url: str, api: str):
        import urllib.request

        self.url = url.rstrip("/")
        with urllib.request.urlopen(f"{self.url}/gradio_api/info", timeout=30) as response:
            info = json.load(response)
        self.arity = len(info["named_endpoints"][api]["parameters"])

    def predict(self, question: str, api_name: str):
        import urllib.request

        body = json.dumps({"data": [question] + [None] * (self.arity - 1)}).encode("utf-8")
        request = urllib.request.Request(f"{self.url}/gradio_api/call{api_name}", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=300) as response:
            event_id = json.load(response)["event_id"]
        with urllib.request.urlopen(f"{self.url}/gradio_api/call{api_name}/{event_id}", timeout=300) as stream:
            event = None
            for raw in stream:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event in ("complete", "error"):
                    data = json.loads(line.split(":", 1)[1])
                    if event == "error":
                        raise RuntimeError(f"error event: {data}")
                    return data[0]
        raise RuntimeError("stream ended without a result")


def client_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def server_cpu_s(pid: int | None) -> float | None:
    """User + system CPU seconds of process `pid` and its waited-for children (None: not given)."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def read_questions(paths: list[str]) -> list[str]:
    """The "question" of every line of `paths`, in order, each once."""
    found: list[str] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip() and not line.lstrip().startswith("#"):
                    try:
                        text = str(json.loads(line).get("question") or "").strip()
                    except (ValueError, AttributeError):
                        raise ValueError(f"{path}:{number}: not a JSON object") from None
                    if text:
                        found.append(text)
    return list(dict.fromkeys(found))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:7860")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=10, help="per client")
    parser.add_argument("--api", default="/ask")
    parser.add_argument("--remote", action="store_true", help="allow a non-loopback URL")
    parser.add_argument("--questions", action="append", default=None,
                        help="JSON Lines question file (a 'question' field); each request a different question")
    parser.add_argument("--server-pid", type=int, default=None,
                        help="the app's process id: report its CPU time per request (Linux /proc)")
    parser.add_argument("--client", choices=("gradio", "http"), default="gradio",
                        help="gradio_client (default) or Gradio's plain HTTP API with the standard library")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    questions = QUESTIONS
    if args.questions:
        try:
            questions = read_questions(args.questions)
        except (OSError, ValueError) as error:
            print(f"--questions: {error}".splitlines()[0], file=sys.stderr)
            return 2
        if not questions:
            print(f"--questions: no question in {', '.join(args.questions)}", file=sys.stderr)
            return 2
    if urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1") and not args.remote:
        print(f"{args.url} is not loopback; pass --remote to benchmark it", file=sys.stderr)
        return 2

    if args.client == "http":
        try:
            caller = HttpCaller(args.url, args.api)
        except (OSError, ValueError, KeyError) as error:
            print(f"{args.url}: no API {args.api} ({error})".splitlines()[0], file=sys.stderr)
            return 2
        connect = lambda: caller  # noqa: E731 - stateless: one per process is enough
    else:
        from gradio_client import Client

        connect = lambda: Client(args.url, verbose=False, analytics_enabled=False, download_files=False)  # noqa: E731

    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def run_client(number: int) -> None:
        client = connect()
        for i in range(args.requests):
            if args.questions:  # a different question for every request
                question = questions[(number * args.requests + i) % len(questions)]
            else:
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

    server_before = server_cpu_s(args.server_pid)
    client_before = client_cpu_s()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        list(pool.map(run_client, range(args.clients)))
    wall = time.perf_counter() - started
    client_cpu = client_cpu_s() - client_before
    server_after = server_cpu_s(args.server_pid)
    report = {
        "api": args.api, "client": args.client, "clients": args.clients, "requests": len(latencies) + len(failures),
        "failures": len(failures),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
        "throughput_rps": round(len(latencies) / wall, 2),
        "client_cpu_s": round(client_cpu, 2),
    }
    if server_before is not None and server_after is not None:
        requests = max(len(latencies) + len(failures), 1)
        report["server_cpu_ms_per_request"] = round((server_after - server_before) * 1000 / requests, 1)
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{args.api}: {report['requests']} requests from {args.clients} concurrent clients, "
              f"{report['failures']} failed; p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms, "
              f"max {report['max_ms']} ms; {report['throughput_rps']} req/s; clients' CPU {client_cpu:.2f} s"
              + (f"; app CPU {report['server_cpu_ms_per_request']} ms/request" if "server_cpu_ms_per_request" in report
                 else ""))
    for failure in failures[:5]:
        print("failed:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
