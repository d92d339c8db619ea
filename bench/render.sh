#!/usr/bin/env bash
# Benchmark: renders per second of the cart reminder (email HTML + text with 3 cart items, 4 recommendations,
# a discount and every link through a tracking rewriter; and its SMS) through Boomerang's template engine,
# against the same output built by plain Java string code, in the same JMH run on 2 threads. The reference's
# output is checked to equal the template's before anything is measured. Writes BENCHMARKS.md.
#
#   bench/render.sh                  # 3 forks (runs) x 5 measured iterations of 2 s per benchmark
#   FORKS=1 bench/render.sh          # a quick try
#
# Heavy steps run under flock /tmp/boomerang-bench.lock, so that benchmarks on this machine do not overlap.
set -euo pipefail
cd "$(dirname "$0")/.."
FORKS=${FORKS:-3}
export JAVA_HOME=$(.ci/java-home.sh)
work=target/bench
mkdir -p "$work"

rm -rf target/test-classes   # so that JMH's annotation processor sees every benchmark
./mvnw -B -ntp -q -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat "$work/classpath.txt")"

flock /tmp/boomerang-bench.lock "$JAVA_HOME/bin/java" -cp "$classpath" org.openjdk.jmh.Main RenderBenchmark \
  -f "$FORKS" -rf json -rff "$work/render.json" | tee "$work/render.log"

python3 - "$work/render.json" "$FORKS" "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" <<'PY'
import json, re, statistics, subprocess, sys, datetime, os
results = json.load(open(sys.argv[1]))
forks, java = sys.argv[2], sys.argv[3]
runs = {}
for r in results:
    name = r["benchmark"].rsplit(".", 1)[1]
    # one figure per fork (run): the mean of its measured iterations, in renders per second on 2 threads
    runs[name] = [statistics.mean(fork) for fork in r["primaryMetric"]["rawData"]]
med = {k: statistics.median(v) for k, v in runs.items()}
def fmt(x): return f"{x:,.0f}"
def kb(ext): return f"{os.path.getsize('target/bench/cart-reminder-en.' + ext) / 1024:.1f}"
def per_run(a, b): return " ".join(f"{x / y:.2f}" for x, y in zip(runs[a], runs[b]))
cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
email_ratio = med["emailTemplate"] / med["emailPlainJava"]
sms_ratio = med["smsTemplate"] / med["smsPlainJava"]
goal = "met" if med["emailTemplate"] >= 10000 else "**missed**"
section = f"""## Rendering: the cart reminder, email (HTML + text) and SMS

Command: `bench/render.sh` (JMH 1.37, {forks} forks = runs, 4 warm-up and 5 measured iterations of 2 s each, 2 threads), {datetime.date.today()}.
Machine: {os.cpu_count()} cores ({cpu}), {mem} GiB; {java}; load average when written {os.getloadavg()[0]:.1f} (other builds share the machine).
The message: `templates/cart-reminder` in English for the sample customer: a cart of 3 items, 4 recommendations,
a discount, the shared layout and footer; HTML {kb("html")} KB and text {kb("txt")} KB; every link through a tracking rewriter.
The reference builds the same output with plain Java `StringBuilder` code (`PlainJavaMessages`), checked equal
(whitespace aside) before measuring.

| renders per second, 2 threads | median of {forks} runs | runs |
|---|---|---|
| email, plain Java (reference) | {fmt(med["emailPlainJava"])} | {" ".join(fmt(x) for x in runs["emailPlainJava"])} |
| email, Boomerang's templates (Thymeleaf, link rewriting, subject) | {fmt(med["emailTemplate"])} | {" ".join(fmt(x) for x in runs["emailTemplate"])} |
| SMS, plain Java (reference) | {fmt(med["smsPlainJava"])} | {" ".join(fmt(x) for x in runs["smsPlainJava"])} |
| SMS, Boomerang's templates (segments counted) | {fmt(med["smsTemplate"])} | {" ".join(fmt(x) for x in runs["smsTemplate"])} |

**Email: {fmt(med["emailTemplate"])} renders/s, ratio to plain Java {email_ratio:.2f}** (per run: {per_run("emailTemplate", "emailPlainJava")});
goal of at least 10,000 emails/s on the 2 cores: {goal}.
**SMS: {fmt(med["smsTemplate"])} renders/s, ratio {sms_ratio:.2f}** (per run: {per_run("smsTemplate", "smsPlainJava")}).
"""
open("target/bench/render-section.md", "w").write(section)
print(section)
PY
bench/write-section.py render < "$work/render-section.md"
