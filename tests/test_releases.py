"""Releases (``ovnnotes.releases``): each rule of the module docstring, on small notes of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import notes_documents

from ovnnotes import parse
from ovnnotes.facts.cadence import OVN_CADENCE
from ovnnotes.facts.milestone_events import merge_milestones
from ovnnotes.facts.milestones import find_releases
from ovnnotes.facts.release_words import (
    Ref,
    clean_name,
    is_question,
    is_statement,
    list_head,
    significant_words,
)
from ovnnotes.facts.releases import (
    milestone_events,
    normalise_version,
)
from ovnnotes.model import Document, FeatureStatus, MilestoneKind, Release
from ovnnotes.views.releases import find_release, looks_like_version


def doc(notes: str, path: str = "notes.txt") -> Document:
    return parse(notes, path)[0]


def release(document: Document, version: str, project: str = "OVN") -> Release:
    return next(r for r in document.releases if (r.project, r.version) == (project, version))


def features(document: Document, version: str) -> list[tuple[str, str]]:
    return [(f.name, f.status.value) for f in release(document, version).features]


def codes(document: Document, code: str) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in document.diagnostics if d.code == code]


# --- naming a release -----------------------------------------------------------------------------


def test_a_patch_number_names_the_same_release() -> None:
    document = doc("""Dec 15, 2025 | OVN Community Meeting
- (dceara) OVN 26.03.0 planning:
 - distributed load balancers
- (numans) 26.03 release topics
 - Distributed load balancers (Alexandra)
""")
    assert [r.id for r in document.releases] == ["ovn-26.03"]
    (feature,) = release(document, "26.03").features
    assert (feature.id, feature.name, feature.raised_by, feature.credited) == (
        "ovn-26.03/distributed-load-balancers",
        "distributed load balancers",
        ["dumitru-ceara", "numan-siddique"],
        ["alexandra"],
    )
    assert normalise_version("26.03.0") == "26.03" and normalise_version("OVS 3.5.1") == "3.5"


@pytest.mark.parametrize(
    ("said_on", "known", "expected"),
    [
        (dt.date(2023, 10, 23), {}, "24.03"),  # before the first freeze of the cadence
        (dt.date(2024, 1, 8), {"24.03": dt.date(2024, 1, 19)}, "24.03"),  # the freeze is still ahead
        (
            dt.date(2024, 1, 22),
            {"24.03": dt.date(2024, 1, 19)},
            "24.09",
        ),  # frozen: new features go to the next one
        (dt.date(2025, 3, 17), {}, "25.09"),
        (dt.date(2025, 7, 21), {}, "26.03"),  # after the estimated freeze (Jul 20)
        (dt.date(2025, 7, 21), {"25.09": dt.date(2025, 7, 25)}, "25.09"),  # ... but the notes say Jul 25
        (dt.date(2025, 11, 3), {}, "26.03"),
    ],
)
def test_the_next_release_follows_the_cadence(
    said_on: dt.date, known: dict[str, dt.date], expected: str
) -> None:
    assert OVN_CADENCE.next_release(said_on, known) == expected


def test_cadence_estimates_and_milestone_months() -> None:
    assert OVN_CADENCE.estimated_freeze("26.03") == dt.date(2026, 1, 20)
    assert OVN_CADENCE.estimated_freeze("25.09") == dt.date(2025, 7, 20)
    assert OVN_CADENCE.after("25.09") == "26.03" and OVN_CADENCE.after("26.03") == "26.09"
    assert OVN_CADENCE.nearest("24.06") == "24.09" and OVN_CADENCE.nearest("24.05") == "24.03"
    assert (
        OVN_CADENCE.on_cadence("24.09")
        and not OVN_CADENCE.on_cadence("24.06")
        and OVN_CADENCE.on_cadence("23.06")
    )  # before 24.03: not checked
    soft, branch, shipped = MilestoneKind.SOFT_FREEZE, MilestoneKind.BRANCH, MilestoneKind.RELEASE
    assert OVN_CADENCE.release_of(soft, dt.date(2026, 1, 23)) == "26.03"
    assert OVN_CADENCE.release_of(soft, dt.date(2025, 7, 25)) == "25.09"
    assert OVN_CADENCE.release_of(branch, dt.date(2026, 2, 20)) == "26.03"
    assert OVN_CADENCE.release_of(shipped, dt.date(2026, 4, 2)) == "26.03"  # a late release is still March's
    assert OVN_CADENCE.release_of(soft, dt.date(2023, 7, 20)) is None  # before the cadence: no guess
    assert (
        OVN_CADENCE.next_release(dt.date(1999, 1, 1)) is None
        and OVN_CADENCE.release_of(soft, dt.date(9999, 12, 31)) is None
    )


def test_the_next_release_names_a_release_and_is_reported() -> None:
    document = doc("""Mar 17, 2025 | OVN Community Meeting
