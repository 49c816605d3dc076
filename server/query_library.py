"""The library of example research queries, shipped as .rq files in queries/.

Each file starts with a ``# title:`` line and a comment saying what the query answers; relative
IRIs in the queries (``<id/jurisdiction/wales>``) resolve against the base of the server that runs
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .dataset import PROJECT_ROOT

QUERIES_DIR = PROJECT_ROOT / "queries"


@dataclass(frozen=True)
class ExampleQuery:
    slug: str
    title: str
    comment: str
    text: str


def read_example(path: Path) -> ExampleQuery:
    text = path.read_text(encoding="utf-8")
    title, comment = path.stem.replace("-", " ").capitalize(), []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.lower().startswith("title:"):
            title = body.split(":", 1)[1].strip()
        elif body:
            comment.append(body)
    return ExampleQuery(path.stem, title, " ".join(comment), text)


def example_queries(directory: Path = QUERIES_DIR) -> list[ExampleQuery]:
    return [read_example(path) for path in sorted(directory.glob("*.rq"))]
