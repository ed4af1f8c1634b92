"""Consent thresholds (issue 13, part 5): the file contract as the issue writes it, exact
boundaries, presets, quorum and second meetings, sub-associations, missing and pivotal against
plain loops and brute force, monotonicity, and bad files that name the field."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akkoord.engines.consent import ConsentError, evaluate, loads, parse
from akkoord.engines.consent.baseline import plain_evaluate

ISSUE_EXAMPLE = """
measure: Aardgasvrij blok A
units:
  - id: A-01
    building: A
    tenure: rented
    association: VvE-A
    votes: 1
    tenant: yes
    owner: null
    present: false
rules:
  - preset: tenants_renovation
  - preset: association_qualified
    association: VvE-A
    meeting: first
  - preset: association_majority
    association: VvE-A
  - preset: deed_change
    association: VvE-A
  - name: eigen regel
    electorate: tenants
    association: VvE-A
    base: all
    threshold: "3/4"
    min_units: 0
"""


def block(tenants: list[Any], owners: list[Any] | None = None, present: list[bool] | None = None) -> dict:
    """Rented units with these tenant answers, and owner-occupied units with these owner votes."""
    units = [
        {"id": f"H-{k:02d}", "tenure": "rented", "tenant": a, "association": "VvE"}
        for k, a in enumerate(tenants)
    ]
    for k, a in enumerate(owners or []):
        units.append(
            {
                "id": f"E-{k:02d}",
                "tenure": "owned",
                "owner": a,
                "association": "VvE",
                "present": (present or [])[k] if present else False,
            }
        )
    return {"measure": "blok", "units": units, "rules": []}


def rule(data: dict, **spec: Any) -> dict:
    data = copy.deepcopy(data)
    data["rules"] = [spec]
    return evaluate(parse(data))["rules"][0]


def test_the_issue_example_works_as_written() -> None:
    result = evaluate(loads(ISSUE_EXAMPLE))
    names = [r["name"] for r in result["rules"]]
    assert names[0] == "tenants_renovation" and names[-1] == "eigen regel"
    first = result["rules"][0]
    # One rented unit: below ten, every tenant decides; the one tenant said yes.
    assert first["adopted"] and first["threshold"] == "1" and first["yes"] == 1 and first["base"] == 1
    qualified = result["rules"][1]
    assert qualified["quorum_met"] is False and not qualified["adopted"] and qualified["missing"] == 1
    assert qualified["pivotal"] == ["A-01"]
    assert result["adopted"] is False
    assert set(first) >= {
        "name",
        "adopted",
        "yes",
        "base",
        "share",
        "threshold",
        "quorum_met",
        "missing",
        "pivotal",
    }


@pytest.mark.parametrize(("yes", "adopted"), [(14, True), (13, False)])
def test_seventy_percent_of_twenty_tenants_exactly(yes: int, adopted: bool) -> None:
    r = rule(block(["yes"] * yes + ["no"] * (20 - yes)), preset="tenants_renovation")
    assert (r["adopted"], r["threshold"], r["share"]) == (adopted, "7/10", yes / 20)
    assert r["missing"] == (0 if adopted else 1)
    assert len(r["pivotal"]) == (yes if adopted else 20 - yes)  # any yes would tip it; any no would


def test_below_ten_rented_units_every_tenant_decides() -> None:
    r = rule(block(["yes"] * 8 + [None]), preset="tenants_renovation")
    assert not r["adopted"] and r["threshold"] == "1" and r["missing"] == 1 and r["pivotal"] == ["H-08"]


@pytest.mark.parametrize(("yes", "adopted"), [(5, False), (6, True)])
def test_more_than_half_of_the_votes_cast(yes: int, adopted: bool) -> None:
    r = rule(
        block([], ["yes"] * yes + ["no"] * (10 - yes) + ["abstain"] * 5),
        preset="association_majority",
        association="VvE",
    )
    assert r["adopted"] is adopted and r["base"] == 10 and r["strict"]


def test_the_qualified_majority_needs_two_thirds_present_at_a_first_meeting() -> None:
    owners = ["yes"] * 6 + [None] * 3  # 9 votes; two thirds is 6
    exactly = block([], owners, present=[True] * 6 + [False] * 3)
    r = rule(exactly, preset="association_qualified", association="VvE")
    assert r["quorum_met"] is True and r["adopted"]
    fewer = block([], owners, present=[True] * 5 + [False] * 4)
    r = rule(fewer, preset="association_qualified", association="VvE")
    assert r["quorum_met"] is False and not r["adopted"] and r["missing"] == 1
    second = rule(fewer, preset="association_qualified", association="VvE", meeting="second")
    assert second["quorum_met"] is None and second["adopted"]


def test_a_main_association_counts_its_sub_associations() -> None:
    data = block([], ["yes", "yes", "no"])
    data["units"][2]["association"] = "VvE-kelder"
    data["associations"] = [{"name": "VvE-kelder", "parent": "VvE"}]
    r = rule(data, preset="deed_change", association="VvE")
    assert r["units"] == 3 and r["base"] == 3 and not r["adopted"]  # 2/3 < 4/5
    assert rule(data, preset="deed_change", association="VvE-kelder")["units"] == 1


def test_votes_weigh_and_the_missing_units_take_the_heaviest() -> None:
    data = block([], ["no", "no", "no", None])
    for unit, votes in zip(data["units"], [5, 1, 1, 3], strict=True):
        unit["votes"] = votes
    r = rule(data, name="regel", electorate="owners", association="VvE", base="all", threshold="4/5")
    assert r["base"] == 10 and r["missing"] == 2  # 5 + 3 of 10
    assert r["pivotal"] == []  # no single unit reaches 8 votes


answers = st.sampled_from(["yes", "no", "abstain", None])


@st.composite
def measures(draw: Any) -> dict:
    n = draw(st.integers(1, 8))
    units = []
    for k in range(n):
        rented = draw(st.booleans())
        units.append(
            {
                "id": f"u{k}",
                "tenure": "rented" if rented else "owned",
                "association": draw(st.sampled_from(["A", "B"])),
                "votes": draw(st.integers(0, 4)),
                "tenant": draw(answers) if rented else None,
                "owner": draw(answers),
                "present": draw(st.booleans()),
            }
        )
    fractions = st.sampled_from(["1/2", "2/3", "7/10", "3/4", "4/5", "1", "0"])
    rules = [
        {
            "name": f"r{k}",
            "electorate": draw(st.sampled_from(["tenants", "owners"])),
            "base": draw(st.sampled_from(["all", "cast"])),
            "threshold": draw(fractions),
            "strict": draw(st.booleans()),
        }
        for k in range(2)
    ]
    for r in rules:
        if r["electorate"] == "owners":
            r["association"] = draw(st.sampled_from(["A", "B"]))
            if draw(st.booleans()):
                r["quorum"] = draw(fractions)
                r["meeting"] = draw(st.sampled_from(["first", "second"]))
                r["second_without_quorum"] = draw(st.booleans())
    return {"measure": "m", "units": units, "rules": rules}


@given(measures())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_engine_equals_plain_loops_and_brute_force(data: dict) -> None:
    try:
        measure = parse(data)
    except ConsentError:
        return  # an association named by a rule but by no unit
    ours = evaluate(measure)
    plain = plain_evaluate(measure, brute_force_up_to=8)
    assert ours["adopted"] == plain["adopted"]
    for r, p in zip(ours["rules"], plain["rules"], strict=True):
        assert (r["adopted"], sorted(r["pivotal"]), r["missing"]) == (
            p["adopted"],
            sorted(p["pivotal"]),
            p["missing"],
        ), (r, p)


@given(measures(), st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_one_more_yes_never_makes_an_adopted_rule_fail(data: dict, pick: Any) -> None:
    try:
        before = evaluate(parse(data))
    except ConsentError:
        return
    k = pick.draw(st.integers(0, len(data["units"]) - 1))
    more = copy.deepcopy(data)
    unit = more["units"][k]
    unit["owner"] = "yes"
    if unit["tenure"] == "rented":
        unit["tenant"] = "yes"
    after = evaluate(parse(more))
    for b, a in zip(before["rules"], after["rules"], strict=True):
        assert not b["adopted"] or a["adopted"], (b, a)


def test_yaml_yes_and_no_are_answers() -> None:
    text = """
