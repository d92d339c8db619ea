#!/usr/bin/env bash
# Benchmark: a whole email campaign end to end (audience, policies, ledger, render, send, record) on PostgreSQL
# into Postfix's smtp-sink, in messages per second from the request to COMPLETED, next to Postfix's smtp-source
# sending a rendered message of the same campaign into the same sink in the same run; once with the default heap
# and once under -Xmx256m (memory must not grow with the audience). Writes BENCHMARKS.md.
#
#   bench/campaign.sh                                  # 1,000,000 customers
#   CUSTOMERS=100000 bench/campaign.sh                 # a shorter run
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and ../shared/tools/postfix-smtp-tools. The measured steps
# run under flock /tmp/boomerang-bench.lock, so benchmarks on this machine do not overlap.
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-1000000}
REFERENCE_MESSAGES=${REFERENCE_MESSAGES:-20000}
REFERENCE_RUNS=${REFERENCE_RUNS:-5}
SESSIONS=${SESSIONS:-8}
PORT=${PORT:-2526}
HTTP=${HTTP:-18481}
DB=boomerang_bench_campaign
TOOLS=${TOOLS:-../shared/tools/postfix-smtp-tools}
export JAVA_HOME=$(.ci/java-home.sh)
work=$(pwd)/target/bench/campaign
rm -rf "$work" && mkdir -p "$work/config/campaigns"
psql_() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

./mvnw -B -ntp -q -DskipTests package dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" \
  -Dmdep.includeScope=test
cat > "$work/config/campaigns/bench.yml" <<'YML'
id: bench
name: Benchmark win-back
segment: { rule: { consent: email } }
channel: email
template: we-miss-you
discount: { percent: 15, expires-in: 14d }
YML

"$TOOLS" sink "127.0.0.1:$PORT" 1000 &
sink=$!
node=""
trap 'kill $sink 2>/dev/null || true; [ -n "$node" ] && kill $node 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.2; done

start_node() { # $1: heap, or "" for the JVM's default
  (cd "$work" && SPRING_PROFILES_ACTIVE=postgres BOOMERANG_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
    BOOMERANG_DB_USER=postgres BOOMERANG_DB_PASSWORD= BOOMERANG_ADMIN_PASSWORD=bench \
    BOOMERANG_TEMPLATE_INSTALL_EXAMPLES=true BOOMERANG_CHANNELS_EMAIL_ADAPTER=smtp \
    BOOMERANG_CHANNELS_SMTP_HOST=127.0.0.1 BOOMERANG_CHANNELS_SMTP_PORT=$PORT BOOMERANG_CHANNELS_SMTP_TLS=none \
    BOOMERANG_CHANNELS_SMTP_LIMITS_RATE=0 BOOMERANG_CHANNELS_SMTP_LIMITS_CONCURRENCY=$SESSIONS \
    exec "$JAVA_HOME/bin/java" ${1:+-Xmx$1} -jar ../../boomerang.jar --server.port=$HTTP > "$work/node.log" 2>&1) &
  node=$!
  for _ in $(seq 1 300); do
    curl -sf -u admin:bench "http://127.0.0.1:$HTTP/api/admin/campaigns" >/dev/null && return 0
    sleep 0.5
  done
  echo "the node did not start; see $work/node.log" >&2; exit 1
}

fresh_store() {
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  start_node 1g   # migrates the schema
  psql_ -d "$DB" -c "INSERT INTO customer (external_id, email, first_name, locale, time_zone, email_consent, created_at, updated_at)
    SELECT 'B' || i, 'b' || i || '@example.com', 'Ann', CASE WHEN i % 3 = 0 THEN 'pl-PL' ELSE 'en-US' END,
           'Europe/Warsaw', i % 10 <> 0, now(), now() FROM generate_series(1, $CUSTOMERS) i" -c "ANALYZE customer"
  kill $node; wait $node 2>/dev/null || true; node=""
}

