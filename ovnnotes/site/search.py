"""The site's search index, built by Pagefind (https://pagefind.app) from the finished meeting pages.

Pagefind is a static-site search tool: after the HTML is built, its binary reads the pages and
writes an index split into small fragments plus ``pagefind.js``, which searches in the browser
and fetches only the fragments a query needs. Nothing is sent anywhere and no server is needed.

The binary comes with the ``pagefind[bin]`` package (the ``site`` extra of ovnnotes); a
``pagefind`` on ``PATH`` or in ``PAGEFIND_BINARY_PATH`` is used too. Only meeting pages are
indexed (they carry ``data-pagefind-body``). When no binary is found, or it fails, the build goes
on without search: ``SearchUnavailable`` says why, and the search page says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BUNDLE = "pagefind"
"""Folder of the index in the site."""
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
"""Parts of Pagefind's output the site does not use (its own UIs): left out of the site."""
TIMEOUT = 600.0


class SearchUnavailable(Exception):
    """No index could be built; the message says why, in words for the search page and the build report."""


def find_pagefind(explicit: str | None = None) -> Path | None:
    """The Pagefind binary: ``explicit``, else ``PAGEFIND_BINARY_PATH``, the ``pagefind_bin`` package, or ``PATH``."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("PAGEFIND_BINARY_PATH")
    if from_env:
        return Path(from_env)
    try:
        from pagefind_bin import get_executable

        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        pass
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(found) if found else None


def build_index(pages: dict[str, bytes], binary: Path | None) -> dict[str, bytes]:
    """Index the HTML ``pages`` (site-relative name -> bytes): the index files, named ``pagefind/...``.

    The pages are written to a temporary folder, Pagefind runs on it offline, and its output is
    read back, so that the caller can write the whole site in one atomic step.
    """
    if not pages:
        raise SearchUnavailable("the notes have no meetings to index")
    if binary is None:
        raise SearchUnavailable("the Pagefind binary was not found; install it with pip install 'pagefind[bin]'")
    if not binary.is_file() or not os.access(binary, os.X_OK):
        raise SearchUnavailable(f"the Pagefind binary {binary} is missing or not executable")
    with tempfile.TemporaryDirectory(prefix="ovnnotes-site-") as temp:
        site, out = Path(temp, "site"), Path(temp, "index")
        for name, data in pages.items():
            target = site / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        command = [str(binary), "--site", str(site), "--output-path", str(out), "--force-language", "en", "--silent"]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SearchUnavailable(f"Pagefind could not run ({error})") from None
        if run.returncode != 0 or not (out / "pagefind.js").is_file():
            detail = (run.stderr or run.stdout).strip().splitlines()
            raise SearchUnavailable(f"Pagefind failed (exit {run.returncode}{': ' + detail[-1] if detail else ''})")
        files = {}
        for path in sorted(out.rglob("*")):
            if path.is_file() and not path.name.startswith(UNUSED):
                files[f"{BUNDLE}/{path.relative_to(out).as_posix()}"] = path.read_bytes()
        return files