- (dceara) What features do we want in the next OVN release?
 - local datapath optimization
""")
    assert features(document, "25.09") == [("local datapath optimization", "planned")]
    [(line, message)] = codes(document, "ONM621")
    assert (
        line == 2
        and "taken as OVN 25.09, the next release after the meeting of 2025-03-17 (soft freeze 2025-07-20)"
        in message
    )


def test_a_number_beside_the_next_release_wins() -> None:
    document = doc("""Mar 17, 2025 | OVN Community Meeting
- OVN 25.09 development cycle / what features does the community plan to add to the next OVN release?
 - local datapath optimization
""")
    assert (
        features(document, "25.09") == [("local datapath optimization", "planned")]
        and codes(document, "ONM621") == []
    )


def test_a_freeze_without_a_release_belongs_to_the_cadence_and_merges_with_the_named_one() -> None:
    document = doc("""Jan 12, 2026 | OVN Community Meeting
- (dceara) Soft freeze is scheduled for Jan 23
- (numans) Branching on Feb 20

Dec 1, 2025 | OVN Community Meeting
- (dceara) OVN 26.03 soft freeze: Jan 23
""")
    soft, branch = release(document, "26.03").milestones
    assert (soft.id, soft.date, [len(d.mentions) for d in soft.history]) == (
        "ovn-26.03-soft_freeze",
        dt.date(2026, 1, 23),
        [2],
    )
    assert (branch.id, branch.date) == ("ovn-26.03-branch", dt.date(2026, 2, 20))
    assert [line for line, _ in codes(document, "ONM621")] == [2, 3]
    assert [m.release for m in document.milestones] == [
        "26.03",
        None,
        None,
    ]  # the facts stay as the notes state them
    assert [e.key for e in milestone_events(document)] == [
        "ovn-26.03-soft_freeze",
        "ovn-26.03-branch",
    ]  # one event per milestone


def test_a_release_off_the_cadence_is_kept_and_reported() -> None:
    document = doc("""Mar 19, 2024 | OVN Community Meeting
- (dceara) OVN 24.06
 - host-based networking / BGP
""")
    assert features(document, "24.06") == [("host-based networking / BGP", "planned")]
    [(line, message)] = codes(document, "ONM620")
    assert (line, message) == (
        2,
        "OVN 24.06 is not a release of the OVN cadence (releases in March and September); did you mean 24.09?",
    )


def test_an_ovs_milestone_is_no_ovn_release() -> None:
    document = doc("""Dec 2, 2024 | OVN Community Meeting
- (Frode) OVN 25.03: BGP work
 - Frode can pick up the OVS patches
  - OVS soft freeze is January 2nd
""")
    assert [(m.project, m.release, m.date) for m in document.milestones] == [
        ("OVS", None, dt.date(2025, 1, 2))
    ]
    assert all(r.project == "OVN" and not r.milestones for r in document.releases)
    assert [(e.key, e.project) for e in milestone_events(document)] == [("ovs-soft_freeze-2025-01-02", "OVS")]


def test_a_number_named_in_passing_makes_no_release() -> None:
    document = doc("""Nov 27, 2023 | OVN Community Meeting
