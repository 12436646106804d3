"""A small HTTP load driver (no wrk or locust on the machine): THREADS threads in this process,
each with its own keep-alive connection, GET one URL as fast as the server answers for SECONDS.

    python bench/load.py http://127.0.0.1:8765/participants/ --cookie sessionid=... \
        --seconds 15 --threads 8

Prints one JSON object: requests, errors (anything but 200, and failed connections), requests per
second and the p50/p95 latency in ms. Standard library only, so it costs the server little.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlsplit


def drive(url: str, cookie: str, seconds: float, threads: int) -> dict:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]

    def worker() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                continue
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    n = len(latencies)
    return {
        "requests": n,
        "errors": errors[0],
        "rps": n / elapsed,
        "p50_ms": latencies[n // 2] * 1000 if n else None,
        "p95_ms": latencies[int(n * 0.95) - 1] * 1000 if n else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--cookie", required=True)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    print(json.dumps(drive(args.url, args.cookie, args.seconds, args.threads)))


if __name__ == "__main__":
    main()
