#!/usr/bin/env python3
"""Puts a benchmark's section into BENCHMARKS.md between <!-- bench:NAME --> and <!-- /bench:NAME -->,
replacing the previous one or appending. Usage: bench/write-section.py NAME < section.md"""
import re
import sys

name = sys.argv[1]
section = sys.stdin.read().rstrip("\n")
start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
try:
    text = open("BENCHMARKS.md").read()
except FileNotFoundError:
    text = "# Benchmarks\n\nFigures are ratios against a reference measured in the same run (DESIGN.md section 7).\n"
block = f"{start}\n{section}\n{end}"
if start in text:
    text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda m: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open("BENCHMARKS.md", "w").write(text)
print(f"BENCHMARKS.md: section {name} updated")