- (Mark) Service Extraction
 - 23.04 is LTS, introducing a new way is a concern
 - Maybe in 26.03 we may drop the old ways?
- OVN 26.03 development
""")
    assert [r.id for r in document.releases] == [
        "ovn-26.03"
    ]  # 26.03 has a planning item; 23.04 only a remark
    assert release(document, "26.03").meetings == ["2023-11-27"]
    assert release(document, "26.03").items == ["2023-11-27/1.2", "2023-11-27/2"]


# --- which items plan a release --------------------------------------------------------------------


def test_release_heads_and_their_lists() -> None:
    document = doc("""Nov 3, 2025 | OVN Community Meeting
- (dceara) OVN 26.03 development
 - Soft freeze scheduled for Jan 23
 - Ongoing features:
  - extended EVPN support
  - flow-based tunnel support
 - New features?
- (amusil) Patchwork slowness, is it time for change?
 - Github with PRs
""")
    assert features(document, "26.03") == [
        ("extended EVPN support", "planned"),
        ("flow-based tunnel support", "planned"),
    ]
    assert [m.kind for m in release(document, "26.03").milestones] == [MilestoneKind.SOFT_FREEZE]


@pytest.mark.parametrize(
    "head",
    [
        "known features under development",
        "features still under review:",
        "Ongoing features:",
        "Current list of features (sorted by age):",
        "a few patch sets for 26.03",
        "what new features is the community working on?",
        "Features we'd like to include?",
    ],
)
def test_features_heads(head: str) -> None:
    document = doc(f"""Sep 22, 2025 | OVN Community Meeting
- (dceara) 26.03 release / dev cycle
 - {head}
  - OVN Bridge Controller service
""")
    assert features(document, "26.03") == [("OVN Bridge Controller service", "planned")]


@pytest.mark.parametrize(
    "text",
    [
        "remove deprecated features STT support",
        "conflicts with other incoming features",
        "port mirroring is on list for review",
    ],
)
def test_items_that_only_mention_features_head_nothing(text: str) -> None:
    assert list_head(text, is_question(text)) == (None, None)


def test_a_childless_head_takes_the_siblings_after_it_up_to_the_next_topic() -> None:
    """The export lost the list's indentation: its entries follow the head as siblings."""
    document = doc("""Sep 22, 2025 | OVN Community Meeting
- (dceara) 26.03 release / dev cycle
 - known features under development
 - Network Function Insertion
 - Distributed load balancers (Alexandra)
- (amusil) Patchwork slowness
- known features under development
- northd incremental processing
- (Felix) hosted runners
 - STACKIT might sponsor some
""")
    assert features(document, "26.03") == [
        ("Network Function Insertion", "planned"),
        ("Distributed load balancers", "planned"),
        ("northd incremental processing", "planned"),
    ]
    assert [line for line, _ in codes(document, "ONM621")] == [
        7
    ]  # the top-level list names no release: the next one


def test_a_features_list_takes_the_release_of_its_ancestor() -> None:
    document = doc("""Oct 21, 2024 | OVN Community Meeting
- OVN 25.03 development cycle
 - what new features is the community working on?
  - (mmichelson) OVN composable services (copy of document: here)
   - No code written right now
  - (numans) I-P for logical switch and router in ovn-northd
""")
    assert features(document, "25.03") == [
        ("OVN composable services", "planned"),
        ("I-P for logical switch and router in ovn-northd", "planned"),
    ]
    assert release(document, "25.03").features[0].raised_by == ["mark-michelson"]


def test_a_question_asking_for_features_with_no_release_lists_nothing() -> None:
    document = doc("""Mar 19, 2024 | OVN Community Meeting
- (Frode) should we consider adding some new features/modules in Rust?
 - rewrite ovn-vif in rust
""")
    assert document.releases == []


