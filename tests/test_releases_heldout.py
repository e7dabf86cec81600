"""Releases of notes written after the rules, in the seed's shape, with phrasings the seed does not use.

The expectations were written down from the notes and the rules' documentation before the notes were
first run through ``ovnnotes`` (the three gaps that reading found are the rules for a slip with no
release to leave, an entry that is a status statement, and ``targeted for R``).
"""

from __future__ import annotations

from ovnnotes import parse

NOTES = """Apr 13, 2026 | OVN Community Meeting

Agenda

- (dceara) 26.09 planning
 - Soft freeze: July 17, 2026
 - Features people are working on:
 - Geneve provider networks v2 (Numan)
 - ovn-ic route filtering (merged)
 - Should we drop the old northd lflow generation?
 - Xavier will send a summary of the scale tests
- (mmichels) status of 26.03.1
 - the CT zone fix landed in 26.03.1
- (amusil) Proposal: incremental processing for ACL tiers
 - targeted for 26.09
- Reminder: OVS+OVN conference CFP closes on May 1

Mar 16, 2026 | OVN Community Meeting

- (dceara) What do we want in the next release?
 - per-port QoS meters
 - IPsec offload for Geneve tunnels
 - it would be nice to have better docs
- (Lorenzo) IPsec offload for Geneve tunnels
 - postponed to 27.03, the kernel bits are not upstream yet
"""


def test_held_out_notes() -> None:
    document = parse(NOTES, "notes.txt")[0]
    summary = {
        r.version: (
            [(m.kind.value, m.date.isoformat()) for m in r.milestones],
            [
                (f.name, f.status.value, f.slipped_to, f.slipped_from, f.raised_by, f.credited)
                for f in r.features
            ],
        )
        for r in document.releases
    }
    assert summary == {
        "26.03": ([], [("CT zone fix", "merged", None, None, ["mark-michelson"], [])]),
        "26.09": (
            [("soft_freeze", "2026-07-17")],
            [
                # "What do we want in the next release?" on Mar 16, 2026: 26.09 (its soft freeze, Jul 17, is ahead).
                ("per-port QoS meters", "planned", None, None, ["dumitru-ceara"], []),
                ("IPsec offload for Geneve tunnels", "slipped", "27.03", None, ["dumitru-ceara"], []),
                ("Geneve provider networks v2", "planned", None, None, ["dumitru-ceara"], ["numan-siddique"]),
                ("ovn-ic route filtering", "merged", None, None, ["dumitru-ceara"], []),
                ("incremental processing for ACL tiers", "planned", None, None, ["ales-musil"], []),
            ],
        ),
        "27.03": (
            [],
            [("IPsec offload for Geneve tunnels", "planned", None, "26.09", ["lorenzo-bianconi"], [])],
        ),
    }
    assert [(d.code, d.line) for d in document.diagnostics if d.code.startswith("ONM62")] == [("ONM621", 20)]
