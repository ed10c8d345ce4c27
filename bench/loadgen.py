"""A lean HTTP/1.1 load generator, run as its own process so that its CPU time is measured apart from the server's.

Usage:
    python -m bench.loadgen --port 8000 --plan plan.json --mode latency --requests 500 --seconds 20
    python -m bench.loadgen --port 8000 --plan plan.json --mode throughput --concurrency 16 --seconds 15

The plan is a JSON list of requests, each `{"path": "/graphql", "body": "...", "headers": [...]}`.
Each connection is one keep-alive TCP connection to 127.0.0.1 that sends the plan's prepared
POSTs in turn, again and again, and reads each response whole (Content-Length or chunked).
`latency` runs one connection, request after request; `throughput` runs `--concurrency`
connections, each starting at another place in the plan. Prints one JSON object: requests, non-200 responses, elapsed seconds, latency
percentiles in milliseconds and the CPU seconds this process used.
"""

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time
from pathlib import Path

HEADER_END = b"\r\n\r\n"


def build_request(port: int, path: str, body: bytes, headers: list[str]) -> bytes:
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        "Accept: application/json",
        f"Content-Length: {len(body)}",
        *headers,
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """Read one response and return its status code and body."""
    head = await reader.readuntil(HEADER_END)
    status_line, *header_lines = head[: -len(HEADER_END)].split(b"\r\n")
    status = int(status_line.split(b" ", 2)[1])
    length = None
    chunked = False
    for line in header_lines:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if length is not None:
        return status, await reader.readexactly(length)
    if not chunked:
        raise RuntimeError("response without Content-Length or chunked encoding")
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return status, b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)


class Counters:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.failures = 0
        self.first_failure: str | None = None


async def run_connection(
    port: int, requests: list[bytes], offset: int, deadline: float, limit: int | None, counters: Counters,
    shared: list[int],
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < deadline and (limit is None or shared[0] < limit):
            shared[0] += 1
            request = requests[offset % len(requests)]
            offset += 1
            started = time.perf_counter()
            writer.write(request)
            status, body = await read_response(reader)
            counters.latencies.append(time.perf_counter() - started)
            if status != 200:
                counters.failures += 1
                if counters.first_failure is None:
                    counters.first_failure = f"{status}: {body[:300].decode(errors='replace')}"
    finally:
        writer.close()


async def run(arguments: argparse.Namespace) -> dict[str, object]:
    plan = json.loads(arguments.plan.read_text(encoding="utf-8"))
    requests = [
        build_request(arguments.port, item["path"], item["body"].encode(), item.get("headers", [])) for item in plan
    ]
    concurrency = 1 if arguments.mode == "latency" else arguments.concurrency
    counters = Counters()
    shared = [0]
    started = time.perf_counter()
    deadline = started + arguments.seconds
    await asyncio.gather(
        *(
            run_connection(arguments.port, requests, number, deadline, arguments.requests, counters, shared)
            for number in range(concurrency)
        )
    )
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    latencies = sorted(counters.latencies)
    return {
        "requests": len(latencies),
        "failures": counters.failures,
        "first_failure": counters.first_failure,
        "elapsed_seconds": elapsed,
        "requests_per_second": len(latencies) / elapsed if elapsed else 0.0,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else 0.0,
        "client_cpu_seconds": usage.ru_utime + usage.ru_stime,
    }


def percentile(sorted_values: list[float], percent: float) -> float:
    """Return the nearest-rank percentile of already sorted values, 0 for none."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * percent // 100))
    return sorted_values[int(rank) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True, help="TCP port on 127.0.0.1")
    parser.add_argument("--plan", type=Path, required=True, help="JSON file with the list of requests")
    parser.add_argument("--mode", choices=("latency", "throughput"), required=True)
    parser.add_argument("--concurrency", type=int, default=16, help="connections in throughput mode (default: 16)")
    parser.add_argument("--requests", type=int, help="stop after this many requests in all")
    parser.add_argument("--seconds", type=float, required=True, help="stop after this many seconds")
    arguments = parser.parse_args()
    json.dump(asyncio.run(run(arguments)), sys.stdout)
    print()


if __name__ == "__main__":
    main()