def test_an_item_that_names_a_release_and_a_feature_is_that_feature() -> None:
    document = doc("""Dec 16, 2024 | OVN Community Meeting
- (dceara) BGP update for 25.03
 - SB route table schema merged in main
 - Planning to review the following series:
  - Martin's IPv4 routes over IPv6 next hop addresses.

Jan 13, 2025 | OVN Community Meeting
- (dceara) Soft freeze for 25.03 approaching (Jan 24th). Current list of features:
 - BGP:
  - OVN Fabric integration: Northd.
""")
    bgp, routes = release(document, "25.03").features
    assert (bgp.name, len(bgp.mentions), routes.name, routes.part_of, routes.credited) == (
        "BGP",
        2,
        "Martin's IPv4 routes over IPv6 next hop addresses",
        "ovn-25.03/bgp",
        ["martin-kalcok"],
    )


def test_the_entries_under_a_features_enhancements_are_its_parts() -> None:
    document = doc("""Dec 15, 2025 | OVN Community Meeting
- (naveen.yerramneni) "Network Function Insertion" Enhancements for OVN 26.03
 - Fallback support (patch out for review)
 - VTAP mode insertion

Sep 22, 2025 | OVN Community Meeting
- (dceara) 26.03 release / dev cycle
 - Network Function Insertion
""")
    insertion, fallback, vtap = release(document, "26.03").features
    assert (insertion.name, [m.meeting_id for m in insertion.mentions]) == (
        "Network Function Insertion",
        ["2025-09-22", "2025-12-15"],
    )
    assert [(f.name, f.part_of, f.raised_by) for f in (fallback, vtap)] == [
        ("Fallback support", insertion.id, ["naveen-yerramneni"]),
        ("VTAP mode insertion", insertion.id, ["naveen-yerramneni"]),
    ]


def test_an_entry_that_names_another_release_is_that_releases() -> None:
    document = doc("""Oct 23, 2023 | OVN Community Meeting
- 24.03.0 Planning
 - ACL I-P
 - DHCP relay agent for 24.09
""")
    assert features(document, "24.03") == [("ACL I-P", "planned")]
    assert features(document, "24.09") == [("DHCP relay agent", "planned")]


def test_a_speaker_group_in_a_list_passes_its_points_on() -> None:
    document = doc("""Jan 8, 2024 | OVN Community Meeting
- 24.03 soft freeze:
 - o (Ales)
  - CT limit for ports
""")
    [feature] = release(document, "24.03").features
    assert (feature.name, feature.raised_by) == ("CT limit for ports", ["ales-musil"])


def test_leftovers_of_a_release_slip_into_the_list_they_are_in() -> None:
    document = doc("""Mar 9, 2026 | OVN Community Meeting
- (dceara) OVN 26.09 planning
 - leftovers from the 26.03 cycle:
  - chassis-redirect port cleanup
 - carried over from 26.03:
  - BFD for ECMP static routes
""")
    assert [(f.name, f.status.value, f.slipped_to) for f in release(document, "26.03").features] == [
        ("chassis-redirect port cleanup", "slipped", "26.09"),
        ("BFD for ECMP static routes", "slipped", "26.09"),
    ]
    assert [(f.name, f.slipped_from) for f in release(document, "26.09").features] == [
        ("chassis-redirect port cleanup", "26.03"),
        ("BFD for ECMP static routes", "26.03"),
    ]


def test_leftovers_alone_go_to_the_release_after() -> None:
    document = doc(
        "Mar 9, 2026 | OVN Community Meeting\n- (dceara) Leftovers from 26.03:\n - BFD for ECMP static routes\n"
    )
    assert features(document, "26.09") == [("BFD for ECMP static routes", "planned")]
    assert [line for line, _ in codes(document, "ONM621")] == [2]


def test_a_release_an_item_only_speaks_of_is_not_its_target() -> None:
    document = doc("""Mar 9, 2026 | OVN Community Meeting
- (amusil) Logical_Flow table growth after the upgrade to 26.03
- (Daniel) the crash fix backported to 25.09
- (numans) IPsec offload for 26.09
""")
    assert [(r.version, [f.name for f in r.features]) for r in document.releases] == [
        ("26.09", ["IPsec offload"])
    ]


