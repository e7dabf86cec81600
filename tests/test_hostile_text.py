"""Text that fools readers, through the CLI: link schemes, line separators, bidi controls,
characters the Markdown reader used for itself, code blocks, a fence glued to a label.

* Only ``http``, ``https``, ``mailto`` and ``ftp`` targets become links; ``javascript:``,
  ``vbscript:``, ``data:``, ``file:`` (in any case, with entities or tabs inside) and relative
  targets stay text, with ONP112.
* U+2028 and U+2029 are spaces everywhere (titles, items, code, names); bidi controls are kept
  with ONI005.
* U+FDD0 and U+FDD1 in Markdown are text like any other; ``fmt`` is idempotent and keeps every
  character of a code block (controls and zero-width characters too).
"""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from ovnnotes.cli import cli

HEADING_MD = "## Dec 15, 2025 | OVN Community Meeting\n\n### Notes\n\n"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def parsed(path: Path) -> dict:
    status, output = invoke("parse", str(path))
    assert status == 0, output
    return json.loads(output)


DANGEROUS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java&#x09;script:alert(1)",
    "&#x6A;avascript:alert(1)",
    "<java\tscript:alert(1)>",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "DATA:text/html;base64,PHNjcmlwdD4=",
    "notes.html",
    "#anchor",
]


@pytest.mark.parametrize("target", DANGEROUS)
def test_dangerous_link_targets_stay_text(tmp_path: Path, target: str) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(HEADING_MD + f"- see [the slides]({target}) now\n", encoding="utf-8")
    document = parsed(notes)
    (item,) = document["meetings"][0]["items"]
    assert (item["text"], item.get("links", [])) == ("see the slides now", [])
    assert [(d["code"], d["line"], d["column"]) for d in document["diagnostics"]] == [("ONP112", 5, 8)]
    status, output = invoke("validate", "--strict", "--no-baseline", "--today", "2026-01-01", str(notes))
    assert status == 1 and f"{notes}:5:8: warning ONP112 link target " in output


def test_safe_link_targets_are_links(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(
        HEADING_MD + "- [a](https://a.org/x) [b](HTTP://b.org) [c](mailto:c@d.org) [e](ftp://e.org/f)\n",
        encoding="utf-8",
    )
    (item,) = parsed(notes)["meetings"][0]["items"]
    assert [(link["kind"], link["url"]) for link in item["links"]] == [
        ("url", "https://a.org/x"),
        ("url", "HTTP://b.org"),
        ("email", "mailto:c@d.org"),
        ("url", "ftp://e.org/f"),
    ]


def test_line_separators_are_spaces_everywhere(tmp_path: Path) -> None:
    (tmp_path / "people.toml").write_text(
        '[[person]]\nid = "ada"\nname = "Ada\\u2028Lovelace"\naliases = ["ada\u2029l"]\nemails = []\n',
        encoding="utf-8",
    )
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "Dec 15, 2025 | OVN\u2028Community\u2029Meeting\n\nNotes\n\n- (ada) one\u2028two\n```\ncode\u2028line\n```\n",
        encoding="utf-8",
    )
    document = parsed(notes)
    meeting = document["meetings"][0]
    assert meeting["title"] == "OVN Community Meeting"
    assert [item["text"] for item in meeting["items"]] == ["one two"]
    assert meeting["items"][0]["children"][0]["text"] == "code line"
    assert document["people"][0]["name"] == "Ada Lovelace" and document["people"][0]["aliases"] == ["ada l"]
    status, output = invoke("export", "--format", "ical", "-o", "-", str(notes))
    assert status == 0 and "\u2028" not in output and "\u2029" not in output
    calendar = icalendar.Calendar.from_ical(output)
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == ["OVN Community Meeting"]


def test_bidi_controls_are_kept_and_reported(tmp_path: Path) -> None:
    (tmp_path / "people.toml").write_text(
        '[[person]]\nid = "ada"\nname = "Ada \u202eecalevoL"\naliases = []\nemails = []\n', encoding="utf-8"
    )
    notes = tmp_path / "notes.md"
    notes.write_text(
        "## Dec 15, 2025 | OVN \u2066Community\u2069 Meeting\n\n### Notes\n\n- see https://a.org/\u202etxt.exe\n",
        encoding="utf-8",
    )
    document = parsed(notes)
    assert document["meetings"][0]["title"] == "OVN \u2066Community\u2069 Meeting"
    assert document["meetings"][0]["items"][0]["text"] == "see https://a.org/\u202etxt.exe"
    status, output = invoke("validate", "--no-baseline", "--today", "2026-01-01", str(notes))
    people = tmp_path / "people.toml"
    assert (status, output) == (
        0,
        (
            f"{notes}:1:23: warning ONI005 this line holds an invisible bidirectional control (U+2066 LEFT-TO-RIGHT ISOLATE), "
            "which can make text look like other text; it was kept\n"
            "  hint: Delete the invisible character unless the text really needs it (often pasted from another program).\n"
            f"{notes}:5:21: warning ONI005 this line holds an invisible bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE), "
            "which can make text look like other text; it was kept\n"
            "  hint: Delete the invisible character unless the text really needs it (often pasted from another program).\n"
            f"{people}:3:13: warning ONI005 this line holds an invisible bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE), "
            "which can make a name look like another; it was kept\n"
            "  hint: Delete the invisible character unless the text really needs it (often pasted from another program).\n"
            "0 errors, 3 warnings, 0 info in 1 file\n"
        ),
    )


def test_markdown_keeps_the_characters_it_once_used_itself(tmp_path: Path) -> None:
    """U+FDD0 and U+FDD1 were the reader's private marks: they vanished from Markdown notes."""
    notes = tmp_path / "notes.md"
    notes.write_text(
        HEADING_MD + "- a \ufdd0 b \ufdd1 c \\<u>x\\</u> \\*\\*y\\*\\* https\\://z.org\n", encoding="utf-8"
    )
    (item,) = parsed(notes)["meetings"][0]["items"]
    assert (item["text"], item.get("links", [])) == ("a \ufdd0 b \ufdd1 c <u>x</u> **y** https://z.org", [])


def test_fmt_is_idempotent_and_keeps_code_blocks_whole(tmp_path: Path) -> None:
    code = "raw\x01control \u200bzero-width \u201ccurly\u201d\n\x01``x\n\ttab\there \ufdd1"
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "Dec 15, 2025 | OVN Community Meeting\n\nNotes\n\n- (dceara) a \ufdd0 topic\n```\n"
        + code
        + "\n```\n- after\n",
        encoding="utf-8",
    )
    status, first = invoke("fmt", str(notes))
    assert status == 0
    formatted = tmp_path / "notes.md"
    formatted.write_text(first, encoding="utf-8")
    assert invoke("fmt", "--check", str(formatted)) == (0, "")
    assert invoke("fmt", str(formatted)) == (0, first)
    for path in (notes, formatted):
        items = parsed(path)["meetings"][0]["items"]
        assert items[0]["children"][0]["text"] == code  # every character


def test_a_fence_glued_to_a_label_is_reported(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(
        'Dec 15, 2025 | OVN Community Meeting\n\nTranscripts: ```\n{"T": 1}\n```\n', encoding="utf-8"
    )
    document = parsed(notes)
    assert [item["kind"] for item in document["meetings"][0]["items"]] == ["code"]
    assert [(d["code"], d["line"], d["column"]) for d in document["diagnostics"]] == [("ONP113", 3, 14)]
