"""Throughput and latency of ``POST /api/brief`` on the Munich example, over real HTTP.

    python benchmarks/web_load.py                          # 200 requests, 8 at a time
    python benchmarks/web_load.py --embedder hashing       # the same without the embedding model
    python benchmarks/web_load.py --requests 20 --concurrency 4 --body json

The app (real ``build_brief``, real ingest) runs under uvicorn in this process, on 127.0.0.1 at a
free port; nothing leaves the machine. The request count is fixed and every request has a
timeout, so the script always ends. One warm-up request (lazy model loads, first spaCy parse)
is sent first and reported on its own. Requests are sent the way the page sends them: the two
files as a multipart upload (``--body json`` sends them as a JSON article list instead).

Besides latency it reports errors (any answer but 200, or no answer) and the server's memory:
its resident size after the warm-up and after each quarter of the requests (flat when nothing
leaks) and its peak (``VmHWM``; the server runs in this process, so that is its peak). The
per-client rate limit is lifted for the run: every request comes from one address.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from newsfuse.embed import Embedder, HashingEmbedder
from newsfuse.ingest import load_paths
from newsfuse.web import WebLimits, create_app
from newsfuse.web.server import running_server

MUNICH = Path(__file__).resolve().parents[1] / "examples" / "munich-2016"
FILES = [MUNICH / "cnn.txt", MUNICH / "npr.txt"]


def _request_kwargs(body: str) -> dict[str, Any]:
    if body == "form":
        return {"files": [("files", (p.name, p.read_bytes(), "text/plain")) for p in FILES]}
    articles = [
        {
            "id": a.id,
            "text": a.text,
            "source": a.source,
            "title": a.title,
            "published": a.published.isoformat() if a.published else "",
        }
        for a in load_paths(FILES).articles
    ]
    return {"json": {"articles": articles}}


async def _one(client: httpx.AsyncClient, kwargs: dict[str, Any]) -> tuple[float, int | str]:
    start = time.perf_counter()
    try:
        r = await client.post("/api/brief", **kwargs)
        status: int | str = r.status_code
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    return time.perf_counter() - start, status


async def _run(
    url: str, n: int, concurrency: int, kwargs: dict[str, Any], timeout: float
) -> tuple[list[float], Counter[int | str], float, float]:
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        warm, status = await _one(client, kwargs)
        if status != 200:
            sys.exit(f"warm-up request failed with {status}; not measuring")
        MEMORY.append(_status_mb("VmRSS"))
        gate = asyncio.Semaphore(concurrency)

        async def gated() -> tuple[float, int | str]:
            async with gate:
                return await _one(client, kwargs)

        start = time.perf_counter()
        results: list[tuple[float, int | str]] = []
        quarters = [n // 4 + (1 if i < n % 4 else 0) for i in range(4)]
        for size in quarters:
            results += await asyncio.gather(*(gated() for _ in range(size)))
            MEMORY.append(_status_mb("VmRSS"))
        elapsed = time.perf_counter() - start
    statuses: Counter[int | str] = Counter(s for _, s in results)
    return [t for t, _ in results], statuses, elapsed, warm


MEMORY: list[float] = []
"""Resident MB after the warm-up, then after each quarter of the requests."""


def _status_mb(field: str) -> float:
    """``VmRSS`` / ``VmHWM`` of this process from /proc, in MB (0 where there is no /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=200, help="requests measured (default 200)")
    ap.add_argument("--concurrency", type=int, default=8, help="requests in flight (default 8)")
    ap.add_argument(
        "--embedder",
        choices=["default", "hashing"],
        default="default",
        help="default: newsfuse's own (NEWSFUSE_EMBEDDER picks it); hashing: no model",
    )
    ap.add_argument("--body", choices=["form", "json"], default="form")
    ap.add_argument(
        "--workers",
        type=int,
        default=WebLimits().max_concurrent_briefs,
        help="server's max_concurrent_briefs (default: the app's default)",
    )
    ap.add_argument("--timeout", type=float, default=300.0, help="per-request timeout, seconds")
    args = ap.parse_args()
    if args.requests < 1 or args.concurrency < 1:
        ap.error("--requests and --concurrency must be at least 1")

    embedder: Embedder | None = HashingEmbedder() if args.embedder == "hashing" else None
    limits = WebLimits(max_concurrent_briefs=args.workers, expensive_per_minute=args.requests + 1)
    app = create_app(limits=limits, embedder=embedder)
    kwargs = _request_kwargs(args.body)
    t0 = time.perf_counter()
    with running_server(app) as url:
        startup = time.perf_counter() - t0
        name = app.state.runtime.embedder.name
        times, statuses, elapsed, warm = asyncio.run(
            _run(url, args.requests, args.concurrency, kwargs, args.timeout)
        )

    print(
        f"POST /api/brief, Munich example ({len(FILES)} articles, {args.body} body), "
        f"embedder {name}, server workers {args.workers}"
    )
    print(f"startup {startup:.1f} s, warm-up request {warm:.2f} s")
    print(
        f"{args.requests} requests, concurrency {args.concurrency}: {elapsed:.1f} s, "
        f"{args.requests / elapsed:.2f} requests/s"
    )
    print(
        f"latency p50 {statistics.median(times):.2f} s, p95 {_percentile(times, 95):.2f} s, "
        f"max {max(times):.2f} s"
    )
    errors = sum(v for k, v in statuses.items() if k != 200)
    print(
        f"errors {errors}; statuses "
        + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str))
    )
    quarters = ", ".join(f"{m:.0f}" for m in MEMORY[1:])
    print(
        f"server memory: resident {MEMORY[0]:.0f} MB after the warm-up, {quarters} MB after "
        f"each quarter of the requests; peak {_status_mb('VmHWM'):.0f} MB"
    )
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
