#!/usr/bin/python3
"""Writes data/local_time_cases.tsv: fire times computed by APScheduler 3 (Debian's
python3-apscheduler, the library upstream freezer-scheduler schedules with) on hosts whose
local zone is not UTC, around daylight-saving changes, for the C++ triggers' unit tests to
reproduce. The triggers get the scheduler's zone and a `now` in it, as upstream's
BackgroundScheduler gives them; dates without an offset are local, as upstream passes them.
Run with Debian's /usr/bin/python3.

Each line: zone TAB job_schedule (JSON, the API's field names) TAB now (UTC) TAB the next
fire times in UTC (comma separated, up to 6; "none" when there is none).
"""
import datetime
import json
import os
import subprocess
import sys

UTC = datetime.timezone.utc

# Berlin: summer time from 2026-03-29 02:00 (to 03:00) to 2026-10-25 03:00 (back to 02:00).
# New York: from 2026-03-08 02:00 to 2026-11-01 02:00. Sydney (southern hemisphere): summer
# time until 2026-04-05 03:00 (back to 02:00), from 2026-10-04 02:00 (to 03:00).
CASES = [
    ("Europe/Berlin", {"schedule_hour": "2", "schedule_minute": "30"}, "2026-03-27T12:00:00"),
    ("Europe/Berlin", {"schedule_hour": "3"}, "2026-03-27T12:00:00"),
    ("Europe/Berlin", {"schedule_hour": "22", "schedule_minute": "0"}, "2026-03-27T12:00:00"),
    ("Europe/Berlin", {"schedule_minute": "*/30", "schedule_hour": "1-3"}, "2026-03-28T23:40:00"),
    ("Europe/Berlin", {"schedule_minute": "*/20"}, "2026-03-29T00:30:00"),
    ("Europe/Berlin", {"schedule_hour": "2", "schedule_minute": "30"}, "2026-10-23T12:00:00"),
    ("Europe/Berlin", {"schedule_minute": "*/30", "schedule_hour": "1-3"}, "2026-10-24T22:40:00"),
    ("Europe/Berlin", {"schedule_minute": "15"}, "2026-10-24T23:20:00"),
    ("Europe/Berlin", {"schedule_day_of_week": "sun", "schedule_hour": "2",
                       "schedule_minute": "30"}, "2026-03-20T00:00:00"),
    ("Europe/Berlin", {"schedule_hour": "4", "schedule_start_date": "2026-03-28T00:00:00",
                       "schedule_end_date": "2026-03-31T04:00:00"}, "2026-03-20T00:00:00"),
    ("Europe/Berlin", {"schedule_day": "last", "schedule_hour": "23"}, "2026-02-20T00:00:00"),
    ("Europe/Berlin", {"schedule_interval": "1 days",
                       "schedule_start_date": "2026-03-27T22:00:00"}, "2026-03-27T12:00:00"),
    ("Europe/Berlin", {"schedule_interval": "1 days",
                       "schedule_start_date": "2026-10-23T22:00:00"}, "2026-10-23T12:00:00"),
    ("Europe/Berlin", {"schedule_interval": "1 hours",
                       "schedule_start_date": "2026-10-25T00:30:00"}, "2026-10-24T12:00:00"),
    ("Europe/Berlin", {"schedule_interval": "1 hours",
                       "schedule_start_date": "2026-03-29T00:30:00"}, "2026-03-28T12:00:00"),
    ("Europe/Berlin", {"schedule_interval": "1 weeks",
                       "schedule_start_date": "2026-03-22T02:30:00",
                       "schedule_end_date": "2026-04-20T00:00:00"}, "2026-03-20T12:00:00"),
    ("Europe/Berlin", {"schedule_interval": "90 minutes",
                       "schedule_start_date": "2026-03-28T23:00:00"}, "2026-03-28T12:00:00"),
    ("Europe/Berlin", {"schedule_date": "2026-07-01T10:00:00"}, "2026-06-01T00:00:00"),
    ("Europe/Berlin", {"schedule_date": "2026-07-01T10:00:00Z"}, "2026-06-01T00:00:00"),
    ("Europe/Berlin", {"schedule_date": "2026-03-29T02:30:00"}, "2026-03-01T00:00:00"),
    ("Europe/Berlin", {"schedule_date": "2026-10-25T02:30:00"}, "2026-10-01T00:00:00"),
    ("Europe/Berlin", {"schedule_date": "2026-12-24T18:00:00+05:00"}, "2026-12-01T00:00:00"),
    ("America/New_York", {"schedule_hour": "2", "schedule_minute": "30"},
     "2026-03-06T12:00:00"),
    ("America/New_York", {"schedule_hour": "1", "schedule_minute": "30"},
     "2026-10-30T12:00:00"),
    ("America/New_York", {"schedule_interval": "1 days",
                          "schedule_start_date": "2026-03-06T09:00:00"}, "2026-03-06T00:00:00"),
    ("America/New_York", {"schedule_interval": "30 minutes",
                          "schedule_start_date": "2026-11-01T00:45:00"}, "2026-10-31T12:00:00"),
    ("Australia/Sydney", {"schedule_hour": "2", "schedule_minute": "30"},
     "2026-04-02T12:00:00"),
    ("Australia/Sydney", {"schedule_hour": "2", "schedule_minute": "30"},
     "2026-10-01T12:00:00"),
    ("Australia/Sydney", {"schedule_interval": "12 hours",
                          "schedule_start_date": "2026-04-04T14:00:00"}, "2026-04-03T00:00:00"),
]

CRON_FIELDS = ("year", "month", "day", "week", "day_of_week", "hour", "minute", "second")


def fire_times(schedule, now_text):
    """In a process whose TZ is the case's zone: the first 6 fire times."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.date import DateTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    zone = BackgroundScheduler().timezone  # tzlocal's zone, as the scheduler's default
    dates = {}
    for key, name in (("schedule_start_date", "start_date"), ("schedule_end_date", "end_date")):
        if key in schedule:
            dates[name] = schedule[key]
    if "schedule_date" in schedule:
        trigger = DateTrigger(run_date=schedule["schedule_date"], timezone=zone)
    elif "schedule_interval" in schedule:
        value, unit = schedule["schedule_interval"].split(" ")
        trigger = IntervalTrigger(timezone=zone, **{unit: int(value)}, **dates)
    else:
        fields = {f: schedule["schedule_" + f] for f in CRON_FIELDS if "schedule_" + f in schedule}
        trigger = CronTrigger(timezone=zone, **fields, **dates)
    now = datetime.datetime.fromisoformat(now_text).replace(tzinfo=UTC).astimezone(zone)
    fires, previous = [], None
    for _ in range(6):
        nxt = trigger.get_next_fire_time(previous, now)
        if nxt is None:
            break
        fires.append(nxt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"))
        previous = nxt
        now = nxt
    return ",".join(fires) or "none"


def main():
    if len(sys.argv) == 3:  # the child: one case in its zone
        print(fire_times(json.loads(sys.argv[1]), sys.argv[2]))
        return
    out = []
    for zone, schedule, now in CASES:
        fires = subprocess.run(
            [sys.executable, "-W", "ignore", __file__, json.dumps(schedule), now],
            env={**os.environ, "TZ": zone}, check=True, capture_output=True, text=True).stdout
        out.append("\t".join([zone, json.dumps(schedule, sort_keys=True), now, fires.strip()]))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                        "local_time_cases.tsv")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
