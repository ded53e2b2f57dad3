#!/usr/bin/env python3
"""Checks govframe's iCalendar export with an independent parser (Python's `icalendar`).

Usage (the package goes into a temporary virtual environment, never into the repository):

    tmp=$(mktemp -d)
    python3 -m venv "$tmp/venv" && "$tmp/venv/bin/pip" install --quiet icalendar
    cargo run -q -- calendar examples/data/demo-platforms.json --out "$tmp/demo.ics"
    "$tmp/venv/bin/python" crates/govframe-platforms/tests/ics_check.py \
        examples/data/demo-platforms.json "$tmp/demo.ics"
    rm -rf "$tmp"

For every edition of the registry it expects one VEVENT with UID
`<editionId>@<registryId>.govframe`, an all-day DTSTART equal to the first day, an all-day
DTEND equal to the day after the last day (exclusive end, RFC 5545), a DTSTAMP, and a SUMMARY.
Exits 0 when everything matches, 1 otherwise (printing each problem).
"""

import datetime
import json
import sys

import icalendar


def main(registry_path: str, ics_path: str) -> int:
    with open(registry_path, encoding="utf-8") as f:
        registry = json.load(f)
    with open(ics_path, "rb") as f:
        raw = f.read()
    cal = icalendar.Calendar.from_ical(raw)

    problems = []
    if b"\r\n" not in raw or raw.replace(b"\r\n", b"").find(b"\n") != -1:
        problems.append("lines must end with CRLF")
    if str(cal.get("VERSION")) != "2.0":
        problems.append(f"VERSION is {cal.get('VERSION')!r}, expected 2.0")
    if not cal.get("PRODID"):
        problems.append("no PRODID")

    events = {str(e.get("UID")): e for e in cal.walk("VEVENT")}
    expected = {}
    for platform in registry["platforms"]:
        for edition in platform.get("editions", []):
            uid = f"{edition['id']}@{registry['id']}.govframe"
            start = datetime.date.fromisoformat(edition["start"])
            last = datetime.date.fromisoformat(edition.get("end", edition["start"]))
            expected[uid] = (start, last + datetime.timedelta(days=1))

    if set(events) != set(expected):
        problems.append(
            f"UIDs differ: missing {sorted(set(expected) - set(events))}, "
            f"unexpected {sorted(set(events) - set(expected))}"
        )
    for uid, (start, end) in sorted(expected.items()):
        event = events.get(uid)
        if event is None:
            continue
        got_start = event.decoded("DTSTART")
        got_end = event.decoded("DTEND")
        for name, got, want in (("DTSTART", got_start, start), ("DTEND", got_end, end)):
            if isinstance(got, datetime.datetime) or got != want:
                problems.append(f"{uid}: {name} is {got!r}, expected the date {want}")
        if event.get("DTSTAMP") is None:
            problems.append(f"{uid}: no DTSTAMP")
        if not str(event.get("SUMMARY", "")):
            problems.append(f"{uid}: no SUMMARY")

    for p in problems:
        print(f"ics_check: {p}")
    if problems:
        return 1
    print(
        f"ics_check: OK — {len(events)} all-day events parsed by icalendar "
        f"{icalendar.__version__}, dates match {registry_path}"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
