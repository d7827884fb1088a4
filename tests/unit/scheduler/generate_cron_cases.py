#!/usr/bin/python3
"""Writes data/cron_cases.tsv: fire times computed by APScheduler 3 (Debian's
python3-apscheduler, the library upstream freezer-scheduler schedules with) in UTC, for the
C++ cron trigger's unit tests to reproduce. Run with Debian's /usr/bin/python3.

Each line: fields (JSON) TAB start date or "-" TAB end date or "-" TAB now TAB the next fire
times (comma separated, up to 6; "none" when there is none).
"""
import datetime
import json
import os

from apscheduler.triggers.cron import CronTrigger

UTC = datetime.timezone.utc
NOW = "2026-01-30T10:15:30"

CASES = [
    ({"hour": "3"}, None, None, NOW),
    ({"minute": "25"}, None, None, NOW),
    ({"minute": "*/15"}, None, None, NOW),
    ({"second": "*/20"}, None, None, NOW),
    ({"day": "31"}, None, None, NOW),
    ({"day": "31", "hour": "12"}, None, None, "2026-04-01T00:00:00"),
    ({"day": "30"}, None, None, "2026-02-01T00:00:00"),
    ({"day": "29", "month": "2"}, None, None, NOW),
    ({"day": "last"}, None, None, NOW),
    ({"day": "last"}, None, None, "2028-02-01T00:00:00"),
    ({"day": "last fri"}, None, None, NOW),
    ({"day": "1st mon"}, None, None, NOW),
    ({"day": "2nd sun", "hour": "4", "minute": "30"}, None, None, NOW),
    ({"day": "5th wed"}, None, None, NOW),
    ({"day": "3rd tue,last sat"}, None, None, NOW),
    ({"day_of_week": "mon-fri", "hour": "22"}, None, None, NOW),
    ({"day_of_week": "sat,sun"}, None, None, NOW),
    ({"day_of_week": "0", "hour": "1"}, None, None, NOW),
    ({"day_of_week": "6"}, None, None, NOW),
    ({"day_of_week": "*/2", "hour": "12"}, None, None, NOW),
    ({"month": "jan-mar", "day": "15"}, None, None, NOW),
    ({"month": "feb,aug", "day": "1"}, None, None, NOW),
    ({"month": "*/4"}, None, None, NOW),
    ({"month": "11", "day": "28", "hour": "7"}, None, None, NOW),
    ({"year": "2027"}, None, None, NOW),
    ({"year": "2025"}, None, None, NOW),
    ({"year": "2028", "month": "2", "day": "29"}, None, None, NOW),
    ({"week": "10"}, None, None, NOW),
    ({"week": "*/10", "day_of_week": "mon"}, None, None, NOW),
    ({"week": "53"}, None, None, NOW),
    ({"hour": "9-17/4", "minute": "0"}, None, None, NOW),
    ({"hour": "10/5"}, None, None, NOW),
    ({"minute": "5,35", "hour": "*"}, None, None, NOW),
    ({"minute": "59", "hour": "23", "day": "31", "month": "12"}, None, None, NOW),
    ({"second": "0", "minute": "0", "hour": "0"}, None, None, "2026-12-31T23:59:59"),
    ({"hour": "3"}, "2026-03-01T00:00:00", None, NOW),
    ({"hour": "3"}, "2026-01-01T00:00:00", "2026-02-02T03:00:00", NOW),
    ({"minute": "*/30"}, None, "2026-01-30T11:00:00", NOW),
    ({"day": "15", "hour": "6"}, "2027-05-20T00:00:00", "2027-09-01T00:00:00", NOW),
    ({"day_of_week": "fri", "hour": "18"}, None, None, "2026-01-30T18:00:00"),
]


def main():
    out = []
    for fields, start, end, now in CASES:
        now_dt = datetime.datetime.fromisoformat(now).replace(tzinfo=UTC)
        kwargs = dict(fields)
        if start:
            kwargs["start_date"] = datetime.datetime.fromisoformat(start).replace(tzinfo=UTC)
        if end:
            kwargs["end_date"] = datetime.datetime.fromisoformat(end).replace(tzinfo=UTC)
        trigger = CronTrigger(timezone=UTC, **kwargs)
        fires, previous = [], None
        for _ in range(6):
            nxt = trigger.get_next_fire_time(previous, now_dt)
            if nxt is None:
                break
            fires.append(nxt.strftime("%Y-%m-%dT%H:%M:%S"))
            previous = nxt
            now_dt = nxt
        out.append("\t".join([json.dumps(fields, sort_keys=True), start or "-", end or "-", now,
                              ",".join(fires) or "none"]))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "cron_cases.tsv")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