def test_targeted_for_a_release_plans_the_parent_topic() -> None:
    document = doc("""Apr 13, 2026 | OVN Community Meeting
- (amusil) Proposal: incremental processing for ACL tiers
 - targeted for 26.09
- (numans) The lflow cache rework is planned for 26.09
""")
    assert [(f.name, f.raised_by) for f in release(document, "26.09").features] == [
        ("incremental processing for ACL tiers", ["ales-musil"]),
        ("lflow cache rework", ["numan-siddique"]),
    ]


def test_a_slip_with_no_release_to_leave_finds_the_planned_feature() -> None:
    document = doc("""Apr 13, 2026 | OVN Community Meeting
- (Lorenzo) IPsec offload for Geneve tunnels
 - postponed to 27.03, the kernel bits are not upstream yet

Mar 16, 2026 | OVN Community Meeting
- OVN 26.09 planning
 - IPsec offload for Geneve tunnels
""")
    assert features(document, "26.09") == [("IPsec offload for Geneve tunnels", "slipped")]
    assert [(f.name, f.slipped_from) for f in release(document, "27.03").features] == [
        ("IPsec offload for Geneve tunnels", "26.09")
    ]


# --- which items are not features ------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        "anything else the community needs / plans to implement in this dev cycle?",  # a question
        "What's the state of Numan's patches for I-P?",
        "How to make BGP session from OVN Router IP",
        "Announcement: OVS+OVN'25 conference in 2 weeks",  # an announcement (and a milestone)
        "Frode will share potential development plans once their planning is done",  # a promise
        "Canonical to complete roadmap planning",  # the shape of a promise, from a name the registry does not know
        "soft freeze: Jan 23rd 2026 (patches must be posted by then)",  # a milestone
        "port mirroring v7 is on list for review",  # statements
        "items 3, 4, 8 were merged",
        "It's LTS may want to do some hardening",
        "maybe we need tighter integration with OVN for BGP",
        "NVIDIA reported a breakage wrt HWOL",
        "multicast causes long resubmit chains",
        "Frode uses IPv6 prefix delegation in personal lab deployments",
        "Canonical mainly focusing on quality / stability (cue to LTS), but...",  # unfinished
        "OVN-K attempt to define a scale test for network policies to clarify how often ACLs are touched there",  # too long for a name
        "Progress update?",  # planning words only
        "ovn.org",  # a link
        "blockers:",  # a discussion label
        "Reviewers wanted, ping dceara on the ML",  # it names somebody: a request, not a name
    ],
)
def test_entries_that_are_not_features(entry: str) -> None:
    document = doc(
        f"Sep 22, 2025 | OVN Community Meeting\n- (dceara) 26.03 release / dev cycle\n - {entry}\n"
    )
    assert release(document, "26.03").features == []


@pytest.mark.parametrize(
    ("entry", "name"),
    [
        ("IPv6 prefix delegation?", "IPv6 prefix delegation?"),  # a name someone is unsure of
        (
            "[ovs-dev,RFC,v2] northd: Commit all traffic when there is stateful NAT/LB.",
            "northd: Commit all traffic when there is stateful NAT/LB",
        ),
        ("Extend BGP-EVPN support (L3 support + L2 dynamic FDB learning)", "Extend BGP-EVPN support"),
        ('Add "bypass match for established" ACL option.', "Add bypass match for established ACL option"),
        (
            "improved OVN observability: revive and expand Adrian's RFC series ACL Sampling",
            "improved OVN observability",
        ),
        (
            "[ovs-dev,v0] ovn-ic: Add support for route prefix filter. (needs v2)",
            "ovn-ic: Add support for route prefix filter",
        ),
        (
            "Numan's patches for I-P for Logical Flows",
            "Numan's patches for I-P for Logical Flows",
        ),  # a possessive names no speaker
        ("the CT zone fix", "CT zone fix"),
        (
            "mark packets for the ACL sampling",
            "mark packets for the ACL sampling",
        ),  # "mark", the verb, is not Mark
    ],
)
def test_feature_names(entry: str, name: str) -> None:
    document = doc(
        f"Sep 22, 2025 | OVN Community Meeting\n- (dceara) 26.03 release / dev cycle\n - {entry}\n"
    )
    assert [f.name for f in release(document, "26.03").features] == [name]


