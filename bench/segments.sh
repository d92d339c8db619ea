#!/usr/bin/env bash
# Benchmark: segment preview counts on 1M customers and 10M orders in PostgreSQL. For three segments of
# config/segments (lapsed-regulars, big-spenders-90d, abandoned-carts-over-20) Boomerang's preview endpoint counts
# the audience as of 2026-01-01; the same question written by hand in SQL runs through psql in the same run,
# alternating with it. Writes the medians of RUNS runs into BENCHMARKS.md.
#
#   bench/segments.sh                                          # 1M customers, 10M orders, 7 runs
#   CUSTOMERS=10000 ORDERS=100000 RUNS=3 bench/segments.sh     # a quick try
#   KEEP_DB=1 bench/segments.sh                                # keep the database for the next run (about 3 GB)
#
# The data is generated inside PostgreSQL (bench/segments-data.sql) into database $DB, made again when its size
# differs. Heavy steps take /tmp/boomerang-bench.lock so that benchmarks on this machine do not overlap.
# Needs PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432, user postgres), psql, curl, python3 and a JDK >= 21.
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-1000000}
ORDERS=${ORDERS:-10000000}
RUNS=${RUNS:-7}
DB=${DB:-boomerang_bench_segment}
PORT=${PORT:-18093}
LOCK=/tmp/boomerang-bench.lock
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export JAVA_HOME=$(.ci/java-home.sh)
AS_OF=2026-01-01T00:00:00Z
mkdir -p target/bench

[ -f target/boomerang.jar ] || ./mvnw -B -ntp -DskipTests package

BOOMERANG_ENV=(SPRING_PROFILES_ACTIVE=postgres BOOMERANG_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" BOOMERANG_DB_USER=$PGUSER
  BOOMERANG_ADMIN_PASSWORD=bench-password)
boomerang_env() { env "${BOOMERANG_ENV[@]}" "$@"; }

# the store: schema by Flyway (through the command line), data by SQL
if [ "$(psql -tA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  psql -q -d postgres -c "CREATE DATABASE $DB"
fi
boomerang_env "$JAVA_HOME/bin/java" -jar target/boomerang.jar segments validate >/dev/null
have=$(psql -tA -d $DB -c "SELECT (SELECT COUNT(*) FROM customer) || '/' || (SELECT COUNT(*) FROM orders)")
if [ "$have" != "$CUSTOMERS/$ORDERS" ]; then
  echo "generating $CUSTOMERS customers and $ORDERS orders in $DB ..."
  t0=$(date +%s)
  flock "$LOCK" psql -q -d $DB -v customers="$CUSTOMERS" -v orders="$ORDERS" -f bench/segments-data.sql >/dev/null
  echo "generated in $(( $(date +%s) - t0 )) s"
fi

# the same three questions, by hand: what a developer who knows the schema would write for psql
read -r -d '' LAPSED <<SQL || true
SELECT COUNT(*) FROM customer c
CROSS JOIN LATERAL (SELECT COUNT(*) AS n, SUM(o.total) AS spent FROM orders o
                    WHERE o.customer_id = c.id AND o.placed_at > TIMESTAMPTZ '$AS_OF' - INTERVAL '365 days'
                      AND o.placed_at <= TIMESTAMPTZ '$AS_OF') y
WHERE c.last_order_at < TIMESTAMPTZ '$AS_OF' - INTERVAL '60 days' AND c.last_order_at > TIMESTAMPTZ '$AS_OF' - INTERVAL '180 days'
  AND y.n >= 2 AND y.spent >= 100
  AND c.email_consent AND c.email IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.channel = 'email' AND s.address = c.email);
SQL
read -r -d '' BIG <<SQL || true
SELECT COUNT(*) FROM (SELECT o.customer_id FROM orders o
                      WHERE o.placed_at > TIMESTAMPTZ '$AS_OF' - INTERVAL '90 days' AND o.placed_at <= TIMESTAMPTZ '$AS_OF'
                      GROUP BY o.customer_id HAVING SUM(o.total) >= 150) big;
SQL
read -r -d '' CARTS <<SQL || true
SELECT COUNT(*) FROM customer c
WHERE EXISTS (SELECT 1 FROM cart k WHERE k.customer_id = c.id AND k.status IN ('open', 'abandoned')
                AND k.updated_at <= TIMESTAMPTZ '$AS_OF' - INTERVAL '1 hour' AND k.total >= 20)
  AND c.email_consent AND c.email IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.channel = 'email' AND s.address = c.email);
SQL
SEGMENTS=(lapsed-regulars big-spenders-90d abandoned-carts-over-20)
QUERIES=("$LAPSED" "$BIG" "$CARTS")

log=target/bench/segments-server.log
if curl -s "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; then
  echo "something already listens on port $PORT; set PORT" >&2; exit 1
