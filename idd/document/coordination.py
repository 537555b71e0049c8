"""The coordination block's words, the same in the PDF, the Word copy and the notification."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from assessments.fiscal import format_date


def submission_read(entry: Mapping[str, Any]) -> str:
    """Which submission the office read: "Submission 2, 3 Dec 2026". A snapshot taken
    before submissions were recorded on decisions names the revision instead."""
    if not entry.get("submission"):
        return f"Revision {entry['revision']}"
    submitted_at = entry.get("submitted_at")
    if not submitted_at:
        return f"Submission {entry['submission']}"
    day = format_date(datetime.fromisoformat(submitted_at).date())
    return f"Submission {entry['submission']}, {day}"


def tables(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The coordination record as tables: the command's offices' decisions, then its
    approval authority's approval; then, once forwarded, each outside organization's
    (DSCA's) the same way. Each: caption, decisions, approvals (the rows after them)."""
    groups: dict[str, dict[str, Any]] = {}

    def group(entry: Mapping[str, Any]) -> dict[str, Any]:
        to = (entry.get("to") or entry["route"]) if entry["forwarded"] else ""
        if to not in groups:
            caption = (
                f"Forwarded to {to}: each office's decision and the approval"
                if to
                else "Coordination: each office's decision on the staffing route, and the approval"
            )
            groups[to] = {"caption": caption, "to": to, "decisions": [], "approvals": []}
        return groups[to]

    group({"forwarded": False, "route": ""})  # the command's table first
    for d in doc.get("coordination") or []:
        group(d)["decisions"].append(d)
    for a in doc.get("route_approvals") or []:
        group(a)["approvals"].append(a)
    return [g for g in groups.values() if g["decisions"] or g["approvals"]]


def approved_on_route(doc: Mapping[str, Any]) -> set[int]:
    """The revisions the command's approval authority approved at the end of a route."""
    return {a["revision"] for a in doc.get("route_approvals") or [] if not a["forwarded"]}


def reviewers(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The reviewers' decisions the coordination tables do not already say: a route's
    approval is also a reviewer's approving decision (what the approval block reads), but
    the record prints it once, in the route's table."""
    on_route = approved_on_route(doc)
    return [
        d
        for d in doc.get("approvals") or []
        if not (d["outcome"] == "approved" and d["revision"] in on_route)
    ]


def forwarded_outcomes(doc: Mapping[str, Any]) -> list[str]:
    """What the outside organizations (DSCA) decided on this revision, in a sentence each:
    their approval, or the non-concurrence that closed their route."""
    number = doc["meta"]["revision"]
    said = []
    for a in doc.get("route_approvals") or []:
        if a["forwarded"] and a["revision"] == number:
            day = format_date(datetime.fromisoformat(a["approved_at"]).date())
            who = ", ".join(filter(None, (a["approver"], a["approver_job_title"])))
            said.append(
                f"{a['to']} approved revision {number} on {day}: {who}, approval authority"
                f" of {a['office']}."
            )
    for d in doc.get("coordination") or []:
        if d["forwarded"] and d["revision"] == number and d["outcome"] == "non_concur":
            day = format_date(datetime.fromisoformat(d["decided_at"]).date())
            said.append(
                f"{d.get('to') or d['route']} non-concurred on revision {number} on {day}: "
                f"{d['office']} ({d['officer']}): “{d['comment']}” The planners answer it "
                "in a new revision."
            )
    return said
