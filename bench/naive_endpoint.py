"""The baseline to beat: a naive SPARQL endpoint, Flask plus rdflib's own query engine, served by
waitress with the same threads as casereviews. Run: python bench/naive_endpoint.py FILE BASE PORT"""

from __future__ import annotations

import sys

import rdflib
import waitress
from flask import Flask, Response, request


def create(path: str, base: str) -> Flask:
    graph = rdflib.Graph()
    graph.parse(path, format="turtle", publicID=base)
    app = Flask(__name__)

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql():
        query = request.values.get("query")
        if not query:
            return Response("ready", content_type="text/plain")
        result = graph.query(query, base=base)
        if result.type == "CONSTRUCT":
            return Response(result.serialize(format="nt"), content_type="application/n-triples")
        return Response(result.serialize(format="json"), content_type="application/sparql-results+json")

    return app


if __name__ == "__main__":
    path, base, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    waitress.serve(create(path, base), host="127.0.0.1", port=port, threads=8, _quiet=True)
