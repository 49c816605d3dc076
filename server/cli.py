"""The ``casereviews`` command: one subcommand per job, like ``oxigraph serve | load | query``.

Exit codes are part of the interface, for scripts and CI: 0 success, 1 the data or query is wrong
(a report says why), 2 something could not be read or reached (the message says what).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .dataset import DataFileError, dataset_quads, normalise_base, ontology_files, read_files, shipped_files

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2

# Validation needs a base to resolve the data's relative IRIs; any will do, as the verdict does not
# depend on it and reports show dataset IRIs relative to it.
VALIDATION_BASE = "http://localhost/"


def _files_to_validate(files: Sequence[Path]) -> list[Path]:
    """The named files, plus the ontology when they leave it out, since the data uses its terms."""
    if not files:
        return shipped_files()
    named = [Path(f) for f in files]
    resolved = {f.resolve() for f in named if f.exists()}
    return [o for o in ontology_files() if o.resolve() not in resolved] + named


def command_validate(args: argparse.Namespace) -> int:
    from .validation import render_json, render_text, validate_files

    try:
        report = validate_files(_files_to_validate(args.files), VALIDATION_BASE)
    except DataFileError as error:
        if args.format == "json":
            print(json.dumps({"conforms": None, "error": str(error), "file": str(error.path), "line": error.line}))
        else:
            print(f"casereviews validate: cannot read {error}", file=sys.stderr)
            print("Fix the file (or name another one) and run the command again.", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.format == "json":
        print(json.dumps(render_json(report), indent=2))
    else:
        sys.stdout.write(render_text(report))
    return EXIT_OK if report.conforms else EXIT_INVALID


def configure_logging(access_log: bool) -> None:
    """Errors (with request ids) and, unless turned off, one JSON line per request, on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name, level in (
        ("casereviews", logging.INFO),
        ("casereviews.access", logging.INFO if access_log else logging.WARNING),
    ):
        logger = logging.getLogger(name)
        logger.setLevel(level)
    logging.getLogger("casereviews").addHandler(handler)
    logging.getLogger("casereviews").propagate = False


def _validate_remote(store_url: str, base: str):
    """The SHACL report of exactly the data a remote store holds for this base."""
    from .dataset import to_rdflib_graph
    from .store.remote import RemoteStore
    from .validation import load_shapes, validate_graph

    store = RemoteStore(store_url, f"{base}dataset", timeout_s=60)
    store.data_version()  # says clearly when nothing was loaded for this base
    return validate_graph(to_rdflib_graph(store.dump()), load_shapes(base), base)


