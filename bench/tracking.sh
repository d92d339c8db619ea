#!/usr/bin/env bash
# Benchmark: the tracking endpoints under wrk, next to a trivial endpoint of the same app under the same load.
# A node on PostgreSQL sends a real campaign (we-miss-you to MESSAGES customers, into the outbox); the open-pixel
# and click links are read out of the emails it wrote, and wrk fetches them (cycling through all of them) from
# GET /t/o/TOKEN, GET /t/c/TOKEN and GET /t/ping (204, nothing behind it). After a graceful stop the stored open
# and click events are counted against the requests wrk made. Writes BENCHMARKS.md.
#
#   bench/tracking.sh                                  # 3 runs of 30 s per endpoint
#   DURATION=3s RUNS=1 WARMUP=2s bench/tracking.sh     # a quick try (writes BENCHMARKS.md too: restore it)
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and wrk (Debian's: apt-get install -y wrk). The measured
# steps run under flock /tmp/boomerang-bench.lock, so benchmarks on this machine do not overlap.
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-2000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
HTTP=${HTTP:-18482}
DB=boomerang_bench_tracking
export JAVA_HOME=$(.ci/java-home.sh)
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work=$(pwd)/target/bench/tracking
rm -rf "$work" && mkdir -p "$work/config/campaigns"
psql_() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
base="http://127.0.0.1:$HTTP"

./mvnw -B -ntp -q -DskipTests package
cat > "$work/config/campaigns/bench.yml" <<'YML'
id: bench
name: Tracking benchmark
segment: { rule: { consent: email } }
channel: email
template: we-miss-you
discount: { percent: 15, expires-in: 14d }
YML

# cycles through the paths in the file $PATHS (each thread from its own place) and counts the requests it sent:
# a request still in flight when wrk stops is sent but not counted as made, and the server may yet answer it
cat > "$work/paths.lua" <<'LUA'
local threads = {}
local made = 0
function setup(thread)
  made = made + 1
  thread:set("id", made)
  table.insert(threads, thread)
end
function init(args)
  paths = {}
  for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
  sent = 0
  offset = (id * 7919) % #paths
end
function request()
  sent = sent + 1
  return wrk.format("GET", paths[(offset + sent) % #paths + 1])
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("sent") end
  io.write(string.format("sent %d\n", total))
end
LUA

node=""
trap '[ -n "$node" ] && kill $node 2>/dev/null || true' EXIT
start_node() {
  (cd "$work" && SPRING_PROFILES_ACTIVE=postgres BOOMERANG_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
    BOOMERANG_DB_USER=postgres BOOMERANG_DB_PASSWORD= BOOMERANG_ADMIN_PASSWORD=bench BOOMERANG_PUBLIC_URL="$base" \
    BOOMERANG_TEMPLATE_INSTALL_EXAMPLES=true BOOMERANG_CHANNELS_EMAIL_ADAPTER=outbox \
    BOOMERANG_CHANNELS_OUTBOX_DIRECTORY="$work/outbox" BOOMERANG_TEMPLATE_STORE_URL="https://shop.example.com/?utm_source=boomerang" \
    exec "$JAVA_HOME/bin/java" -jar ../../boomerang.jar --server.port=$HTTP > "$work/node.log" 2>&1) &
  node=$!
  for _ in $(seq 1 300); do
    curl -sf -u admin:bench "$base/api/admin/campaigns" >/dev/null && return 0
    sleep 0.5
  done
  echo "the node did not start; see $work/node.log" >&2; exit 1
}

# a store with best sellers (so each email links to the store and to recommended products) and a sent campaign
psql_ -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
start_node
psql_ -d "$DB" -c "INSERT INTO customer (external_id, email, first_name, locale, time_zone, email_consent, created_at, updated_at)
    SELECT 'T' || i, 't' || i || '@example.com', 'Ann', 'en-US', 'Europe/Warsaw', true, now(), now()
    FROM generate_series(1, $MESSAGES) i" \
  -c "INSERT INTO product (sku, name, price, url, updated_at)
    SELECT 'p' || i, 'Beans ' || i, 10 + i, 'https://shop.example.com/p/' || i || '?ref=email', now() FROM generate_series(1, 4) i" \
  -c "INSERT INTO orders (external_id, customer_id, placed_at, total, currency, created_at)
    SELECT 'o1', min(id), now(), 50, 'USD', now() FROM customer" \
  -c "INSERT INTO order_item (order_id, sku, name, quantity, price) SELECT o.id, p.sku, p.name, 1, p.price FROM orders o, product p"
id=$(curl -sf -u admin:bench -H 'Content-Type: application/json' -d '{}' "$base/api/admin/campaigns/bench/runs" \
  | python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
while true; do
  status=$(curl -sf -u admin:bench "$base/api/admin/campaigns/bench/runs/$id")
  case "$status" in *'"status":"COMPLETED"'*) break;; *'"status":"FAILED"'*) echo "the run failed: $status" >&2; exit 1;; esac
  sleep 1
done

# the links as a mail client sees them
python3 - "$work/outbox/email" "$base" "$work" <<'PY'
import email, glob, re, sys
from email import policy
folder, base, work = sys.argv[1:4]
opens, clicks = set(), set()
for path in glob.glob(folder + "/*.eml"):
    message = email.message_from_binary_file(open(path, "rb"), policy=policy.default)
    html = message.get_body(("html",)).get_content()
    opens.update(re.findall(re.escape(base) + r"(/t/o/[A-Za-z0-9._-]+)", html))
    clicks.update(re.findall(re.escape(base) + r"(/t/c/[A-Za-z0-9._-]+)", html))
for name, paths in (("open", opens), ("click", clicks), ("ping", {"/t/ping"})):
    open(f"{work}/{name}.paths", "w").write("\n".join(sorted(paths)) + "\n")
print(f"{len(opens)} open links, {len(clicks)} click links")
PY

wrk_() { # $1: endpoint, $2: duration; sets rate, made (answered), sent; counts opens and clicks
  PATHS="$work/$1.paths" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" -s "$work/paths.lua" "$base" > "$work/last.out"
  cat "$work/last.out" >> "$work/wrk.log"
  if grep -q "Non-2xx or 3xx" "$work/last.out"; then echo "$1: wrong answers; see $work/wrk.log" >&2; exit 1; fi
  rate=$(awk '/^Requests\/sec/ {print $2}' "$work/last.out")
  made=$(awk '/requests in/ {print $1}' "$work/last.out")
  sent=$(awk '/^sent / {print $2}' "$work/last.out")
  errors=$(sed -n 's/.*Socket errors: //p' "$work/last.out")
  if [ "$1" != ping ]; then
    answered[$1]=$((answered[$1] + made)); in_flight[$1]=$((in_flight[$1] + sent - made))
  fi
}

exec 9>/tmp/boomerang-bench.lock
flock 9
declare -A answered=([open]=0 [click]=0) in_flight=([open]=0 [click]=0)
rates=()
for endpoint in ping open click; do          # warm up the JIT; these requests' events are counted too
  wrk_ $endpoint "$WARMUP"
done
for run in $(seq 1 "$RUNS"); do
  line="$run"
  for endpoint in ping open click; do
    wrk_ $endpoint "$DURATION"
    line="$line $rate"
    echo "run $run, $endpoint: $rate requests/s ($made answered, $((sent - made)) in flight at the end${errors:+, socket errors $errors})"
  done
  rates+=("$line")
done
kill -TERM $node; wait $node 2>/dev/null || true; node=""   # graceful: the event log writes what it holds
flock -u 9
stored_open=$(psql_ -d "$DB" -c "SELECT count(*) FROM engagement_event WHERE kind = 'opened'")
stored_click=$(psql_ -d "$DB" -c "SELECT count(*) FROM engagement_event WHERE kind = 'clicked'")
echo "opens: ${answered[open]} answered, ${in_flight[open]} in flight, $stored_open stored;" \
  "clicks: ${answered[click]} answered, ${in_flight[click]} in flight, $stored_click stored"

python3 - "$MESSAGES" "$RUNS" "$DURATION" "$WARMUP" "$THREADS" "$CONNECTIONS" \
  "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" "$(wc -l < "$work/open.paths") $(wc -l < "$work/click.paths")" \
  "${answered[open]} ${in_flight[open]} $stored_open" "${answered[click]} ${in_flight[click]} $stored_click" "${rates[@]}" \
  <<'PY' > "$work/section.md"
import sys, statistics, datetime, os
messages, runs, duration, warmup, threads, connections, java, links, opens, clicks = sys.argv[1:11]
table = [r.split() for r in sys.argv[11:]]
ping, opn, clk = ([float(r[i]) for r in table] for i in (1, 2, 3))
cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
fmt = lambda x: f"{x:,.0f}"
mp = statistics.median(ping)
def row(name, rates):
    m = statistics.median(rates)
    goal = "met" if m / mp >= 0.7 else "**missed**"
    return f"| {name} | {fmt(m)} | {m / mp:.2f} ({goal}) | {' '.join(fmt(x) for x in rates)} |"
def events(name, counts):
    answered, in_flight, stored = (int(x) for x in counts.split())
    ok = "none lost" if answered <= stored <= answered + in_flight else "**mismatch**"
    return f"| {name} | {answered:,} | {in_flight:,} | {stored:,} | {ok} |"
n_open, n_click = links.split()
print(f"""## Tracking endpoints under wrk: open pixel and click redirect

Command: `bench/tracking.sh` (RUNS={runs} DURATION={duration} WARMUP={warmup} THREADS={threads} CONNECTIONS={connections} MESSAGES={messages}), {datetime.date.today()}.
Machine: {os.cpu_count()} cores ({cpu}), {mem} GiB; {java}; wrk, PostgreSQL and the JVM share the cores.
The links are those of a real campaign ({messages} emails, we-miss-you): wrk cycles through all {int(n_open):,} open and
{int(n_click):,} click links. An open verifies its token and queues an event; a click also finds the target its
token names (link_target, kept in memory once read: the campaign's emails share a few targets) and answers 302. Reference: `GET /t/ping` (204, nothing behind it) of the same app.

| requests per second | median of {runs} runs | ratio to the trivial endpoint (goal ≥ 0.7) | runs |
|---|---|---|---|
| reference: `GET /t/ping` | {fmt(mp)} | 1 | {' '.join(fmt(x) for x in ping)} |
""" + row("`GET /t/o/TOKEN` (open pixel)", opn) + "\n" + row("`GET /t/c/TOKEN` (click redirect)", clk) + f"""

Events stored after a graceful stop, against the requests wrk made (warm-up included). A request wrk sent but
had no answer for when it stopped (in flight) may or may not have been served; stored must lie between answered
and answered + in flight.

| events | answered | in flight when wrk stopped | stored | |
|---|---|---|---|---|
""" + events("opened", opens) + "\n" + events("clicked", clicks) + "\n")
PY
cat "$work/section.md"
bench/write-section.py tracking < "$work/section.md"
