"""A bounded load run against `qa serve`: N requests of seed-sized articles at concurrency C.

    python -m qa.loadtest                       # starts its own server on a free loopback port
    python -m qa.loadtest --url http://127.0.0.1:8787 --requests 2000 --concurrency 16 --api v2

Prints the error count, p50/p90/p99 latency and requests per second. Any non-200 is an error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "qa", "serve", "--port", str(port), "--workers", str(workers),
                                "--no-config"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1).read()
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("qa.loadtest: the server did not come up")


async def run(url: str, texts: list[str], requests: int, concurrency: int, api: str) -> dict:
    import httpx

    latencies, errors = [], []
    queue = iter(range(requests))

    async def worker(client):
        for n in queue:
            text = texts[n % len(texts)]
            start = time.perf_counter()
            try:
                if api == "v2":
                    response = await client.post(url + "/v2/check", data={"text": text, "language": "ar"})
                else:
                    response = await client.post(url + "/api/v1/check", json={"text": text})
                if response.status_code != 200:
                    errors.append(response.status_code)
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
            latencies.append(time.perf_counter() - start)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        began = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - began
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    return {"requests": requests, "errors": len(errors), "wall_s": wall, "rps": requests / wall,
            "p50_ms": pick(0.50), "p90_ms": pick(0.90), "p99_ms": pick(0.99),
            "mean_ms": statistics.fmean(latencies) * 1000, "error_kinds": sorted(set(map(str, errors)))}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa.loadtest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server workers when starting one")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--api", choices=["v1", "v2"], default="v1")
    parser.add_argument("--seeds", default=str(Path(__file__).resolve().parent.parent / "seeds"))
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.seeds).glob("*.txt"))]
    if not texts:
        raise SystemExit(f"qa.loadtest: no .txt articles in {args.seeds}")
    process = None
    url = args.url
    if not url:
        process, url = start_server(args.workers)
    try:
        asyncio.run(run(url, texts[:1], min(20, args.requests), 2, args.api))  # warm every worker's caches
        result = asyncio.run(run(url, texts, args.requests, args.concurrency, args.api))
    finally:
        if process:
            process.terminate()
            process.wait(timeout=10)
    print(f"{url} {args.api}: {result['requests']} requests at concurrency {args.concurrency}, "
          f"{result['errors']} errors {result['error_kinds'] or ''}")
    print(f"latency p50 {result['p50_ms']:.0f} ms, p90 {result['p90_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms; "
          f"{result['rps']:.1f} requests/s over {result['wall_s']:.1f} s")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