def test_reported_speech_names_a_feature_raised_by_the_reporter() -> None:
    document = doc(
        "Nov 27, 2023 | OVN Community Meeting\n- 24.03 release topics\n - Han mentioned multi-NIC support for tunnel interfaces\n"
    )
    [feature] = release(document, "24.03").features
    assert (feature.name, feature.raised_by, feature.credited) == (
        "multi-NIC support for tunnel interfaces",
        ["han-zhou"],
        [],
    )


def test_questions_statements_and_names() -> None:
    assert is_question("What's the state of the patches?") and is_question("how to push routes into an agent")
    assert not is_question("IPv6 prefix delegation?") and not is_question("Predictable schema versions (?)")
    assert not is_statement(
        "Commit all traffic when there is stateful NAT/LB"
    )  # "is" in a subordinate clause
    assert not is_statement("I-P for logical switch and router in ovn-northd")  # I-P is no pronoun
    assert is_statement("this was implemented in 25.03") and is_statement("Not 25.03 candidate")
    assert (
        clean_name("BGP update for 25.03", [Ref(*found) for found in find_releases("BGP update for 25.03")])
        == "BGP"
    )
    assert (
        clean_name("BGP update for 25.03", []) == "BGP update for 25.03"
    )  # only the release the caller names is stripped
    assert significant_words("Extend BGP-EVPN support (L3 support)") == significant_words("extended bgp evpn")


# --- one feature, several mentions ----------------------------------------------------------------


def test_the_same_feature_listed_twice_is_one_feature() -> None:
    document = doc("""Nov 3, 2025 | OVN Community Meeting
- (dceara) OVN 26.03 development
 - Ongoing features:
  - extended EVPN support
  - OVN Bridge Controller service.
  - BGP unnumbered

Sep 22, 2025 | OVN Community Meeting
- (dceara) 26.03 release / dev cycle
 - Extend BGP-EVPN support (L3 support + L2 dynamic FDB learning)
 - OVN Bridge Controller service
 - BGP
""")
    assert [(f.name, len(f.mentions)) for f in release(document, "26.03").features] == [
        ("Extend BGP-EVPN support", 2),
        ("OVN Bridge Controller service", 2),
        ("BGP", 1),
        ("BGP unnumbered", 1),
    ]  # one word is not enough to merge


# --- status ---------------------------------------------------------------------------------------


def test_slipped_from_moves_a_feature() -> None:
    document = doc("""Sep 22, 2025 | OVN Community Meeting
- (dceara) 26.03 release / dev cycle
 - Network Function Insertion (slipped from 25.09.0)
""")
    (here,) = release(document, "26.03").features
    (there,) = release(document, "25.09").features
    assert (here.status, here.slipped_from) == (FeatureStatus.PLANNED, "25.09")
    assert (there.name, there.status, there.slipped_to, there.status_item_id) == (
        "Network Function Insertion",
        FeatureStatus.SLIPPED,
        "26.03",
        "2025-09-22/1.1",
    )
    assert release(document, "25.09").meetings == ["2025-09-22"]


def test_a_status_sub_item_speaks_of_its_parents_subject() -> None:
    document = doc("""Mar 17, 2025 | OVN Community Meeting
- OVN 25.09 development cycle
 - (numans) Composable services support (Mark Michelson)

Jan 13, 2025 | OVN Community Meeting
- (mmichels) Composable services are unlikely to land in 25.03
 - will slip to 25.09 hopefully not experimental anymore

Oct 21, 2024 | OVN Community Meeting
- OVN 25.03 development cycle
 - (mmichelson) OVN composable services (copy of document: here)
""")
    (before,) = release(document, "25.03").features
    (after,) = release(document, "25.09").features
    assert (before.status, before.slipped_to, before.status_item_id) == (
        FeatureStatus.SLIPPED,
        "25.09",
        "2025-01-13/1.1",
    )
    assert (after.name, after.status, after.slipped_from, after.raised_by, after.credited) == (
        "OVN composable services",
        FeatureStatus.PLANNED,
        "25.03",
        ["numan-siddique"],
        ["mark-michelson"],
    )
    assert [(m.meeting_id, m.role) for m in after.mentions] == [
        ("2025-01-13", "status"),
        ("2025-03-17", "listed"),
    ]


