"""The production HTTP server: granian (HTTP in Rust) running the WSGI application in one worker process.

granian parses HTTP and manages connections outside the GIL, so a stored answer (server/web/http_cache.py)
costs only the few Python lines that find it: about ten times the requests per second of a pure-Python
server on the same cores (BENCHMARKS.md). One worker process holds the store and its query workers;
``threads`` is the number of requests the application runs at once.

The worker builds the application itself (after the fork), since a store's files, threads and worker
processes do not survive a fork. The parent process owns the store's temporary directory and removes
it when the server stops, however the worker ended.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware


class WorkerFailed(Exception):
    """The worker could not build the application (its message is already on stderr)."""


def mounted(app: Callable, prefix: str) -> Callable:
    """The application under a path prefix (SCRIPT_NAME), with 404 for every path outside it."""
    return DispatcherMiddleware(NotFound(), {prefix: app}) if prefix else app


def can_listen(host: str, port: int) -> None:
    """Raises OSError unless host:port is free. granian binds with SO_REUSEPORT, which would let a
    second server share a port silently; a plain bind here refuses a port someone listens on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a closed server's TIME_WAIT is no obstacle
        probe.bind((host, port))


def serve(
    build_app: Callable[[Path], tuple[Callable, Callable[[], None]]],
    *,
    host: str,
    port: int,
    threads: int,
    prefix: str,
    store_path: Path | None,
    banner: str = "",
) -> None:
    """Serve until SIGINT or SIGTERM; raises OSError when host:port cannot be listened on, before
    anything is printed or made. ``build_app(store_path)`` runs in the worker process and gives the
    WSGI application and what closes its store; when ``store_path`` is None a temporary directory is
    made here and removed on the way out. ``banner`` is printed once the port is known to be free."""
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels
    from granian.server import Server

    can_listen(host, port)
    if banner:
        print(banner, flush=True)
    # granian starts its worker with the process-wide start method; the loader below is a closure,
    # which only a fork carries over (Python 3.14 makes forkserver the default on Linux).
    if multiprocessing.get_start_method(allow_none=True) != "fork":
        multiprocessing.set_start_method("fork", force=True)
    directory = store_path or Path(tempfile.mkdtemp(prefix="casereviews-store-"))
    ready = multiprocessing.get_context("fork").Event()

    def load() -> Callable:
        try:
            app, close = build_app(directory)
        except Exception as error:  # noqa: BLE001 - a worker must not die with a traceback
            print(f"casereviews serve: cannot start: {error}", file=sys.stderr, flush=True)
            raise SystemExit(2) from None
        # The worker leaves through multiprocessing's exit path, which runs these finalizers (not
        # atexit hooks): the query worker processes stop with it.
        multiprocessing.util.Finalize(None, close, exitpriority=10)
        ready.set()
        return mounted(app, prefix)

    server = Server(
        "casereviews",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=1,
        blocking_threads=threads,
        log_level=LogLevels.error,
        # Request heads beyond 64 KiB (huge headers, very long URLs) are refused before they reach
        # Python; a head must arrive within 10 s, so slow clients cannot hold connections open.
        http1_settings=HTTP1Settings(header_read_timeout=10_000, max_buffer_size=65_536),
    )
    try:
        server.serve(target_loader=load, wrap_loader=False)
    except SystemExit:
        # granian's way of saying its worker ended unexpectedly; the worker said why.
        if ready.is_set():
            raise
        raise WorkerFailed() from None
    finally:
        if store_path is None:
            shutil.rmtree(directory, ignore_errors=True)
    if not ready.is_set():
        raise WorkerFailed()
