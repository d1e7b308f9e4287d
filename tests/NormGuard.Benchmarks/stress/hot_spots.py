#!/usr/bin/python3
"""Where NG0006's time goes, from a sampled CPU profile: reads the speedscope file dotnet-trace writes
(`dotnet-trace collect --format Speedscope -- dotnet AnalyzerProfile.dll LOG DIR --mode leakage`) and prints, for the
time spent under NormGuard's leakage analysis, the methods with the most inclusive and exclusive time.

    /usr/bin/python3 hot_spots.py TRACE.speedscope.json [--under LeakageAnalyzer] [--top 30]

Inclusive: the share of the analyzer's samples with the method anywhere on the stack (counted once per stack);
exclusive: with the method on top. Standard library only.
"""
import argparse
import json
import re
import sys
from collections import defaultdict


def short(name):
    """`NormGuard.Generators!NormGuard.Generators.Analyzers.Leakage.Lineage.Walk(class ...)` -> `Lineage.Walk`."""
    name = name.split("!", 1)[-1]
    name = re.sub(r"\(.*$", "", name)
    parts = name.split(".")
    return ".".join(parts[-2:]) if len(parts) >= 2 else name


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("trace")
    ap.add_argument("--under", default="NormGuard.Generators.Analyzers.LeakageAnalyzer",
                    help="count only stacks with a frame containing this text")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args(argv)
    with open(args.trace, encoding="utf-8") as f:
        doc = json.load(f)
    frames = [fr["name"] for fr in doc["shared"]["frames"]]
    inclusive, exclusive = defaultdict(float), defaultdict(float)
    total_under = total_all = 0.0
    for profile in doc["profiles"]:
        if profile.get("type") != "evented":
            continue
        stack, last = [], None
        for event in profile["events"]:
            at = event["at"]
            if last is not None and stack and at > last:
                dt = at - last
                total_all += dt
                names = [frames[i] for i in stack]
                if any(args.under in n for n in names):
                    total_under += dt
                    seen = set()
                    for n in names:
                        s = short(n)
                        if s not in seen:
                            seen.add(s)
                            inclusive[s] += dt
                    exclusive[short(names[-1])] += dt
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    if total_under == 0:
        sys.exit(f"no samples under '{args.under}'")
    unit = doc["profiles"][0].get("unit", "")
    print(f"samples under {args.under}: {total_under:.0f} {unit} of {total_all:.0f} {unit} in all threads ({total_under / total_all * 100:.1f} %)")
    print()
    print("| method | inclusive | exclusive |")
    print("| --- | ---: | ---: |")
    for name, value in sorted(inclusive.items(), key=lambda p: -p[1])[:args.top]:
        print(f"| {name} | {value / total_under * 100:.1f} % | {exclusive.get(name, 0) / total_under * 100:.1f} % |")
    print()
    print("| top of stack (exclusive) | share |")
    print("| --- | ---: |")
    for name, value in sorted(exclusive.items(), key=lambda p: -p[1])[:args.top]:
        print(f"| {name} | {value / total_under * 100:.1f} % |")


if __name__ == "__main__":
    main()
