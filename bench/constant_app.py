"""The ceiling for dereferencing: a WSGI app that returns a constant body, on the same server as
casereviews (granian, one worker process, the same number of threads). Run: python bench/constant_app.py PORT SIZE"""

from __future__ import annotations

import sys

from granian.constants import Interfaces
from granian.log import LogLevels
from granian.server import Server


def constant_app(size: int):
    body = b"x" * size

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/turtle"), ("Content-Length", str(len(body)))])
        return [body]

    return app


if __name__ == "__main__":
    port, size = int(sys.argv[1]), int(sys.argv[2])
    server = Server(
        "constant_app",
        address="127.0.0.1",
        port=port,
        interface=Interfaces.WSGI,
        workers=1,
        blocking_threads=8,
        log_level=LogLevels.error,
    )
    server.serve(target_loader=lambda: constant_app(size), wrap_loader=False)
