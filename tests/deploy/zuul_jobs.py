#!/usr/bin/env python3
"""The gate jobs in .zuul.yaml are real: each names a playbook that exists and a make target
that exists (make -n) and, when it is a slice of the test suite (ctest -L LABEL), a label that
selects tests; every job the pipelines list is defined and every concrete job is in check and
gate; every `files` pattern matches something in the repository.

Usage: zuul_jobs.py <source dir> <build dir>
"""
import re
import subprocess
import sys
from pathlib import Path

import yaml

src, build = Path(sys.argv[1]), Path(sys.argv[2])
config = yaml.safe_load((src / ".zuul.yaml").read_text())
jobs = {item["job"]["name"]: item["job"] for item in config if "job" in item}
projects = [item["project"] for item in config if "project" in item]
makefile = (src / "Makefile").read_text()
tracked = subprocess.run(["git", "ls-files"], cwd=src, capture_output=True, text=True,
                         check=True).stdout.split()
failures = []


def inherited(job, key):
    while job is not None:
        if key in job:
            return job[key]
        job = jobs.get(job.get("parent"))
    return None


def variables(job):
    chain = []
    while job is not None:
        chain.append(job.get("vars", {}))
        job = jobs.get(job.get("parent"))
    merged = {}
    for v in reversed(chain):
        merged.update(v)
    return merged


def recipe(target):
    """The command lines of a Makefile target."""
    match = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n)*)", makefile, re.M)
    return match.group(1) if match else ""


for name, job in jobs.items():
    if job.get("abstract"):
        continue
    run = inherited(job, "run")
    if not run or not (src / run).is_file():
        failures.append(f"{name}: playbook {run!r} does not exist")
    target = variables(job).get("make_target")
    if not target:
        failures.append(f"{name}: no make_target")
        continue
    dry = subprocess.run(["make", "-n", "-C", str(src), target], capture_output=True, text=True)
    if dry.returncode != 0:
        failures.append(f"{name}: make -n {target} fails: {dry.stderr.strip()[:200]}")
        continue
    for label in re.findall(r"ctest [^\n]*-L (\w+)", recipe(target)):
        listed = subprocess.run(["ctest", "-N", "-L", label], cwd=build, capture_output=True,
                                text=True, check=True).stdout
        count = re.search(r"Total Tests: (\d+)", listed)
        if not count or int(count.group(1)) == 0:
            failures.append(f"{name}: make {target} runs ctest -L {label}, which selects no test")
    for pattern in job.get("files", []):
        if not any(re.search(pattern, path) for path in tracked):
            failures.append(f"{name}: files pattern {pattern!r} matches nothing in the repository")

concrete = {n for n, j in jobs.items() if not j.get("abstract")}
for project in projects:
    for pipeline in ("check", "gate"):
        listed = project.get(pipeline, {}).get("jobs", [])
        listed = [j if isinstance(j, str) else next(iter(j)) for j in listed]
        for j in listed:
            if j not in jobs:
                failures.append(f"{pipeline} lists undefined job {j}")
        for j in concrete - set(listed):
            failures.append(f"job {j} is not in {pipeline}")

for f in failures:
    print("FAIL:", f)
print(f"{len(concrete)} jobs checked, {len(failures)} problems")
sys.exit(1 if failures else 0)
