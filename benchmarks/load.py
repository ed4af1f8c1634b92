"""Load benchmark (issue 10): the main pages under 20 concurrent clients, beside a bare Django view.

Sets up the production layout on this machine: a fresh PostgreSQL database with the example
data and an invented deal of 300 partners and 600 commitments, Redis as the cache when it
answers, gunicorn with the production settings and 2 workers, and a task worker. Then drives
each page with ``--clients`` concurrent keep-alive clients for ``--seconds`` and prints
requests per second, p50 and p95 beside a bare Django view (the same middleware, no work) in
the same run. Targets: p95 at most 150 ms, at least a quarter of the bare view's throughput.

    .venv/bin/python benchmarks/load.py [--seconds 10] [--clients 20]

The load comes from this process (asyncio, raw HTTP/1.1): it shares the two cores with the
server, as in the issue's measurements, and equally for every page and the bare view.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
HOST = "akkoord.example.nl"
DB = "akkoord_load"
EVENT = "nationale-dialoog-bouwcultuur-2020"
BIG = "pact-van-300-partners-voorbeeld"
PAGES = [
    ("bare Django view", "/bench/bare", False),
    ("home", "/", False),
    ("deal list", "/deals/", False),
    ("deal, 300 partners", f"/deals/{BIG}/", False),
    ("event page", f"/events/{EVENT}/", False),
    ("assignment overview (organiser)", f"/events/{EVENT}/assignment/", True),
    ("impact monitor", "/impact/city-deal-circulair-en-conceptueel-bouwen/?year=2025", False),
    ("yearly report (HTML)", "/impact/city-deal-health-hub-utrecht/report-2024.html", False),
    ("finance model", "/finance/models/almere-pampus-gebiedsexploitatie-100-jaar-voorbeeld/", False),
    ("API deal list", "/api/v1/deals", False),
    ("bare Django view (again)", "/bench/bare", False),
]


def environment(port: int, tmp: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="load_settings",
        PYTHONPATH=f"{ROOT / 'benchmarks'}:{env.get('PYTHONPATH', '')}",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"postgresql://postgres@127.0.0.1:5432/{DB}",
        AKKOORD_VAR_DIR=f"{tmp}/var",
        AKKOORD_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        AKKOORD_SITE_URL=f"https://{HOST}",
        AKKOORD_RATELIMIT="0",  # one client address sends everything here
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    try:
        import redis

        redis.Redis(socket_connect_timeout=2).ping()
        env["REDIS_URL"] = "redis://127.0.0.1:6379/14"
        redis.Redis(db=14).flushdb()
    except Exception:
        print("Redis does not answer: the cache is local memory per worker.")
    return env


def prepare() -> None:
    """In the server's environment: the 300-partner deal and an organiser's session (JSON)."""
    import random

    import django

    django.setup()
    from data import make_deal
    from django.contrib.auth import get_user_model
    from django.test import Client

    deal = make_deal(
        BIG,
        300,
        random.Random(20261202),
        title="Pact van 300 partners (voorbeeld)",
        summary="Verzonnen voorbeeld voor de belastingtest.",
        is_example=True,
    )
    from django.middleware.csrf import _get_new_csrf_string

    client = Client()
    client.force_login(get_user_model().objects.get(username="coordinator"))
    # As a browser would: the session and the CSRF cookie it got on its first page.
    cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={_get_new_csrf_string()}"
    print(json.dumps({"deal": deal.slug, "cookie": cookie}))


async def one_request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> int:
    writer.write(raw)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {
        k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
    }
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    if headers.get("connection", "").lower() == "close":
        raise ConnectionResetError
    return status


async def client_loop(port: int, raw: bytes, until: float, latencies: list[float], errors: list[int]) -> None:
    reader = writer = None
    while time.perf_counter() < until:
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        start = time.perf_counter()
        try:
            status = await one_request(reader, writer, raw)  # type: ignore[arg-type]
        except (ConnectionError, asyncio.IncompleteReadError):
            writer.close()
            reader = writer = None
            continue
        latencies.append(time.perf_counter() - start)
        if status != 200:
            errors.append(status)
    if writer is not None:
        writer.close()


def request_bytes(path: str, cookie: str | None) -> bytes:
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {HOST}",
        "X-Forwarded-Proto: https",
        "Accept-Language: nl",
        "Connection: keep-alive",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def drive(port: int, raw: bytes, clients: int, seconds: float) -> tuple[list[float], list[int], float]:
    latencies: list[float] = []
    errors: list[int] = []
    start = time.perf_counter()
    until = start + seconds
    await asyncio.gather(*(client_loop(port, raw, until, latencies, errors) for _ in range(clients)))
    return latencies, errors, time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def wait_until_ready(port: int, cookie: str) -> None:
    """Every page answers 200 and the finance model's stored result is computed."""
    for _name, path, needs_login in PAGES:
        raw = request_bytes(path, cookie if needs_login else None)
        for _ in range(600):
            latencies, errors, _ = asyncio.run(drive(port, raw, 1, 0.01))
            if latencies and not errors:
                break
            time.sleep(0.5)
        else:
            raise SystemExit(f"{path} does not answer 200")
    model = next(path for name, path, _login in PAGES if name == "finance model")
    results = model.replace("/finance/models/", "/api/v1/finance-models/").rstrip("/") + "/results"
    finance = request_bytes(results, None)
    for _ in range(600):
        body = asyncio.run(fetch(port, finance))
        if b'"status":"done"' in body:
            return
        time.sleep(0.5)
    raise SystemExit("the finance model's result was not computed (is the worker running?)")


