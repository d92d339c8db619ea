#!/usr/bin/env bash
# bench/write-section.sh NAME TEXT: puts TEXT into BENCHMARKS.md between <!-- bench:NAME --> markers,
# replacing what was there, or appends it.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - "<!-- bench:$1 -->" "<!-- /bench:$1 -->" "$2" <<'PY'
import sys, re
start, end, section = sys.argv[1:4]
text = open('BENCHMARKS.md').read()
block = f"{start}\n{section.strip()}\n{end}"
if start in text:
    text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda m: block, text, flags=re.S)
else:
    text = text.rstrip('\n') + "\n\n" + block + "\n"
open('BENCHMARKS.md', 'w').write(text)
PY
echo "BENCHMARKS.md: section $1 updated"
