"""The ceiling for dereferencing: a WSGI app that returns a constant body, on the same server
(waitress) with the same threads as casereviews. Run: python bench/constant_app.py PORT SIZE"""

from __future__ import annotations

import sys

import waitress


def constant_app(size: int):
    body = b"x" * size

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/turtle"), ("Content-Length", str(len(body)))])
        return [body]

    return app


if __name__ == "__main__":
    waitress.serve(constant_app(int(sys.argv[2])), host="127.0.0.1", port=int(sys.argv[1]), threads=8, _quiet=True)
