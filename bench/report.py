#!/usr/bin/env python3
"""Turns the benchmark's result lines into the table `make bench` prints and a JSON file.

Usage: report.py <results.jsonl> <out.json> [key=value ...]   (the run's settings)
"""
import datetime
import json
import os
import platform
import sys

SCENARIOS = [
    ("get_job", "GET /v2/{p}/jobs/{id}"),
    ("list_jobs_10", "GET /v2/{p}/jobs?limit=10"),
    ("list_backups_10", "GET /v2/{p}/backups?limit=10"),
    ("list_all_projects_100", "GET /v2/{p}/jobs?all_projects=True&limit=100 *"),
    ("patch_job", "PATCH /v2/{p}/jobs/{id} (one job)"),
    ("patch_distinct_jobs", "PATCH /v2/{p}/jobs/{id} (100 jobs in turn)"),
    ("post_backup", "POST /v2/{p}/backups"),
]


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": model, "cpus": os.cpu_count(), "kernel": platform.release()}


# The production database path against the embedded one (issue targets): at least half of
# SQLite's rate for the reads; PATCH of distinct jobs at a floor per database.
RELATIVE_READS = ["get_job", "list_jobs_10", "list_all_projects_100"]
PATCH_FLOORS = {"sqlite": 5000, "mariadb": 2500}


def relative_to_sqlite(by, backends):
    """Prints each backend's reads as a share of SQLite's in this run; returns the rows."""
    out = []
    labels = dict(SCENARIOS)
    for backend in backends:
        if backend == "sqlite" or ("sqlite", "api", "get_job") not in by:
            continue
        print(f"\n{backend} against sqlite (this API, same run; target ≥ 50%)")
        print("| scenario | sqlite req/s | " + backend + " req/s | share | target met |")
        print("|---|---:|---:|---:|---|")
        for key in RELATIVE_READS:
            base, other = by.get(("sqlite", "api", key)), by.get((backend, "api", key))
            if not base or not other or not base["rps"]:
                continue
            share = other["rps"] / base["rps"]
            print(f"| `{labels[key]}` | {base['rps']:,.0f} | {other['rps']:,.0f} | {share:.0%} | "
                  f"{'yes' if share >= 0.5 else 'NO'} |")
            out.append({"backend": backend, "scenario": key, "share_of_sqlite": share})
    for backend in backends:
        patch = by.get((backend, "api", "patch_distinct_jobs"))
        floor = PATCH_FLOORS.get(backend)
        if patch and floor:
            met = "yes" if patch["rps"] >= floor else "NO"
            print(f"PATCH of distinct jobs on {backend}: {patch['rps']:,.0f} req/s "
                  f"(target ≥ {floor:,}: {met})")
    page = by.get(("sqlite", "api", "list_all_projects_100"))
    ceiling = by.get(("sqlite", "hello", "ceiling"))
    if page and ceiling and ceiling["rps"]:
        share = page["rps"] / ceiling["rps"]
        print(f"all_projects page of 100 on sqlite: {share:.1%} of the ceiling "
              f"(target ≥ 5%: {'yes' if share >= 0.05 else 'NO'})")
    return out


def ms(us):
    return f"{us / 1000:.1f}"


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    settings = dict(arg.split("=", 1) for arg in sys.argv[3:])
    by = {(r["backend"], r["target"], r["scenario"]): r["result"] for r in rows}
    backends = list(dict.fromkeys(r["backend"] for r in rows))
    summary = []
    for backend in backends:
        ceiling = by.get((backend, "hello", "ceiling"), {}).get("rps")
        print(f"\n{backend}: hello-world ceiling {ceiling:,.0f} req/s" if ceiling else f"\n{backend}")
        print("| scenario | this API req/s | p50 ms | p99 ms | Python req/s | Python p99 ms "
              "| × Python | % of ceiling |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for key, label in SCENARIOS:
            api = by.get((backend, "api", key))
            py = by.get((backend, "python", key))
            if not api:
                continue
            ratio = api["rps"] / py["rps"] if py and py["rps"] else None
            share = api["rps"] / ceiling if ceiling else None
            errors = api["non_2xx"] + api["socket_errors"]
            cells = [f"`{label}`",
                     f"{api['rps']:,.0f}" + (f" ({errors} errors)" if errors else ""),
                     ms(api["p50_us"]), ms(api["p99_us"]),
                     f"{py['rps']:,.0f}" if py else "", ms(py["p99_us"]) if py else "",
                     f"{ratio:.1f}×" if ratio else "", f"{share:.1%}" if share else ""]
            print("| " + " | ".join(cells) + " |")
            summary.append({"backend": backend, "scenario": key, "api_rps": api["rps"],
                            "api_p50_ms": api["p50_us"] / 1000, "api_p99_ms": api["p99_us"] / 1000,
                            "api_errors": errors,
                            "python_rps": py["rps"] if py else None,
                            "python_p99_ms": py["p99_us"] / 1000 if py else None,
                            "ratio_to_python": ratio, "fraction_of_ceiling": share})
        startup = by.get((backend, "api", "startup"))
        if startup:
            print(f"start-up to the first answer on the filled database: {startup['startup_ms']} ms")
    print("\n* Python 13.0.0 has no all_projects: it lists 100 jobs of one project instead.")
    relative = relative_to_sqlite(by, backends)
    document = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                "machine": machine(), "settings": settings, "summary": summary,
                "relative_to_sqlite": relative, "raw": rows}
    with open(sys.argv[2], "w") as f:
        json.dump(document, f, indent=2)
    print(f"written to {sys.argv[2]}")


if __name__ == "__main__":
    main()