measure: m
units:
  - {id: 1, tenure: rented, tenant: yes}
  - {id: 2, tenure: rented, tenant: no}
rules:
  - {preset: tenants_renovation}
"""
    r = evaluate(loads(text))
    assert r["rules"][0]["yes"] == 1 and r["rules"][0]["base"] == 2


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (lambda d: d.pop("measure"), "measure", "missing"),
        (lambda d: d["units"][0].update(tenure="huur"), "units[0].tenure", "bad_tenure"),
        (lambda d: d["units"][0].update(tenant="misschien"), "units[0].tenant", "bad_answer"),
        (lambda d: d["units"][0].update(votes=-1), "units[0].votes", "out_of_range"),
        (lambda d: d["units"][0].update(votes=1.5), "units[0].votes", "not_whole_number"),
        (lambda d: d["units"].append(dict(d["units"][0])), "units[1].id", "unit_twice"),
        (lambda d: d["units"][0].update(tenure="owned"), "units[0].tenant", "tenant_of_owned"),
        (lambda d: d["rules"][0].update(preset="alles"), "rules[0].preset", "unknown_preset"),
        (lambda d: d["rules"][1].pop("association"), "rules[1].association", "needs_association"),
        (lambda d: d["rules"][1].update(association="VvE-Z"), "rules[1].association", "unknown_association"),
        (lambda d: d["rules"][4].update(threshold="0.75"), "rules[4].threshold", "bad_fraction"),
        (lambda d: d["rules"][4].update(threshold="5/4"), "rules[4].threshold", "bad_fraction"),
        (lambda d: d["rules"][4].update(threshold="1/0"), "rules[4].threshold", "bad_fraction"),
        (lambda d: d["rules"][4].update(base="some"), "rules[4].base", "bad_base"),
        (lambda d: d["rules"][4].update(quorum="1/2"), "rules[4].quorum", "quorum_for_owners"),
        (lambda d: d["rules"][4].update(electorate="iedereen"), "rules[4].electorate", "bad_electorate"),
        (lambda d: d["rules"][1].update(meeting="third"), "rules[1].meeting", "bad_meeting"),
        (lambda d: d["rules"][4].update(treshold="1/2"), "rules[4].treshold", "unknown_field"),
        (lambda d: d.update(rules=[]), "rules", "no_rules"),
    ],
)
def test_a_bad_file_names_the_field(change: Any, field: str, code: str) -> None:
    data = yaml.safe_load(ISSUE_EXAMPLE)
    change(data)
    with pytest.raises(ConsentError) as exc:
        parse(data)
    assert (exc.value.field, exc.value.code) == (field, code)


@given(measures())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_quick_pass_over_the_units_reads_what_the_careful_one_does(data: dict) -> None:
    from akkoord.engines.consent import contract

    try:
        quick = parse(data)
    except ConsentError:
        return
    careful_only = contract._units_at_once
    contract._units_at_once = lambda rows: None  # type: ignore[assignment]
    try:
        assert parse(data) == quick
    finally:
        contract._units_at_once = careful_only
