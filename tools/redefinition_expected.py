#!/usr/bin/env python3
"""Runs each redefinition scenario through `jshell` in its default mode (a JDI execution engine, which
redefines classes in place) and prints the value jshell shows for the scenario's final expression, beside
the value kept in the scenario file. The JUnit suite RedefinitionIT expects Callisto to give the kept values. A value
written "!error: MESSAGE" is a compile error with that message; "!Name" an exception of that class.

    tools/redefinition_expected.py [--java-home DIR] [--write] [SCENARIO_FILE]

--write replaces the kept values with jshell's (check the diff). Exits 1 when jshell disagrees with a kept value.
"""
import argparse
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

DEFAULT_FILE = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "io", "callisto",
                            "engine", "redefinition-scenarios.txt")
MARKER = "@@@callisto-expected@@@"


def parse(text):
    """Scenarios as dicts: name, cells (list of str), expression, expected, and the expected value's line."""
    scenarios, current, lines = [], None, text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("### "):
            current = {"name": line[4:].strip(), "cells": [[]]}
            scenarios.append(current)
        elif current is not None and line == "---":
            current["cells"].append([])
        elif current is not None and line.startswith(">>> "):
            current["expression"] = line[4:]
            current["expected"] = lines[i + 1]
            current["expected_line"] = i + 1
            current = None
            i += 1
        elif current is not None:
            current["cells"][-1].append(line)
        i += 1
    for scenario in scenarios:
        scenario["cells"] = ["\n".join(cell) for cell in scenario["cells"]]
    return scenarios


def run_jshell(jshell, scenario):
    script = "\n".join(scenario["cells"]) + f'\nSystem.out.println("{MARKER}")\n{scenario["expression"]}\n/exit\n'
    done = subprocess.run([jshell, "-q", "-J-Duser.language=en"], input=script, capture_output=True, text=True,
                          timeout=120)
    after = [re.sub(r"^(jshell> )+", "", line) for line in done.stdout.split(MARKER, 1)[-1].split("\n")]
    for i, line in enumerate(after):
        if " ==> " in line:
            return line.split(" ==> ", 1)[1].strip()
        if "Exception" in line:
            return "!" + line.strip().lstrip("|").strip().split(" ", 2)[1]
        if line.strip() == "|  Error:" and i + 1 < len(after):
            # A compile error: the expression cannot be evaluated any more.
            return "!error: " + after[i + 1].lstrip("|").strip()
    return "?" + done.stdout[-300:] + done.stderr[-300:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", default=DEFAULT_FILE)
    parser.add_argument("--java-home", default=os.environ.get("JAVA_HOME", ""))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    jshell = os.path.join(args.java_home, "bin", "jshell") if args.java_home else "jshell"
    with open(args.file, encoding="utf-8") as f:
        text = f.read()
    scenarios = parse(text)
    with ThreadPoolExecutor(max_workers=2) as pool:
        values = list(pool.map(lambda s: run_jshell(jshell, s), scenarios))
    disagreements = 0
    lines = text.split("\n")
    for scenario, value in zip(scenarios, values):
        same = value == scenario["expected"]
        disagreements += not same
        print(f"{'ok ' if same else 'DIFF'} {scenario['name']}: jshell {value}, kept {scenario['expected']}")
        lines[scenario["expected_line"]] = value
    if args.write:
        with open(args.file, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    print(f"{len(scenarios)} scenarios, {disagreements} where jshell differs from the kept value")
    return 1 if disagreements and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
