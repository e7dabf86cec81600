"""The releases of the bundled notes, checked by hand against ``seeds/ovn-community-meetings.txt``.

Every release, milestone and feature below was read off the seed by a person, not copied from the
program's output; where the notes leave room for two readings, the comment says which one was
taken and why (``JC`` marks a judgement call). The rules these follow are in
``ovnnotes/facts/releases.py``; ``tests/test_releases.py`` tests each on notes of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ovnnotes.model import Document, Release

DCEARA, NUMANS, MARK, ALES, ILYA = (
    "dumitru-ceara",
    "numan-siddique",
    "mark-michelson",
    "ales-musil",
    "ilya-maximets",
)

EXPECTED: dict[str, dict[str, Any]] = {
    "24.03": {
        # Jan 8, 2024: "[mmichelson] OVN 24.03 soft freeze is scheduled for 19 January."
        "milestones": {"soft_freeze": [("2024-01-19", ["2024-01-08"])]},
        "features": [
            # Oct 23, 2023, Notes: "24.03.0 Planning" / "Features we'd like to include?" / "(dceara) ACL I-P".
            # JC: the other answers there are discussion, not names: "(han) ACL is probably not very complex, but ...",
            # "(numan) LF I-P tests are almost ready" (a statement; LF I-P is listed on Nov 27), "(fnordahl) Canonical
            # mainly focusing on quality / stability (cue to LTS), but..." (trails off), "OVN-K attempt to define a scale
            # test ..." (a sentence of 18 words).
            ("ACL I-P", "planned", None, None, None, [DCEARA], [], ["2023-10-23"]),
            # JC: the rebuilt tree puts this line (from Frode's list of Canonical's interests) under "24.03.0 Planning";
            # it names a feature idea, so it is one. "Database schema upgrade LTS to LTS may reveal issues too" is a statement.
            (
                "DPUs as standalone firewall for bare metal",
                "planned",
                None,
                None,
                None,
                [],
                [],
                ["2023-10-23"],
            ),
            # Nov 27, 2023, Notes: "24.03 release topics". JC: "Dumitru is looking into I-P for ACLs, ..." is a statement
            # about ACL I-P (no status), and "Mark will pitch Service Extraction later, ..." a promise.
            (
                "Numan's patches for I-P for Logical Flows",
                "planned",
                None,
                None,
                None,
                [],
                [NUMANS],
                ["2023-11-27"],
            ),
            # JC: a name with a "?" is a feature someone is unsure of, not a question.
            ("DHCP Relay Agent support from Nutanix?", "planned", None, None, None, [], [], ["2023-11-27"]),
            # "Han mentioned multi-NIC support for tunnel interfaces": reported speech, raised by Han.
            (
                "multi-NIC support for tunnel interfaces",
                "planned",
                None,
                None,
                None,
                ["han-zhou"],
                [],
                ["2023-11-27"],
            ),
            # Jan 8, 2024, Notes: "24.03 soft freeze:" / "o (Ales) CT limit for ports"; the two questions beside it are not.
            ("CT limit for ports", "planned", None, None, None, [ALES], [], ["2024-01-08"]),
        ],
        # JC: Jul 29, 2024 asks "Can the bgp-mirror patch be accepted standalone in 24.03?" (24.03 was out; 24.09 was
        # probably meant): the notes say 24.03, so that meeting discussed 24.03.
        "meetings": ["2023-10-23", "2023-11-27", "2024-01-08", "2024-07-29"],
    },
    "24.06": {
        # JC: Mar 19, 2024, Notes: "OVN 24.06" heads the notes of the "OVN 24.09 planning" agenda item. 24.06 is no
        # release of the cadence (reported, ONM620, "did you mean 24.09?"), but the notes say 24.06 and nothing is moved
        # silently. Its entries: "Frode uses IPv6 prefix delegation ..." (a statement), "Canonical to complete roadmap
        # planning" (a promise), "maybe we need tighter integration ..." and "Red Hat might also need ..." (statements).
        "milestones": {},
        "features": [("host-based networking / BGP", "planned", None, None, None, [], [], ["2024-03-19"])],
        "meetings": ["2024-03-19"],
    },
    "24.09": {
        # Mar 19, 2024: "OVN 24.09 planning (soft freeze July 15th 2024):"; Jun 24: "soft freeze is approaching (July 15th)".
        "milestones": {"soft_freeze": [("2024-07-15", ["2024-03-19", "2024-06-24"])]},
        "features": [
            # JC: "what are the features the community needs to get into OVN 24.09.0?" and "Any more northd I-P? ..." are
            # questions; "IPv6 prefix delegation?" is a name with a doubt.
            ("IPv6 prefix delegation?", "planned", None, None, None, [DCEARA], [], ["2024-03-19"]),
            # JC: a feature of its own; that 24.03 listed "DHCP Relay Agent support from Nutanix?" says nothing of a slip.
            ("DHCP relay agent", "planned", None, None, None, [DCEARA], [], ["2024-03-19"]),
            ("Geneve provider networks", "planned", None, None, None, [DCEARA], [], ["2024-03-19"]),
            # May 13, 2024: "OVN 24.09 planning: [dceara]" / "improved OVN observability: revive and expand Adrian's RFC
            # series ACL Sampling ...": the label is the name; Adrian's series is credited.
            ("improved OVN observability", "planned", None, None, None, [DCEARA], ["adrian"], ["2024-05-13"]),
        ],
        "meetings": ["2024-03-19", "2024-05-13", "2024-06-24", "2024-07-29"],
    },
    "25.03": {
        # Jan 13, 2025: "Soft freeze for 25.03 approaching (Jan 24th)". The OVS soft freeze of Jan 2, 2025 (Dec 2, 2024)
        # is OVS's, with no release number: it is no milestone of 25.03.
        "milestones": {"soft_freeze": [("2025-01-24", ["2025-01-13"])]},
        "features": [
            # Oct 21, 2024: "OVN 25.03 development cycle" / "what new features is the community working on?".
            # Jan 13, 2025: "(mmichels) Composable services are unlikely to land in 25.03" / "will slip to 25.09 ...".
            (
                "OVN composable services",
                "slipped",
                "25.09",
                None,
                None,
                [MARK],
                [],
                ["2024-10-21", "2025-01-13"],
            ),
            # JC: not the same feature as "northd I-P for logical switch creation" below: neither name holds the other's words.
            (
                "I-P for logical switch and router in ovn-northd",
                "planned",
                None,
                None,
                None,
                [NUMANS],
                [],
                ["2024-10-21"],
            ),
            # JC: the rebuilt tree puts "vladislav:" and "Ilya: ideas to improve OVN-IC" under this entry: they are its
            # details, not features. "multicast causes long resubmit chains" is a statement, and "idea: instead of a
            # single large TS create a "spine-leaf" topology ..." too long for a name (the topology is listed on Jan 13).
            ("stateful LR commit all", "planned", None, None, None, [ALES], [], ["2024-10-21"]),
            # Dec 16, 2024 and Jan 13, 2025: "(dceara) BGP update for 25.03" (a feature named with its release), and the
            # "BGP:" group of the Jan 13 list. Merged: Mar 17, 2025 says "the dynamic routing / BGP support added in
            # 25.03.0". JC: the sub-items of "BGP:" (OVN Fabric integration: ...) are BGP's details, not features.
            ("BGP", "merged", None, None, None, [DCEARA], [], ["2024-12-16", "2025-01-13", "2025-03-17"]),
            # Dec 16, 2024: "Planning to review and potentially apply the following series:" under the BGP update: its parts.
            (
                "Martin's IPv4 routes over IPv6 next hop addresses",
                "planned",
                None,
                None,
                "BGP",
                [DCEARA],
                ["martin-kalcok"],
                ["2024-12-16"],
            ),
            (
                "MJ's LRP + RA changes needed for BGP",
                "planned",
                None,
                None,
                "BGP",
                [DCEARA],
                ["mj"],
                ["2024-12-16"],
            ),
            # Dec 16, 2024: "(Vladislav) a few patches sets for 25.03" / "logical router policy chaining" (its entry,
            # flattened); Jan 13: "[ovs-dev] Logical Router Policy chains." -- the same feature.
            (
                "logical router policy chaining",
                "planned",
                None,
                None,
                None,
                ["vladislav-odintsov", DCEARA],
                [],
                ["2024-12-16", "2025-01-13"],
            ),
            # Jan 13, 2025: "Current list of features or user-visible behavior changing patches posted for review ...:".
            # Patch titles lose their "[ovs-dev,...]" tag; "(Ales) are we OK with having the same UUID ...?" is a question.
            (
                "northd: Commit all traffic when there is stateful NAT/LB",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            (
                "northd: Use lower priority for all src routes",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            (
                "Introduce the concept of transit router",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            (
                "northd: Add ipv6 {src, dst} to selection fields column in the NB db",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            (
                "Add bypass match for established ACL option",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            (
                "Introduce ECMP nexthop monitor in ovn-controller",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            (
                "treewide: Introduce OVN overlay port mirroring support",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            (
                "northd: Options for pass connection tracker for stateless Iflow with LB",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            (
                "Incremental processing of IGMP changes in northd",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            (
                "ovn-ic: Add support for route prefix filter",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            (
                "northd I-P for logical switch creation",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-01-13"],
            ),
            ("spine-leaf switch topology", "planned", None, None, None, [ILYA], [], ["2025-01-13"]),
            # Feb 10, 2025: "(numans) Local datapath optimization in ovn-controller" / "Not 25.03 candidate". JC: it was
            # never listed for 25.03, but the sub-item says it was a candidate and is not: dropped. 25.09's "local datapath
            # optimization" is its own record (listing a feature again says nothing of a slip).
            (
                "Local datapath optimization in ovn-controller",
                "dropped",
                None,
                None,
                None,
                [NUMANS],
                [],
                ["2025-02-10"],
            ),
        ],
        # JC: Mar 17, 2025 discussed 25.03 twice ("added in 25.03.0"; the HWOL fix "implemented in 25.03", which names
        # no feature: "this" refers to the fix of the line before, not to the NVIDIA topic).
        "meetings": ["2024-10-21", "2024-12-16", "2025-01-13", "2025-02-10", "2025-03-17"],
    },
    "25.09": {
        # Jun 23, 2025: "Soft freeze for 25.09.0 is approaching (scheduled for Jul 25)". Ilya's "OVS soft freeze is ~next
        # week" beside it is OVS's.
        "milestones": {"soft_freeze": [("2025-07-25", ["2025-06-23"])]},
        "features": [
            # From 25.03 (Jan 13), and listed on Mar 17 as "(numans) Composable services support (Mark Michelson)".
            (
                "OVN composable services",
                "planned",
                None,
                "25.03",
                None,
                [NUMANS],
                [MARK],
                ["2025-01-13", "2025-03-17"],
            ),
            # Mar 17, 2025: "OVN 25.09 development cycle / what features does the community wish and plan to add to the next
            # OVN release?" (the number and "the next release" agree). May 12: "(dceara) Adding support for EVPN to the
            # dynamic routing support in OVN 25.09" is the same feature.
            (
                "Extend dynamic routing / BGP support for the EVPN case",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-03-17", "2025-05-12"],
            ),
            (
                "Follow up on TODOs for the dynamic routing / BGP support added in 25.03.0",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-03-17"],
            ),
            (
                "Incremental processing in northd for LS/LR changes",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-03-17"],
            ),
            ("local datapath optimization", "planned", None, None, None, [NUMANS], [], ["2025-03-17"]),
            # JC: "port mirroring v7 is on list for review" is a statement of where a patch is, not a name: no feature.
            # "ovn northd logical flow documentation is often out of sync" (a statement), "Numan will start a discussion
            # on-list" (a promise) and "ovn.org" (a link) are not features either.
            (
                "remove deprecated features STT support, older TLS versions",
                "planned",
                None,
                None,
                None,
                [ILYA],
                [],
                ["2025-03-17"],
            ),
            # JC: CI work listed for the release is kept as listed.
            (
                "Update ovn-fake-multinode version and update OVN CI to use the latest version",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-03-17"],
            ),
            # Sep 22, 2025, 26.03's list: "Network Function Insertion (slipped from 25.09.0)". JC: 25.09's own lists never
            # name it (it was discussed on Jun 23 with no release): the slip is its only evidence.
            ("Network Function Insertion", "slipped", "26.03", None, None, [DCEARA], [], ["2025-09-22"]),
        ],
        "meetings": [
            "2024-12-16",
            "2025-01-13",
            "2025-03-17",
            "2025-05-12",
            "2025-06-23",
            "2025-08-04",
            "2025-09-22",
        ],
    },
    "26.03": {
        # Sep 22, 2025: "soft freeze: Jan 23rd 2026" and "branch created: Feb 20th; release Mar 20th"; Nov 3: "Soft
        # freeze scheduled for Jan 23".
        "milestones": {
            "soft_freeze": [("2026-01-23", ["2025-09-22", "2025-11-03"])],
            "branch": [("2026-02-20", ["2025-09-22"])],
            "release": [("2026-03-20", ["2025-09-22"])],
        },
        "features": [
            # Sep 22, 2025: "(dceara) 26.03 release / dev cycle" / "known features under development", its entries flattened
            # to siblings (the export restarted the list at column 0 for the last two). JC: "Frode will share potential 26.03
            # development plans ..." is a promise and "anything else the community needs ...?" a question.
            # Dec 15: '"Network Function Insertion" Enhancements for OVN 26.03' is the same feature; its three sub-items its parts.
            (
                "Network Function Insertion",
                "planned",
                None,
                "25.09",
                None,
                [DCEARA, "naveen-yerramneni"],
                [],
                ["2025-09-22", "2025-12-15"],
            ),
            # Nov 3: "(dceara) OVN 26.03 development" / "Ongoing features:" lists "extended EVPN support" (the same
            # feature), "distributed load balancers", "flow-based tunnel support", "OVN Bridge Controller service.".
            (
                "Extend BGP-EVPN support",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-09-22", "2025-11-03"],
            ),
            (
                "OVN Bridge Controller service",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-09-22", "2025-11-03"],
            ),
            (
                "More ovn-northd incremental processing",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                [],
                ["2025-09-22"],
            ),
            (
                "Distributed load balancers",
                "planned",
                None,
                None,
                None,
                [DCEARA],
                ["alexandra"],
                ["2025-09-22", "2025-11-03"],
            ),
            ("flow-based tunnel support", "planned", None, None, None, [DCEARA], [], ["2025-11-03"]),
            (
                "Fallback support",
                "planned",
                None,
                None,
                "Network Function Insertion",
                ["naveen-yerramneni"],
                [],
                ["2025-12-15"],
            ),
            (
                "VTAP mode insertion",
                "planned",
                None,
                None,
                "Network Function Insertion",
                ["naveen-yerramneni"],
                [],
                ["2025-12-15"],
            ),
            (
                "Active/Active Deployment",
                "planned",
                None,
                None,
                "Network Function Insertion",
                ["naveen-yerramneni"],
                [],
                ["2025-12-15"],
            ),
        ],
        # JC: Nov 27, 2023 asked "Maybe in 26.03 we may even consider dropping the "old" ways?": a discussion of 26.03.
        "meetings": ["2023-11-27", "2025-09-22", "2025-11-03", "2025-12-15"],
    },
}


def _summary(release: Release) -> dict[str, Any]:
    names = {feature.id: feature.name for feature in release.features}
    return {
        "milestones": {
            m.kind.value: [
                (d.date.isoformat(), sorted({x.said_on.isoformat() for x in d.mentions})) for d in m.history
            ]
            for m in release.milestones
        },
        "features": [
            (
                f.name,
                f.status.value,
                f.slipped_to,
                f.slipped_from,
                names.get(f.part_of) if f.part_of else None,
                f.raised_by,
                f.credited,
                sorted({m.meeting_id for m in f.mentions}),
            )
            for f in release.features
        ],
        "meetings": release.meetings,
    }


def test_every_release_of_the_seed(seed_document: Document) -> None:
    assert [(r.project, r.version) for r in seed_document.releases] == [
        ("OVN", version) for version in EXPECTED
    ]


@pytest.mark.parametrize("version", sorted(EXPECTED))
def test_release_as_checked_by_hand(version: str, seed_document: Document) -> None:
    (release,) = [r for r in seed_document.releases if r.version == version]
    assert _summary(release) == EXPECTED[version]


def test_acceptance_of_the_issue(seed_document: Document) -> None:
    """#17: every release has its soft freeze; 26.03's dates and named features; the OVS freeze is OVS's."""
    releases = {r.version: r for r in seed_document.releases}
    freezes = {
        v: next(m.date for m in releases[v].milestones if m.kind.value == "soft_freeze")
        for v in ("24.03", "24.09", "25.03", "25.09", "26.03")
    }
    assert freezes == {
        "24.03": dt.date(2024, 1, 19),
        "24.09": dt.date(2024, 7, 15),
        "25.03": dt.date(2025, 1, 24),
        "25.09": dt.date(2025, 7, 25),
        "26.03": dt.date(2026, 1, 23),
    }
    assert {m.kind.value: m.date for m in releases["26.03"].milestones} == {
        "soft_freeze": dt.date(2026, 1, 23),
        "branch": dt.date(2026, 2, 20),
        "release": dt.date(2026, 3, 20),
    }
    names = [f.name.lower() for f in releases["26.03"].features]
    for wanted in (
        "network function insertion",
        "bgp-evpn support",
        "ovn bridge controller service",
        "distributed load balancers",
        "northd incremental processing",
    ):
        assert any(wanted in name for name in names), wanted
    insertion = next(f for f in releases["26.03"].features if f.name == "Network Function Insertion")
    assert insertion.slipped_from == "25.09"
    ovs = [m for m in seed_document.milestones if m.date == dt.date(2025, 1, 2)]
    assert [(m.project, m.release) for m in ovs] == [("OVS", None)]
    assert not any(m.date == dt.date(2025, 1, 2) for r in seed_document.releases for m in r.milestones)


def test_release_diagnostics_of_the_seed(seed_document: Document) -> None:
    found = [(d.code, d.line, d.message) for d in seed_document.diagnostics if d.code in ("ONM620", "ONM621")]
    assert found == [
        (
            "ONM620",
            614,
            "OVN 24.06 is not a release of the OVN cadence (releases in March and September); did you mean 24.09?",
        )
    ]