run_campaign() { # $1: heap; prints "seconds sent"
  start_node "$1"
  local id status
  id=$(curl -sf -u admin:bench -H 'Content-Type: application/json' -d '{}' \
    "http://127.0.0.1:$HTTP/api/admin/campaigns/bench/runs" | python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
  # the run's own account is the clock (requested to finished); it is asked for every 5 s, not every second: it
  # counts the run's ledger rows, about 0.1 s of PostgreSQL per 100,000, which would slow the run it measures
  while true; do
    status=$(curl -sf -u admin:bench "http://127.0.0.1:$HTTP/api/admin/campaigns/bench/runs/$id")
    case "$status" in *'"status":"COMPLETED"'*|*'"status":"FAILED"'*) break;; esac
    sleep 5
  done
  kill $node; wait $node 2>/dev/null || true; node=""
  echo "$status" > "$work/run-$1.json"
  python3 -c 'import sys, json, datetime
run = json.load(open(sys.argv[1]))
at = lambda k: datetime.datetime.fromisoformat(run[k].replace("Z", "+00:00"))
print((at("finishedAt") - at("requestedAt")).total_seconds(), run["messages"].get("SENT", 0))' "$work/run-$1.json"
}

# the reference message: one rendered by the same template, as the adapter writes it
./mvnw -B -ntp -q -DskipTests test-compile
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat "$work/classpath.txt")" \
  dev.boomerang.channel.internal.smtp.SmtpBench eml "$work/message.eml"

results=()
for heap in default 256m; do
  fresh_store
  line=$(flock /tmp/boomerang-bench.lock bash -c "$(declare -f start_node run_campaign psql_); work='$work' DB='$DB' PORT=$PORT HTTP=$HTTP SESSIONS=$SESSIONS JAVA_HOME='$JAVA_HOME' run_campaign $([ $heap = default ] && echo '' || echo $heap)")
  results+=("$heap $line")
  echo "campaign, heap $heap: $line (seconds, sent)"
done
# the reference takes seconds where the campaign takes minutes: its median of REFERENCE_RUNS runs
ref_runs=()
for _ in $(seq 1 "$REFERENCE_RUNS"); do
  ref_runs+=("$(flock /tmp/boomerang-bench.lock bash -c 'start=$(date +%s.%N)
    "$1" source -d -s "$2" -m "$3" -F "$4" -f hello@shop.example.com -t customer@example.com -M shop.example.com "127.0.0.1:$5"
    end=$(date +%s.%N); echo "$end - $start" | bc -l' _ "$TOOLS" "$SESSIONS" "$REFERENCE_MESSAGES" "$work/message.eml" "$PORT")")
done
ref=$(printf '%s\n' "${ref_runs[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "smtp-source: $REFERENCE_MESSAGES in $ref s (median of: ${ref_runs[*]})"

python3 - "$CUSTOMERS" "$SESSIONS" "$REFERENCE_MESSAGES" "$ref" "$(stat -c %s "$work/message.eml")" \
  "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" "${ref_runs[*]}" "${results[@]}" <<'PY' > "$work/section.md"
import sys, datetime, os
customers, sessions, refm, refs, size, java, ref_runs = sys.argv[1:8]
runs = [r.split() for r in sys.argv[8:]]
cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
ref = int(refm) / float(refs)
rows = []
for heap, seconds, sent in runs:
    rate = int(sent) / float(seconds)
    goal = "met" if rate / ref >= 0.5 else "**missed**"
    rows.append(f"| Boomerang, heap {heap} | {int(sent):,} sent of {int(customers):,} customers in {float(seconds):,.0f} s | {rate:,.0f} | {rate / ref:.2f} ({goal}) |")
print(f"""## Campaign end to end: PostgreSQL into Postfix's smtp-sink

Command: `bench/campaign.sh` (CUSTOMERS={customers} SESSIONS={sessions}), {datetime.date.today()}; one run per heap.
Machine: {os.cpu_count()} cores ({cpu}), {mem} GiB; {java}; PostgreSQL, smtp-sink, smtp-source and the JVM share the cores.
A manual run of one email campaign (we-miss-you with a unique discount code per message) to the customers with
email consent (90%; the rest get a SKIPPED row), timed by the run's own account from its request to its finish:
audience snapshot, policies, ledger rows, models, render, SMTP, outcomes. Reference: `smtp-source -d -s {sessions}`
sending one rendered email as the adapter writes it (the cart reminder, {int(size):,} bytes) {int(refm):,} times
into the same sink; the median of {len(ref_runs.split())} runs (s: {" ".join(f"{float(x):.2f}" for x in ref_runs.split())}).

| | what | messages/s | ratio to smtp-source (goal ≥ 0.5) |
|---|---|---|---|
| reference: smtp-source | {int(refm):,} messages in {float(refs):.2f} s | {ref:,.0f} | 1 |
""" + "\n".join(rows) + "\n")
PY
cat "$work/section.md"
bench/write-section.py campaign < "$work/section.md"
