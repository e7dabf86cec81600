"""``ovnnotes site --serve``: serve a built site on 127.0.0.1 for a local look (the standard library's http.server)."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

HOST = "127.0.0.1"
"""Only this machine: the server is for looking at a build, not for publishing."""
TYPES = {".ics": "text/calendar; charset=utf-8", ".svg": "image/svg+xml", ".js": "text/javascript", ".json": "application/json", ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: object) -> None:  # quiet: the CLI says where it serves
        pass


def make_server(directory: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server for ``directory`` on 127.0.0.1 (``port`` 0: any free port; ``server.server_address`` tells)."""
    handler = functools.partial(_Handler, directory=str(directory))
    return http.server.ThreadingHTTPServer((HOST, port), handler)


def serve(directory: Path, port: int = 8000) -> None:
    """Serve until interrupted."""
    with make_server(directory, port) as server:
        server.serve_forever()
