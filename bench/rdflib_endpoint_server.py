"""rdflib-endpoint (vemonet/rdflib-endpoint), a peer a user might pick instead, on uvicorn.
Run: python bench/rdflib_endpoint_server.py FILE BASE PORT"""

from __future__ import annotations

import sys

import rdflib
import uvicorn
from rdflib_endpoint import SparqlEndpoint

if __name__ == "__main__":
    path, base, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    graph = rdflib.Graph()
    graph.parse(path, format="turtle", publicID=base)
    app = SparqlEndpoint(graph=graph, path="/sparql", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="error")