def command_serve(args: argparse.Namespace) -> int:
    from dataclasses import replace
    from urllib.parse import urlsplit

    from .app import create_app
    from .config import Settings
    from .store.base import StoreUnavailable
    from .validation import render_text, validate_files_in_child

    base = normalise_base(args.base_uri or f"http://{args.host}:{args.port}/")
    data_files = tuple(_files_to_validate(args.data)) if args.data else tuple(shipped_files())
    try:
        report = _validate_remote(args.store, base) if args.store else validate_files_in_child(data_files, base)
    except DataFileError as error:
        print(f"casereviews serve: cannot read {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except StoreUnavailable as error:
        print(f"casereviews serve: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    if not report.conforms:
        sys.stderr.write(render_text(report))
        print(
            "casereviews serve: the data does not conform to the shapes; not starting. "
            "Fix the violations above and run the command again.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    settings = Settings(
        base_uri=base,
        data_files=data_files,
        store_url=args.store,
        store_path=args.store_path,
        query_workers=args.query_workers,
        workers_in_memory=args.worker_store == "memory",
        query_timeout_s=args.timeout_s,
        max_result_rows=args.max_rows,
        max_request_bytes=args.max_request_bytes,
        allowed_services=frozenset(args.allow_service or ()),
        debug=args.debug,
    )
    prefix = urlsplit(base).path.rstrip("/")
    if args.debug:
        configure_logging(args.access_log)
        app = create_app(settings, validation=report)
        print(f"Serving {report.triples} triples at {base} (Flask's debug server)", flush=True)
        app.run(host=args.host, port=args.port, debug=True, use_reloader=False)
        return EXIT_OK

    def build_app(store_path: Path):
        configure_logging(args.access_log)
        app = create_app(replace(settings, store_path=store_path), validation=report)
        return app, app.extensions["store"].close

    from . import http_server

    try:
        http_server.serve(
            build_app,
            host=args.host,
            port=args.port,
            threads=args.threads,
            prefix=prefix,
            store_path=args.store_path,
            banner=f"Serving {report.triples} triples at {base} (listening on http://{args.host}:{args.port}{prefix}/)",
        )
    except http_server.WorkerFailed:
        return EXIT_UNREADABLE
    except OSError as error:
        print(
            f"casereviews serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}. "
            "Choose another --port.",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    return EXIT_OK


READING_LIST = "id/list/nspcc-case-review-reading-list-2013"


def command_export(args: argparse.Namespace) -> int:
    from .negotiation import RDF_FORMATS, format_by_name
    from .serialise import serialise_triples

    base = normalise_base(args.base_uri)
    files = _files_to_validate(args.data) if args.data else shipped_files()
    try:
        quads = dataset_quads(files, base)
    except DataFileError as error:
        print(f"casereviews export: cannot read {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.format in ("bibtex", "ris", "csl-json", "bibliography"):
        body, what = _export_citations(quads, base, args.format, args.style), "references"
    else:
        # A file leaves the server behind, so JSON-LD carries its context inline.
        fmt = format_by_name(args.format, RDF_FORMATS)
        body, what = serialise_triples([q.triple for q in quads], fmt, base, context_url=None), "triples"
    if args.output in (None, "-"):
        sys.stdout.buffer.write(body)
        return EXIT_OK
    try:
        Path(args.output).write_bytes(body)
    except OSError as error:
        print(f"casereviews export: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Wrote the {what} to {args.output}.", file=sys.stderr)
    return EXIT_OK


def _export_citations(quads: list, base: str, output_format: str, style: str) -> bytes:
    """The whole reading list's citations, in the list's order."""
    from .citations import references, to_bibliography, to_bibtex, to_csl_json, to_ris, works_for
    from .store.embedded import EmbeddedStore

    store = EmbeddedStore(quads, "export", f"{base}dataset", query_workers=0)
    try:
        refs = references(store, works_for(store, base + READING_LIST), base)
    finally:
        store.close()
    writers = {
        "bibtex": to_bibtex,
        "ris": to_ris,
        "csl-json": to_csl_json,
        "bibliography": lambda r: to_bibliography(r, style),
    }
    return writers[output_format](refs)


def _read_query_argument(value: str) -> str:
    if not value.startswith("@"):
        return value
    path = Path(value[1:])
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(path, error.strerror or str(error)) from None


def command_query(args: argparse.Namespace) -> int:
    from .query_client import format_result, run_remote
    from .store.base import QueryError, QueryRefused, StoreUnavailable

    base = normalise_base(args.base_uri)
    try:
        sparql = _read_query_argument(args.query)
        if args.endpoint:
            result = run_remote(args.endpoint, sparql, args.timeout_s)
        else:
            from .store.embedded import EmbeddedStore

            files = _files_to_validate(args.data) if args.data else shipped_files()
            store = EmbeddedStore(read_files(files, base), "cli", f"{base}dataset", query_workers=0)
            try:
                result = store.query(sparql, base_iri=base)
            finally:
                store.close()
        sys.stdout.buffer.write(format_result(result, args.format, base))
        return EXIT_OK
    except DataFileError as error:
        print(f"casereviews query: cannot read {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except (QueryError, QueryRefused) as error:
        print(f"casereviews query: the query failed: {error}", file=sys.stderr)
        return EXIT_INVALID
    except StoreUnavailable as error:
        print(
            f"casereviews query: {error}. Check the --endpoint URL and that the endpoint is running.", file=sys.stderr
        )
        return EXIT_UNREADABLE


def command_load(args: argparse.Namespace) -> int:
    from .loading import put_graph
    from .store.base import StoreUnavailable
    from .store.remote import RemoteStore
    from .validation import render_text, validate_files

    base = normalise_base(args.base_uri)
    graph = args.graph or f"{base}dataset"
    files = _files_to_validate(args.data) if args.data else shipped_files()
    try:
        report = validate_files(files, base)
        if not report.conforms:
            sys.stderr.write(render_text(report))
            print("casereviews load: the data does not conform to the shapes; nothing was written.", file=sys.stderr)
            return EXIT_INVALID
        quads = dataset_quads(files, base)
    except DataFileError as error:
        print(f"casereviews load: cannot read {error}; nothing was written.", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        print(f"Loading {len(quads)} triples into graph <{graph}> ...", file=sys.stderr)
        put_graph(args.graph_store, graph, quads)
        # Read back what the front-ends will read, through the query endpoint they will use.
        version = RemoteStore(args.store, graph, timeout_s=60).data_version()
    except StoreUnavailable as error:
        print(f"casereviews load: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Loaded {len(quads)} triples into <{graph}> (data version {version}).", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casereviews",
        description="Publish the NSPCC case-review reading list and its cross-jurisdiction context as linked data.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check the data against the SHACL shapes",
        description="Validate the shipped ontology and data, or the union of the given RDF files, against the "
        "project's SHACL shapes. Exit 0 when the data conforms (warnings allowed), 1 on violations, 2 when a file "
        "cannot be read or parsed.",
    )
    validate.add_argument("files", nargs="*", type=Path, metavar="FILE", help="RDF files (.ttl, .nt, .jsonld, .rdf)")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="report for people or machines")
    validate.set_defaults(handler=command_validate)

    serve = commands.add_parser(
        "serve",
        help="serve the catalogue as linked data with a SPARQL endpoint",
        description="Validate the data, then serve it on a production server (granian): documents by "
        "content negotiation, HTML pages, dumps and a SPARQL endpoint. Refuses to start on invalid data.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    serve.add_argument("--base-uri", help="base of every dataset IRI (default http://HOST:PORT/)")
    serve.add_argument(
        "--data", nargs="+", type=Path, metavar="PATH", help="RDF files to serve instead of the shipped data"
    )
    serve.add_argument("--threads", type=int, default=8, help="requests handled at once (default 8)")
    serve.add_argument("--timeout-s", type=float, default=10.0, help="per-query time limit in seconds (default 10)")
    serve.add_argument("--max-rows", type=int, default=10_000, help="most rows (or triples) a query may return")
    serve.add_argument("--max-request-bytes", type=int, default=100_000, help="largest query or request body")
    serve.add_argument("--query-workers", type=int, default=2, help="processes running SPARQL queries (default 2)")
    serve.add_argument(
        "--worker-store",
        choices=("memory", "disk"),
        default="memory",
        help="memory (default): each query worker answers from its own in-memory copy of the catalogue, "
        "the fastest; disk: from a checkpoint of the on-disk store, slower, far less memory",
    )
    serve.add_argument("--store-path", type=Path, help="directory for the embedded store (default: a temporary one)")
    serve.add_argument(
        "--store",
        metavar="URL",
        help="a SPARQL 1.1 query endpoint holding data put there by `casereviews load`, instead of the embedded store",
    )
    serve.add_argument(
        "--allow-service",
        action="append",
        metavar="URL",
        help="a SPARQL endpoint that queries may call with SERVICE (repeat for more); none by default",
    )
    serve.add_argument(
        "--no-access-log",
        dest="access_log",
        action="store_false",
        help="do not write a JSON line per request to stderr",
    )
    serve.add_argument(
        "--debug", action="store_true", help="Flask's development server with debugging; never in production"
    )
    serve.set_defaults(handler=command_serve)

    export = commands.add_parser(
        "export",
        help="write the whole dataset as one RDF file, or the reading list's citations",
        description="Write the shipped data (or the given files) as Turtle, N-Triples, JSON-LD or RDF/XML, every "
        "IRI under --base-uri.",
    )
    export.add_argument(
        "--format",
        choices=("ttl", "nt", "jsonld", "rdf", "bibtex", "ris", "csl-json", "bibliography"),
        default="ttl",
        help="the dataset as RDF (default ttl), or the reading list's citations in order",
    )
    export.add_argument(
        "--style",
        choices=("harvard", "apa", "vancouver"),
        default="harvard",
        help="citation style for --format bibliography",
    )
    export.add_argument("-o", "--output", help="file to write (default standard output)")
    export.add_argument("--base-uri", default="http://127.0.0.1:8080/", help="base of every dataset IRI")
    export.add_argument("--data", nargs="+", type=Path, metavar="PATH", help="RDF files instead of the shipped data")
    export.set_defaults(handler=command_export)

    query = commands.add_parser(
        "query",
        help="run a SPARQL query on the shipped data or any endpoint",
        description="Run a SPARQL query against the embedded store (no server needed) or any SPARQL 1.1 endpoint. "
        "Exit 0 on success, 1 when the query fails (the message says why), 2 when the endpoint or a file cannot "
        "be reached.",
    )
    query.add_argument("query", metavar="QUERY", help="the query text, or @FILE to read it from a file")
    query.add_argument("--endpoint", help="a SPARQL endpoint URL (default: the embedded store)")
    query.add_argument("--format", choices=("table", "csv", "tsv", "json", "turtle", "nt"), default="table")
    query.add_argument(
        "--base-uri",
        default="http://127.0.0.1:8080/",
        help="base of dataset IRIs for the embedded store and relative IRIs",
    )
    query.add_argument("--data", nargs="+", type=Path, metavar="PATH", help="RDF files instead of the shipped data")
    query.add_argument("--timeout-s", type=float, default=60.0, help="how long to wait for an endpoint")
    query.set_defaults(handler=command_query)

    load = commands.add_parser(
        "load",
        help="validate the data, then replace it in a remote SPARQL store",
        description="Validate the shipped data (or the given files) and, only if it conforms, replace the "
        "catalogue's graph in a SPARQL 1.1 store with one Graph Store Protocol PUT. Credentials come from "
        "CASEREVIEWS_STORE_USER and CASEREVIEWS_STORE_PASSWORD, or CASEREVIEWS_STORE_TOKEN.",
    )
    load.add_argument("--store", required=True, help="the store's SPARQL query endpoint URL")
    load.add_argument("--graph-store", required=True, help="the store's Graph Store Protocol endpoint URL")
    load.add_argument("--graph", help="graph IRI to replace (default BASE/dataset)")
    load.add_argument("--base-uri", default="http://127.0.0.1:8080/", help="base of every dataset IRI")
    load.add_argument("--data", nargs="+", type=Path, metavar="PATH", help="RDF files instead of the shipped data")
    load.set_defaults(handler=command_load)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
