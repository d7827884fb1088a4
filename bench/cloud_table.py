#!/usr/bin/env python3
"""The capacity table of docs/scale-out.md from the JSON files `cloud_bench.py` wrote.

Usage: cloud_table.py FILE.json...   (e.g. build/bench/cloud-*.json)
Prints a Markdown table, one column per run, sorted by database, jobs and members.
"""
import json
import sys


def number(value, unit=""):
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}{unit}"
    return f"{int(value):,}{unit}"


ROWS = [
    ("seeding the database", lambda r: number(r.get("seed_seconds"), " s")),
    ("a member's first full listing of its share", lambda r: number(r.get("startup_seconds"), " s")),
    ("steady poll cycle per member, no job due (p50 / max)",
     lambda r: f"{number(r.get('steady_cycle_ms_p50'))} / {number(r.get('steady_cycle_ms_max'))} ms"),
    ("API CPU for polling (no job due)", lambda r: number(r.get("api_cpu_polling_pct"), "%")),
    ("API CPU while jobs fall due", lambda r: number(r.get("api_cpu_window_pct"), "%")),
    ("database rows read per minute, polling / window (MariaDB's Rows_read)",
     lambda r: "" if "db_rows_read_per_minute_polling" not in r else
     f"{number(r['db_rows_read_per_minute_polling'])} / "
     f"{number(r.get('db_rows_read_per_minute_window'))}"),
    ("member RSS (the largest member; peak)",
     lambda r: f"{number(r.get('member_rss_mb'))} MB ({number(r.get('member_peak_rss_mb'))})"),
    ("jobs due in the window / ran exactly once / twice / not run 30 s after it",
     lambda r: f"{number(r.get('due_jobs'))} / {number(r.get('ran_once'))} / "
               f"{number(r.get('ran_twice'))} / {number(r.get('missed'))}"),
    ("Keystone requests per minute (window)", lambda r: number(r.get("keystone_per_minute"))),
    ("Cinder requests per minute (window)", lambda r: number(r.get("cinder_per_minute"))),
    ("Cinder requests per run", lambda r: number(r.get("cinder_per_run"))),
    ("a new job made through the API, until a member takes it",
     lambda r: number(r.get("pickup_seconds"), " s")),
    ("a killed member, until the survivors have listed its share",
     lambda r: "(one member)" if r.get("members") == 1 else number(r.get("takeover_seconds"), " s")),
]


def heading(r):
    size = r["jobs"]
    size = f"{size // 1000000}M" if size % 1000000 == 0 else f"{size // 1000}k"
    db = {"sqlite": "SQLite", "mariadb": "MariaDB"}.get(r["backend"], r["backend"])
    members = f"{r['members']} member{'s' * (r['members'] != 1)}"
    window = f", {round(r['window_seconds'] / 60)}-min window" if "window_seconds" in r else ""
    return f"{size} jobs, {members}, {db}{window}"


def main(paths):
    runs = [json.load(open(p)) for p in paths]
    runs = [r for r in runs if not r.get("projects_due_together")]
    runs.sort(key=lambda r: (r["backend"] != "sqlite", r["jobs"], r["members"]))
    print("| | " + " | ".join(heading(r) for r in runs) + " |")
    print("|---|" + "---:|" * len(runs))
    for label, cell in ROWS:
        cells = [cell(r) for r in runs]
        if any(cells):  # rows no run measured (rows read, on SQLite) are left out
            print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
