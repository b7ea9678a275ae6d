"""Reads iCalendar with Python's `icalendar`, an outside parser, and prints what it found as JSON.

    python3 ics_check.py ics < calendar.ics
    python3 ics_check.py mail MAILDIR ADDRESS SUBJECT-START   # the .ics attached to that message

Fails when a content line is longer than 75 octets (RFC 5545, 3.1) or lines do not end in CRLF.
"""

import email
import json
import pathlib
import sys
from email import policy

import icalendar


def check_lines(data: bytes) -> None:
    assert data.endswith(b"\r\n"), "the calendar does not end in CRLF"
    for line in data.split(b"\r\n")[:-1]:
        assert b"\n" not in line, "a line ends in a bare LF"
        assert len(line) <= 75, f"a content line is longer than 75 octets: {line!r}"


def events(data: bytes) -> dict:
    check_lines(data)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    found = []
    for event in calendar.walk("VEVENT"):
        end = event.decoded("DTEND").isoformat() if "DTEND" in event else None
        found.append(
            {
                "uid": str(event["UID"]),
                "summary": str(event["SUMMARY"]),
                "start": event.decoded("DTSTART").isoformat(),
                "end": end,
                "location": str(event.get("LOCATION", "")),
            }
        )
    return {"name": str(calendar.get("X-WR-CALNAME", "")), "events": found}


def attached(maildir: str, address: str, subject: str) -> dict:
    for path in sorted(pathlib.Path(maildir).glob("*/*")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if address in str(message["To"]) and str(message["Subject"]).startswith(subject):
            parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
            assert len(parts) == 1, f"{len(parts)} calendar parts"
            result = events(parts[0].get_payload(decode=True))
            result["filename"] = parts[0].get_filename()
            return result
    raise SystemExit(f"no message to {address} with a subject starting {subject!r}")


if __name__ == "__main__":
    if sys.argv[1] == "ics":
        print(json.dumps(events(sys.stdin.buffer.read())))
    else:
        print(json.dumps(attached(sys.argv[2], sys.argv[3], sys.argv[4])))