def test_slipping_to_the_next_release_is_the_one_after() -> None:
    document = doc("""Jan 13, 2025 | OVN Community Meeting
- OVN 25.03 development
 - IPv6 prefix delegation
  - will slip to the next release
""")
    assert features(document, "25.03") == [("IPv6 prefix delegation", "slipped")]
    assert release(document, "25.03").features[0].slipped_to == "25.09"
    assert features(document, "25.09") == [("IPv6 prefix delegation", "planned")]


def test_merged_in_a_release_marks_the_feature_its_subject_names() -> None:
    document = doc("""Mar 17, 2025 | OVN Community Meeting
- OVN 25.09 development cycle
 - Follow up on TODOs for the dynamic routing / BGP support added in 25.03.0

Dec 16, 2024 | OVN Community Meeting
- (dceara) BGP update for 25.03
""")
    assert features(document, "25.03") == [("BGP", "merged")]
    assert features(document, "25.09") == [
        ("Follow up on TODOs for the dynamic routing / BGP support added in 25.03.0", "planned")
    ]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (" - ACL I-P (merged)", "merged"),
        (" - ACL I-P [DONE]", "merged"),
        (" - ACL I-P - dropped", "dropped"),
        (" - ACL I-P\n  - merged", "merged"),
        (" - ACL I-P\n  - was dropped", "dropped"),
        (" - ACL I-P\n - CT limit for ports\n - ACL I-P was merged", "merged"),
    ],
)
def test_status_without_a_release(text: str, status: str) -> None:
    document = doc(f"Jan 8, 2024 | OVN Community Meeting\n- 24.03 soft freeze:\n{text}\n")
    assert dict(features(document, "24.03"))["ACL I-P"] == status


def test_not_a_candidate_drops_the_parents_topic() -> None:
    document = doc("""Feb 10, 2025 | OVN Community Meeting
- (numans) Local datapath optimization in ovn-controller
 - Not 25.03 candidate
- (dceara) NVIDIA HWOL breakage
 - one fix was to commit all traffic in the SNAT zone
 - this was implemented in 25.03 with an additional LR option
""")
    [feature] = release(document, "25.03").features  # "this" names nothing: no feature from the HWOL topic
    assert (feature.name, feature.status, feature.raised_by, [m.role for m in feature.mentions]) == (
        "Local datapath optimization in ovn-controller",
        FeatureStatus.DROPPED,
        ["numan-siddique"],
        ["listed", "status"],
    )


def test_a_later_statement_wins() -> None:
    document = doc("""Mar 1, 2024 | OVN Community Meeting
- 24.03 release:
 - ACL I-P was merged

Feb 1, 2024 | OVN Community Meeting
- 24.03 release:
 - ACL I-P
  - dropped
""")
    assert features(document, "24.03") == [("ACL I-P", "merged")]


def test_questions_carry_no_status() -> None:
    document = doc("""Jul 29, 2024 | OVN Community Meeting
- OVN 24.09 planning
 - BGP support
- (Ales) are we in a rush for BGP support to land in 24.09?
""")
    assert features(document, "24.09") == [("BGP support", "planned")]


# --- milestones and the calendar ---------------------------------------------------------------


