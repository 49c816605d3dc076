"""Query workers: SPARQL queries from clients run in separate processes, so a time limit really stops
the work. A worker that overruns is killed and replaced; the server and the other workers go on.

Each worker copies its own checkpoint of the embedded store (hard links to the same files) into
memory, or without in_memory answers from the checkpoint on disk.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass

import pyoxigraph as ox

from .base import QueryError, QueryRefused, StoreUnavailable

# Python's "spawn" start method: a fresh interpreter per worker, not a fork of a threaded server.
CONTEXT = multiprocessing.get_context("spawn")


class QueryTimeout(StoreUnavailable):
    def __init__(self, seconds: float):
        super().__init__(
            f"The query did not finish within the time limit of {seconds:g} s and was stopped. "
            "Narrow it (fewer joins, a LIMIT, more specific patterns) and try again.",
            status=503,
        )


class TooManyRows(QueryRefused):
    pass


@dataclass(frozen=True)
class QueryJob:
    sparql: str
    base_iri: str | None
    default_graph_uris: tuple[str, ...]
    named_graph_uris: tuple[str, ...]
    media_types: dict  # answer kind -> media type, or None where no acceptable format exists
    max_rows: int


def too_many_rows(limit: int) -> str:
    return f"The query returns more than {limit} rows, the limit of this endpoint. Add a LIMIT (and OFFSET to page through the rest)."


def too_many_triples(limit: int) -> str:
    return (
        f"The query returns more than {limit} triples, the limit of this endpoint. Add a LIMIT to its WHERE "
        "clause, or download the dataset instead."
    )


class _RowLimit(Exception):
    pass


class _CountingWriter:
    """Collects serialised output and stops the serialiser (by raising) once it has written more
    lines than allowed: in TSV and N-Triples a line is a row or a triple."""

    def __init__(self, max_lines: int):
        self.parts: list[bytes] = []
        self.lines, self.max_lines = 0, max_lines

    def write(self, data) -> int:
        self.lines += bytes(data).count(b"\n")
        if self.lines > self.max_lines:
            raise _RowLimit
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _capped(answer, output_format, max_lines: int) -> bytes | None:
    writer = _CountingWriter(max_lines)
    try:
        answer.serialize(output=writer, format=output_format)
    except _RowLimit:
        return None
    return b"".join(writer.parts)


def run_job(store: ox.Store, job: QueryJob) -> tuple:
    """Runs one job in a worker; returns ("ok", kind, body, media_type) or ("error", code, message).

    Answers are serialised natively by pyoxigraph, never row by row in Python: first as TSV or
    N-Triples, where a line is a row or a triple so the row cap can stop the writer early, then,
    if the client asked for another format, converted by pyoxigraph's parsers and writers.
    """
    from .embedded import dataset_options

    try:
        answer = store.query(
            job.sparql, base_iri=job.base_iri, **dataset_options(job.default_graph_uris, job.named_graph_uris)
        )
        kind = (
            "boolean"
            if isinstance(answer, ox.QueryBoolean)
            else "solutions"
            if isinstance(answer, ox.QuerySolutions)
            else "graph"
        )
        media_type = job.media_types.get(kind)
        if media_type is None:
            return ("error", "notacceptable", kind)
        if kind == "boolean":
            return ("ok", kind, answer.serialize(format=ox.QueryResultsFormat.from_media_type(media_type)), media_type)
        if kind == "solutions":
            tsv = _capped(answer, ox.QueryResultsFormat.TSV, job.max_rows + 1)  # plus the header line
            if tsv is None:
                return ("error", "rows", too_many_rows(job.max_rows))
            if media_type == "text/tab-separated-values":
                return ("ok", kind, tsv, media_type)
            parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
            return ("ok", kind, parsed.serialize(format=ox.QueryResultsFormat.from_media_type(media_type)), media_type)
        ntriples = _capped(answer, ox.RdfFormat.N_TRIPLES, job.max_rows)
        if ntriples is None:
            return ("error", "rows", too_many_triples(job.max_rows))
        if media_type == "application/n-triples":
            return ("ok", kind, ntriples, media_type)
        triples = (
            ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
        )
        return ("ok", kind, ox.serialize(triples, format=ox.RdfFormat.from_media_type(media_type)), media_type)
    except SyntaxError as error:
        return ("error", "query", str(error))
    except (OSError, ValueError, TypeError, RuntimeError) as error:
        return ("error", "query", str(error))


def _open(store_path: str, in_memory: bool) -> ox.Store | None:
    try:
        disk = ox.Store(store_path)
    except (RuntimeError, OSError):
        return None
    if not in_memory:
        return disk
    store = ox.Store()
    store.bulk_extend(disk.quads_for_pattern(None, None, None, None))
    return store


def worker_main(store_path: str, in_memory: bool, connection) -> None:
    # pyoxigraph evaluates queries on its in-memory store two to three times faster than on disk
    # (bench/), at the cost of a copy of the catalogue per worker; on disk, the checkpoint's files
    # are shared with the store through hard links and cached once by the operating system.
    store = _open(store_path, in_memory)
    if store is None:
        connection.send(("failed",))
        return
    connection.send(("ready",))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        connection.send(run_job(store, job))


class _Worker:
    def __init__(self, store_path: str, in_memory: bool):
        self.store_path = store_path
        self.connection, child = CONTEXT.Pipe()
        self.process = CONTEXT.Process(
            target=worker_main, args=(store_path, in_memory, child), daemon=True, name="casereviews-query-worker"
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        try:
            return self.connection.poll(timeout) and self.connection.recv() == ("ready",)
        except (EOFError, OSError):
            return False

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


class QueryWorkers:
    """A fixed number of query worker processes; each query takes an idle one, or waits for one."""

    def __init__(self, store_paths: list[str], timeout_s: float, *, in_memory: bool = True):
        self._timeout_s, self._in_memory = timeout_s, in_memory
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        workers = [_Worker(path, in_memory) for path in store_paths]
        for worker in workers:
            if not worker.wait_ready(300):
                raise RuntimeError("a query worker did not start")
            self._idle.put(worker)

    def _replace(self, store_path: str) -> None:
        if self._closed:
            return
        # The dead worker's checkpoint: a killed process leaves no lock behind, and it never wrote.
        worker = _Worker(store_path, self._in_memory)
        if worker.wait_ready(300) and not self._closed:
            self._idle.put(worker)
        else:
            worker.stop()

    def run(self, job: QueryJob) -> tuple[bytes, str, str]:
        """(body, media type, kind); raises QueryError, QueryRefused, TooManyRows, QueryTimeout."""
        try:
            worker = self._idle.get(timeout=self._timeout_s)
        except queue.Empty:
            raise StoreUnavailable("Every query worker is busy; try again shortly.", status=503) from None
        try:
            worker.connection.send(job)
            if not worker.connection.poll(self._timeout_s):
                raise QueryTimeout(self._timeout_s)
            answer = worker.connection.recv()
        except (QueryTimeout, EOFError, OSError, BrokenPipeError) as error:
            worker.stop()
            threading.Thread(target=self._replace, args=(worker.store_path,), daemon=True).start()
            if isinstance(error, QueryTimeout):
                raise
            raise StoreUnavailable("The query worker stopped unexpectedly; try again.", status=503) from None
        self._idle.put(worker)
        if answer[0] == "ok":
            _, kind, body, media_type = answer
            return body, media_type, kind
        _, code, message = answer
        if code == "rows":
            raise TooManyRows(message)
        if code == "notacceptable":
            raise NotAcceptableKind(message)
        raise QueryError(message)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return


class NotAcceptableKind(Exception):
    """No acceptable format for the kind of answer the query gave ("solutions", "boolean", "graph")."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind
