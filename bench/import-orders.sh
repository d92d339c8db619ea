#!/usr/bin/env bash
# Benchmark: 10M generated orders for 1M customers imported into PostgreSQL through Boomerang's command line,
# against psql's \copy of the same file into a table of the file's shape with the same indexes, in the same
# run on the same server. Writes the figures into BENCHMARKS.md (medians of RUNS runs).
#
#   bench/import-orders.sh                      # 1M customers, 10M orders, 3 runs
#   CUSTOMERS=10000 ORDERS=100000 RUNS=1 bench/import-orders.sh   # a quick try
#
# Needs PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432, user postgres), psql, gawk, bc and a JDK >= 21.
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-1000000}
ORDERS=${ORDERS:-10000000}
RUNS=${RUNS:-3}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=boomerang_bench
export JAVA_HOME=$(.ci/java-home.sh)
work=target/bench
mkdir -p "$work"

[ -f target/boomerang.jar ] || ./mvnw -B -DskipTests package

if [ ! -f "$work/orders-$ORDERS-$CUSTOMERS.csv" ]; then
  echo "generating $CUSTOMERS customers and $ORDERS orders ..."
  awk -v n="$CUSTOMERS" 'BEGIN { print "customer_id"; for (i = 1; i <= n; i++) printf "C%07d\n", i }' > "$work/customers-$CUSTOMERS.csv"
  # deterministic: customer, day (two years), minute and amount are spread by co-prime strides
  gawk -v n="$ORDERS" -v c="$CUSTOMERS" 'BEGIN {
    print "order_id,customer_id,placed_at,total,currency"
    for (i = 1; i <= n; i++) {
      d = (i * 37) % 730; m = (i * 113) % 1440
      printf "O%09d,C%07d,%s,%d.%02d,USD\n", i, (i * 7919) % c + 1,
        strftime("%Y-%m-%dT%H:%M:00Z", 1704067200 + d * 86400 + m * 60, 1), (i * 13) % 300, i % 100
    }
  }' > "$work/orders-$ORDERS-$CUSTOMERS.csv"
fi
customers_csv=$(realpath "$work/customers-$CUSTOMERS.csv")
orders_csv=$(realpath "$work/orders-$ORDERS-$CUSTOMERS.csv")

now() { date +%s.%N; }
boomerang() {
  SPRING_PROFILES_ACTIVE=postgres BOOMERANG_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" BOOMERANG_DB_USER=$PGUSER \
    "$JAVA_HOME/bin/java" -jar target/boomerang.jar "$@"
}

copy_times=(); ours_times=()
for run in $(seq 1 "$RUNS"); do
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  boomerang import customers "$customers_csv" 2>&1 | tail -1           # creates the schema, loads the customers
  psql -q -d $DB <<'SQL'
CREATE TABLE copy_reference (order_id VARCHAR(128) NOT NULL, customer_id VARCHAR(128) NOT NULL,
  placed_at TIMESTAMP WITH TIME ZONE NOT NULL, total NUMERIC(18, 4) NOT NULL, currency CHAR(3) NOT NULL,
  CONSTRAINT copy_reference_order_id_key UNIQUE (order_id));
CREATE INDEX copy_reference_customer_placed_idx ON copy_reference (customer_id, placed_at);
CREATE INDEX copy_reference_placed_idx ON copy_reference (placed_at) INCLUDE (customer_id, total);
CHECKPOINT;
SQL
  t0=$(now); psql -q -d $DB -c "\\copy copy_reference FROM '$orders_csv' WITH (FORMAT csv, HEADER true)"; t1=$(now)
  copy_times+=("$(echo "$t1 - $t0" | bc)")
  psql -q -d $DB -c "DROP TABLE copy_reference" -c "CHECKPOINT"
  t0=$(now); boomerang import orders "$orders_csv" 2>&1 | tail -1; t1=$(now)
  ours_times+=("$(echo "$t1 - $t0" | bc)")
  echo "run $run: \\copy ${copy_times[-1]} s, boomerang import ${ours_times[-1]} s"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
commas() { printf "%d" "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
ratio_of() { LC_ALL=C awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
fmt() { LC_ALL=C awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }
copy_s=$(median "${copy_times[@]}"); ours_s=$(median "${ours_times[@]}")
copy_rate=$(echo "$ORDERS / $copy_s" | bc); ours_rate=$(echo "$ORDERS / $ours_s" | bc)
ratio=$(ratio_of "$copy_s" "$ours_s")
per_run=""; copy_list=""; ours_list=""
for i in "${!copy_times[@]}"; do
  per_run+="$(ratio_of "${copy_times[$i]}" "${ours_times[$i]}") "
  copy_list+="$(fmt "${copy_times[$i]}") "; ours_list+="$(fmt "${ours_times[$i]}") "
done
echo "median: \\copy $copy_s s ($copy_rate rows/s), boomerang $ours_s s ($ours_rate rows/s), ratio $ratio (runs: $per_run)"

section=$(cat <<MD
## Import: $(commas "$ORDERS") orders for $(commas "$CUSTOMERS") customers into PostgreSQL

Command: \`bench/import-orders.sh\` (CUSTOMERS=$CUSTOMERS ORDERS=$ORDERS RUNS=$RUNS), $(date -u +%Y-%m-%d).
Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB;
$(psql -tA -d postgres -c 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /'), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1).

| | median of $RUNS runs | rows/s | runs (s) |
|---|---|---|---|
| reference: \`psql \\copy\` of the file into a table of its shape (unique order id, index on customer and time, index on time) | $(fmt "$copy_s") s | $(commas "$copy_rate") | $copy_list|
| \`java -jar target/boomerang.jar import orders\` (JVM start, parse and validate every row, stage, check customers and duplicates, merge into \`orders\` with its keys, build its indexes again (a first import), update every customer's aggregates) | $(fmt "$ours_s") s | $(commas "$ours_rate") | $ours_list|

**Ratio (Boomerang rows/s ÷ \\copy rows/s), median: $ratio** (goal: at least 0.5); per run: $per_run.
MD
)
printf '%s\n' "$section" | bench/write-section.py import-orders
echo "BENCHMARKS.md updated"
