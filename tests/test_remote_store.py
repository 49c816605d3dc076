"""The remote store for real: `casereviews load` into an Oxigraph server, and how the catalogue's
server behaves when that store stops, hangs or comes back."""

from __future__ import annotations

import socket
import threading
import time

import requests

from .conftest import run_cli
from .server_process import free_port, load, oxigraph_server, running_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count_in(store: str) -> int:
    response = requests.get(
        store + "/query", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"}, timeout=10
    )
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_load_replaces_the_graph_and_running_it_twice_gives_the_same_store():
    with oxigraph_server() as store:
        base = "http://127.0.0.1:1/"
        first = load(store, base)
        assert first.returncode == 0, first.stderr
        assert "Loaded 1291 triples" in first.stderr
        after_first = count_in(store)
        second = load(store, base)
        assert second.returncode == 0 and count_in(store) == after_first == 1291


def test_invalid_data_is_not_loaded(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        '<id/resource/x> a <http://schema.org/CreativeWork> ; <http://purl.org/dc/terms/title> "No language tag" .\n',
        encoding="utf-8",
    )
    with oxigraph_server() as store:
        assert load(store, "http://127.0.0.1:1/").returncode == 0
        before = count_in(store)
        from server.dataset import shipped_data_files

        result = load(store, "http://127.0.0.1:1/", *map(str, shipped_data_files()), str(broken))
        assert result.returncode == 1
        assert "nothing was written" in result.stderr and "dcterms:title" in result.stderr
        assert count_in(store) == before


def test_unreachable_graph_store_exits_2():
    port = free_port()
    result = run_cli(
        "load", "--store", f"http://127.0.0.1:{port}/query", "--graph-store", f"http://127.0.0.1:{port}/store"
    )
    assert result.returncode == 2 and "cannot reach the graph store" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_store_holding_no_catalogue_for_its_base():
    with oxigraph_server() as store:
        port = free_port()
        result = run_cli("serve", "--port", str(port), "--store", store + "/query")
        assert result.returncode == 2 and "casereviews load" in result.stderr


def fresh_query(n: int) -> dict:
    # A query never asked before, so that no cached answer hides what the store does.
    return {"query": f'ASK {{ ?s ?p "never-asked-{n}" }}'}


def test_outage_while_serving_then_recovery(tmp_path):
    location = tmp_path / "store"
    store_port = free_port()
    server_port = free_port()
    base = f"http://127.0.0.1:{server_port}/"
    store_url = f"http://127.0.0.1:{store_port}"
    outage = oxigraph_server(location=location, port=store_port)
    outage.__enter__()
    try:
        assert load(store_url, base).returncode == 0
        with running_server("--store", store_url + "/query", "--timeout-s", "3", port=server_port) as url:
            assert requests.get(url + "/sparql", params=fresh_query(1), timeout=10).status_code == 200
            outage.__exit__(None, None, None)
            outage = None
            started = time.monotonic()
            down = requests.get(url + "/sparql", params=fresh_query(2), timeout=30)
            assert down.status_code == 502 and "cannot be reached" in down.text
            assert time.monotonic() - started < 10
            page = requests.get(url + "/doc/organisation/sequeli", headers={"Accept": "text/html"}, timeout=30)
            assert page.status_code in (502, 503) and "Traceback" not in page.text and "<h1>" in page.text
            with oxigraph_server(location=location, port=store_port):
                back = requests.get(url + "/sparql", params=fresh_query(3), timeout=10)
                assert back.status_code == 200 and back.json()["boolean"] is False
    finally:
        if outage is not None:
            outage.__exit__(None, None, None)


class FaultyLink:
    """A TCP proxy between the catalogue's server and its store that can be made to hang, as a
    store under load or behind a broken network does."""

    def __init__(self, target_port: int):
        self.target_port, self.hanging = target_port, threading.Event()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stopped.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                continue
            self.sockets.append(client)
            if self.hanging.is_set():
                continue  # hold the connection open and never answer
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets.append(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.stopped.set()
        for connection in self.sockets:
            connection.close()
        self.listener.close()


def test_hung_store_gives_a_clear_error_within_the_time_limit_and_recovers():
    with oxigraph_server() as store:
        link = FaultyLink(int(store.rsplit(":", 1)[1]))
        try:
            server_port = free_port()
            assert load(store, f"http://127.0.0.1:{server_port}/").returncode == 0
            via_link = f"http://127.0.0.1:{link.port}/query"
            with running_server("--store", via_link, "--timeout-s", "2", port=server_port) as url:
                assert requests.get(url + "/sparql", params=fresh_query(5), timeout=10).status_code == 200
                link.hanging.set()
                started = time.monotonic()
                hung = requests.get(url + "/sparql", params=fresh_query(6), timeout=30)
                assert hung.status_code == 503 and "time limit of 2 s" in hung.text
                assert time.monotonic() - started < 8
                link.hanging.clear()
                assert requests.get(url + "/sparql", params=fresh_query(7), timeout=10).status_code == 200
        finally:
            link.close()
