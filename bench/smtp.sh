#!/usr/bin/env bash
# Benchmark: messages per second through Boomerang's SMTP adapter (the rendered cart reminder, MIME built per
# message, a pool of SESSIONS connections and as many threads) into Postfix's smtp-sink, against Postfix's
# smtp-source sending the very same message bytes (-F, one message written by the adapter's MIME builder) over
# as many reused connections (-d) into the same sink, in the same run. Writes BENCHMARKS.md.
#
#   bench/smtp.sh                                # 20,000 messages, 4 sessions, 5 runs
#   MESSAGES=5000 RUNS=1 bench/smtp.sh           # a quick try
#   PIPELINING=false bench/smtp.sh               # the adapter without PIPELINING (as before it had it)
#
# Needs ../shared/tools/postfix-smtp-tools (it fetches Debian's postfix package once). The measured steps run
# under flock /tmp/boomerang-bench.lock, so that benchmarks on this machine do not overlap.
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-20000}
SESSIONS=${SESSIONS:-4}
RUNS=${RUNS:-5}
PORT=${PORT:-2525}
TOOLS=${TOOLS:-../shared/tools/postfix-smtp-tools}
export JAVA_HOME=$(.ci/java-home.sh)
work=target/bench
mkdir -p "$work"

./mvnw -B -ntp -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat "$work/classpath.txt")"
java_bench() { "$JAVA_HOME/bin/java" -Xmx1g -cp "$classpath" dev.boomerang.channel.internal.smtp.SmtpBench "$@"; }

java_bench eml "$work/message.eml"
size=$(stat -c %s "$work/message.eml")

"$TOOLS" sink "127.0.0.1:$PORT" 1000 &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.2; done

ref_rates=(); ours_rates=()
for run in $(seq 1 "$RUNS"); do
  # each side is timed inside the lock: waiting for another benchmark to finish is not counted
  seconds=$(flock /tmp/boomerang-bench.lock bash -c 'start=$(date +%s.%N)
    "$1" source -d -s "$2" -m "$3" -F "$4" -f hello@shop.example.com -t customer@example.com -M shop.example.com "127.0.0.1:$5"
    end=$(date +%s.%N); echo "$end - $start" | bc -l' _ "$TOOLS" "$SESSIONS" "$MESSAGES" "$work/message.eml" "$PORT")
  ref_rates+=("$(echo "$MESSAGES / $seconds" | bc -l)")
  line=$(flock /tmp/boomerang-bench.lock "$JAVA_HOME/bin/java" -Xmx1g -Dmail.smtp.pipelining="${PIPELINING:-true}" -cp "$classpath" \
    dev.boomerang.channel.internal.smtp.SmtpBench send "$PORT" "$MESSAGES" "$SESSIONS")
  ours_rates+=("$(echo "$line" | sed -E 's/.*: ([0-9.]+) messages\/s.*/\1/')")
  echo "run $run: smtp-source ${ref_rates[-1]%.*} msgs/s; adapter: $line"
done

python3 - "$MESSAGES" "$SESSIONS" "$RUNS" "$size" "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" "${ref_rates[*]}" "${ours_rates[*]}" <<'PY' > "$work/smtp-section.md"
import sys, statistics, datetime, os
messages, sessions, runs, size, java = sys.argv[1:6]
ref = [float(x) for x in sys.argv[6].split()]
ours = [float(x) for x in sys.argv[7].split()]
cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
mr, mo = statistics.median(ref), statistics.median(ours)
ratio = mo / mr
per_run = " ".join(f"{o / r:.2f}" for o, r in zip(ours, ref))
goal = "met" if ratio >= 0.5 else "**missed**"
fmt = lambda x: f"{x:,.0f}"
print(f"""## SMTP: the adapter into Postfix's smtp-sink

Command: `bench/smtp.sh` (MESSAGES={messages} SESSIONS={sessions} RUNS={runs}), {datetime.date.today()}.
Machine: {os.cpu_count()} cores ({cpu}), {mem} GiB; {java}; load average when written {os.getloadavg()[0]:.1f}. smtp-sink, smtp-source and the JVM share the 2 cores.
The message: the rendered English cart reminder, {int(size):,} bytes of MIME (multipart/alternative, quoted-printable).

| messages per second | median of {runs} runs | runs |
|---|---|---|
| reference: `smtp-source -d -s {sessions} -F message.eml` (C, the same bytes, {sessions} reused connections) | {fmt(mr)} | {" ".join(fmt(x) for x in ref)} |
| Boomerang's smtp adapter ({sessions} threads, pool of {sessions} connections, MIME built per message, receipts classified) | {fmt(mo)} | {" ".join(fmt(x) for x in ours)} |

**Ratio (adapter ÷ smtp-source), median: {ratio:.2f}** (goal: at least 0.5: {goal}); per run: {per_run}.
""")
PY
cat "$work/smtp-section.md"
bench/write-section.py smtp < "$work/smtp-section.md"