fi
# env execs java: $! is the server's own process id, which the trap below can stop
env "${BOOMERANG_ENV[@]}" "$JAVA_HOME/bin/java" -Xmx1g -jar target/boomerang.jar --server.port=$PORT >"$log" 2>&1 &
server=$!
stop_server() {
  kill $server 2>/dev/null || return 0
  for _ in $(seq 1 30); do kill -0 $server 2>/dev/null || return 0; sleep 1; done
  kill -9 $server 2>/dev/null || true
}
trap stop_server EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
  sleep 1
done

# psql's own timing of a statement: "COUNT MS"
psql_ms() { psql -q -d $DB -At -c '\timing on' -c "$1" | awk '/^Time:/ { t = $2 } /^[0-9]+$/ { c = $1 } END { print c, t }'; }
preview() { curl -fs -u admin:bench-password "http://127.0.0.1:$PORT/api/admin/segments/$1/preview?asOf=$AS_OF"; }
field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
now_ms() { date +%s%3N; }

exec 9>"$LOCK"
echo "waiting for $LOCK ..."; flock 9   # one benchmark at a time on this machine, for the whole measurement
declare -A hand ours whole counts refcounts
for i in "${!SEGMENTS[@]}"; do
  s=${SEGMENTS[$i]}
  preview "$s" >/dev/null; psql_ms "${QUERIES[$i]}" >/dev/null   # warm both: caches, JIT, plans
  for run in $(seq 1 "$RUNS"); do
    read -r refcount ref < <(psql_ms "${QUERIES[$i]}")
    t0=$(now_ms); json=$(preview "$s"); t1=$(now_ms)
    count=$(echo "$json" | field count); millis=$(echo "$json" | field countMillis)
    hand[$s]+="$ref "; ours[$s]+="$millis "; whole[$s]+="$((t1 - t0)) "
    [ "$count" = "$refcount" ] || { echo "$s: Boomerang counts $count, the hand-written query $refcount" >&2; exit 1; }
    counts[$s]=$count
    echo "$s run $run: $count members; hand-written $ref ms, Boomerang count $millis ms, whole preview $((t1 - t0)) ms"
  done
done
flock -u 9

median() { printf '%s\n' $@ | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
fmt() { LC_ALL=C awk -v x="$1" 'BEGIN { printf "%.0f", x }'; }
commas() { printf "%d" "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
rows=""
for s in "${SEGMENTS[@]}"; do
  h=$(median ${hand[$s]}); o=$(median ${ours[$s]}); w=$(median ${whole[$s]})
  ratio=$(LC_ALL=C awk -v a="$o" -v b="$h" 'BEGIN { printf "%.2f", a / b }')
  rows+="| \`$s\` | $(commas "${counts[$s]}") | $(fmt "$h") ms | $(fmt "$o") ms | **$ratio** | $(fmt "$w") ms | $(for x in ${hand[$s]}; do printf '%s ' "$(fmt "$x")"; done)/ $(echo ${ours[$s]}) |
"
  echo "$s: hand-written $h ms, Boomerang $o ms (ratio $ratio), whole preview $w ms"
done

section=$(cat <<MD
## Segments: preview counts on $(commas "$CUSTOMERS") customers and $(commas "$ORDERS") orders in PostgreSQL

Command: \`bench/segments.sh\` (CUSTOMERS=$CUSTOMERS ORDERS=$ORDERS RUNS=$RUNS), $(date -u +%Y-%m-%d), as of $AS_OF.
Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB;
$(psql -tA -d postgres -c 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /'), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1).
Data (bench/segments-data.sql): orders spread over 2024-2025 as in the import benchmark, $(commas $((CUSTOMERS / 4))) carts,
70% email consent, 1% of emails suppressed. The segments are the ones shipped in \`config/segments/\`.

Reference: the same question written by hand (in \`bench/segments.sh\`), timed by psql's \`\\timing\`. Boomerang: the
count statement of \`GET /api/admin/segments/ID/preview\`, timed by the server around the JDBC call (the
\`countMillis\` of the answer); the whole request (count, sample of 20, JSON, HTTP) is shown beside it. Both alternate
in one run on one server; medians of $RUNS runs.

| segment | members | hand-written (psql) | Boomerang count | ratio | whole preview | runs (ms): hand-written / Boomerang |
|---|---|---|---|---|---|---|
$rows
Goal: a ratio of at most 1.2 and a count under 1 s.
MD
)
printf '%s\n' "$section" | bench/write-section.py segments
echo "BENCHMARKS.md updated"
if [ -z "${KEEP_DB:-}" ]; then
  stop_server
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  echo "dropped $DB (KEEP_DB=1 keeps it)"
fi