async def fetch(port: int, raw: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw.replace(b"keep-alive", b"close"))
    data = await reader.read()
    writer.close()
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--only", help="measure only the pages whose name contains this (and the bare view)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare()
        return 0
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {DB}")
    tmp = tempfile.mkdtemp(prefix="akkoord-load-")
    env = environment(args.port, tmp)
    run = {"env": env, "cwd": ROOT, "check": True}
    print("Setting up: migrations, example data, the 300-partner deal, static files ...", flush=True)
    subprocess.run([BIN / "akkoord", "demo", "--no-serve"], stdout=subprocess.DEVNULL, **run)
    prepared = json.loads(
        subprocess.run([BIN / "python", __file__, "--prepare"], capture_output=True, text=True, **run).stdout
    )
    subprocess.run([BIN / "akkoord", "collectstatic", "--noinput", "-v0"], **run)
    log = open(Path(tmp) / "server.log", "w")  # noqa: SIM115 - closed at the end
    web = subprocess.Popen(
        [BIN / "gunicorn", "-c", "python:akkoord.config.gunicorn"], env=env, cwd=ROOT, stdout=log, stderr=log
    )
    worker = subprocess.Popen(
        [BIN / "akkoord", "worker", "--interval", "0.2"], env=env, cwd=ROOT, stdout=log, stderr=log
    )
    try:
        for _ in range(120):
            try:
                asyncio.run(fetch(args.port, request_bytes("/healthz", None)))
                break
            except OSError:
                time.sleep(0.5)
        wait_until_ready(args.port, prepared["cookie"])
        print(f"\n{args.clients} clients, {args.seconds:g} s per page, gunicorn 2 workers, PostgreSQL\n")
        print(f"{'page':34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'× bare':>7}  {'target':>6}")
        figures = []
        pages = [p for p in PAGES if not args.only or args.only in p[0] or p[1] == "/bench/bare"]
        for name, path, needs_login in pages:
            raw = request_bytes(path, prepared["cookie"] if needs_login else None)
            asyncio.run(drive(args.port, raw, args.clients, 1.0))  # warm up
            latencies, errors, elapsed = asyncio.run(drive(args.port, raw, args.clients, args.seconds))
            figures.append((name, len(latencies) / elapsed, latencies, errors))
        # The peer is measured first and last; the faster of the two is the yardstick.
        bare_rps = max(figures[0][1], figures[-1][1])
        for name, rps, latencies, errors in figures:
            p50, p95 = percentile(latencies, 50) * 1000, percentile(latencies, 95) * 1000
            share = rps / bare_rps
            ok = "met" if p95 <= 150 and share >= 0.25 else "MISSED"
            extra = f"  ({len(errors)} not 200: {sorted(set(errors))})" if errors else ""
            print(f"{name:34} {rps:8.1f} {p50:8.1f} {p95:8.1f} {share:7.2f}  {ok:>6}{extra}", flush=True)
    finally:
        web.terminate()
        worker.terminate()
        web.wait(30)
        worker.wait(30)
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