def test_a_moved_date_keeps_its_history_newest_last() -> None:
    document = doc("""Dec 15, 2025 | OVN Community Meeting
- (dceara) OVN 26.03 soft freeze moved to Jan 30

Dec 1, 2025 | OVN Community Meeting
- (numans) OVN 26.03 soft freeze is scheduled for Jan 23
""")
    (soft,) = release(document, "26.03").milestones
    assert (soft.date, [(d.id, d.date, d.current) for d in soft.history]) == (
        dt.date(2026, 1, 30),
        [
            ("ovn-26.03-soft_freeze-2026-01-23", dt.date(2026, 1, 23), False),
            ("ovn-26.03-soft_freeze", dt.date(2026, 1, 30), True),
        ],
    )
    assert [d.mentions[0].speakers for d in soft.history] == [["numan-siddique"], ["dumitru-ceara"]]
    assert [line for line, _ in codes(document, "ONM610")] == [2]  # reported once


def test_calendar_events_are_the_merged_milestones(seed_document: Document) -> None:
    """On milestones that name their release, the release milestones give exactly the events of ``merge_milestones``."""
    assert (
        milestone_events(seed_document)
        == merge_milestones(seed_document.milestones, seed_document.meetings).events
    )


# --- looking releases up -----------------------------------------------------------------------------


@pytest.mark.parametrize("wanted", ["26.03", "26.03.0", "OVN 26.03", "ovn-26.03", "ovn 26.3"])
def test_find_release(wanted: str, seed_document: Document) -> None:
    assert looks_like_version(wanted) and [r.id for r in find_release(seed_document.releases, wanted)] == [
        "ovn-26.03"
    ]


def test_find_release_misses() -> None:
    assert (
        not looks_like_version("seeds/")
        and not looks_like_version("notes.txt")
        and find_release([], "26.03") == []
    )


# --- any notes --------------------------------------------------------------------------------------


def _items(items: list) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _items(list(item.children))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes_documents())
def test_releases_hold_together_on_any_notes(text: str) -> None:
    """Whatever the notes: ids unique and stable, every reference points at something in the document."""
    document = doc(text)
    items = {item.id for meeting in document.meetings for item in _items(meeting.items)}
    meetings = {meeting.id for meeting in document.meetings}
    milestones = {milestone.id for milestone in document.milestones}
    assert len({r.id for r in document.releases}) == len(document.releases)
    for r in document.releases:
        assert (
            r.id == f"{r.project.lower()}-{r.version}"
            and r.meetings == sorted(set(r.meetings))
            and set(r.meetings) <= meetings
        )
        assert set(r.items) <= items
        for milestone in r.milestones:
            assert (
                milestone.history
                and [d.current for d in milestone.history].count(True) == 1
                and milestone.history[-1].current
            )
            assert milestone.date == milestone.history[-1].date
            assert {m.milestone_id for d in milestone.history for m in d.mentions} <= milestones
        ids = {f.id for f in r.features}
        assert len(ids) == len(r.features)
        for feature in r.features:
            assert feature.mentions and {m.item_id for m in feature.mentions} <= items
            assert feature.part_of is None or feature.part_of in ids
            assert (feature.status_item_id is None) == (
                feature.status is FeatureStatus.PLANNED
            ) or feature.status_item_id in items
            assert feature.slipped_to is None or feature.status is FeatureStatus.SLIPPED
    events = milestone_events(document)
    assert len(events) == sum(len(m.history) for r in document.releases for m in r.milestones) + len(
        [e for e in events if not e.release]
    )
    assert doc(text).releases == document.releases  # deterministic


def test_markdown_notes_give_the_same_releases() -> None:
    text = """Nov 3, 2025 | OVN Community Meeting

- (dceara) OVN 26.03 development
 - Soft freeze scheduled for Jan 23
 - Ongoing features:
  - distributed load balancers
  - Network Function Insertion (slipped from 25.09.0)
"""
    markdown = """## Nov 3, 2025 | OVN Community Meeting

- (dceara) OVN 26.03 development
  - Soft freeze scheduled for Jan 23
  - Ongoing features:
    - distributed load balancers
    - Network Function Insertion (slipped from 25.09.0)
"""
    assert doc(markdown, "notes.md").releases == doc(text).releases
