#!/usr/bin/env bash
# Benchmark: fitting BG/NBD and Gamma-Gamma to 1M customers on PostgreSQL through Boomerang's command line
# (`insight fit`, JVM under -Xmx256m), against the unavoidable data scan: one psql query that reads every order
# once and counts each customer's purchase days. Also writes every customer's predictions, timed apart.
# The history is simulated from BG/NBD and Gamma-Gamma with known parameters, so parameter recovery is reported.
# Writes its section of BENCHMARKS.md (medians of RUNS runs).
#
#   bench/insight-fit.sh                          # 1M customers, 3 runs
#   CUSTOMERS=20000 RUNS=1 bench/insight-fit.sh   # a quick try
#
# Needs PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432, user postgres), psql, python3, flock and a JDK >= 21.
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-1000000}
RUNS=${RUNS:-3}
HEAP=${HEAP:-256m}
SEED=${SEED:-20260101}
# the simulated truth: BG/NBD r, alpha (weeks), a, b; Gamma-Gamma p, q, gamma
TRUE_R=0.5 TRUE_ALPHA=8 TRUE_A=0.8 TRUE_B=2.5 TRUE_P=6 TRUE_Q=4 TRUE_GAMMA=15
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=boomerang_bench_insight
export JAVA_HOME=$(.ci/java-home.sh)
work=target/bench-insight
mkdir -p "$work"
LOCK=/tmp/boomerang-bench.lock

[ -f target/boomerang.jar ] || ./mvnw -B -ntp -DskipTests package
cp target/boomerang.jar "$work/boomerang.jar"   # a build during the runs cannot change what is measured

data="$work/history-$CUSTOMERS-$SEED"
if [ ! -f "$data.orders.tsv" ]; then
  echo "simulating $CUSTOMERS customers ..."
  # First purchases uniformly over 2024, observed to the end of 2025. While alive a customer buys at rate
  # lambda ~ Gamma(r, alpha) per week and drops out after each repeat purchase with probability p ~ Beta(a, b);
  # each purchase is worth Gamma(p, nu) with nu ~ Gamma(q, gamma) per customer.
  python3 - "$CUSTOMERS" "$SEED" "$data" $TRUE_R $TRUE_ALPHA $TRUE_A $TRUE_B $TRUE_P $TRUE_Q $TRUE_GAMMA <<'PY'
import random, sys, datetime
n, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
r, alpha, a, b, p, q, gamma = map(float, sys.argv[4:11])
rng = random.Random(seed)
start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
end_weeks = (datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc) - start).total_seconds() / 604800
order_no = 0
with open(out + ".customers.tsv", "w") as cf, open(out + ".orders.tsv", "w") as of:
    for c in range(1, n + 1):
        cf.write(f"{c}\tC{c:07d}\t2024-01-01 00:00:00+00\t2024-01-01 00:00:00+00\n")
        lam = rng.gammavariate(r, 1 / alpha)
        drop = rng.betavariate(a, b)
        nu = rng.gammavariate(q, 1 / gamma)
        order_no_of_customer = 0
        t = rng.random() * 366 / 7          # the first purchase, in weeks after 2024-01-01
        while True:                          # a purchase at t
            order_no += 1
            value = rng.gammavariate(p, 1 / nu)
            of.write(f"{order_no}\tO{order_no:09d}\t{c}\t{start + datetime.timedelta(weeks=t):%Y-%m-%d %H:%M:%S}+00"
                     f"\t{value:.2f}\tUSD\t2024-01-01 00:00:00+00\n")
            if order_no_of_customer > 0 and rng.random() < drop:
                break                        # dropped out after this repeat purchase
            order_no_of_customer += 1
            t += rng.expovariate(lam)
            if t >= end_weeks:
                break
PY
fi
orders=$(wc -l < "$data.orders.tsv")
echo "$CUSTOMERS customers, $orders orders"

boomerang() {
  SPRING_PROFILES_ACTIVE=postgres BOOMERANG_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" BOOMERANG_DB_USER=$PGUSER \
    "$JAVA_HOME/bin/java" -Xmx$HEAP -jar "$work/boomerang.jar" "$@"
}
now() { date +%s.%N; }

scan_times=(); fit_times=(); predict_times=(); total_times=(); rss=()
cleanup() { psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup EXIT
(
  flock 9
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  boomerang insight rfm >/dev/null                    # creates the schema (Flyway) on the empty database
  psql -q -d $DB -c "\\copy customer (id, external_id, created_at, updated_at) FROM '$(realpath "$data.customers.tsv")'" \
    -c "\\copy orders (id, external_id, customer_id, placed_at, total, currency, created_at) FROM '$(realpath "$data.orders.tsv")'" \
    -c "ANALYZE customer" -c "ANALYZE orders" -c "CHECKPOINT"
) 9>"$LOCK"

for run in $(seq 1 "$RUNS"); do
  (
    flock 9
    t0=$(now)
    psql -q -d $DB -o /dev/null -c "SET work_mem = '256MB'" \
      -c "SELECT customer_id, COUNT(DISTINCT CAST(placed_at AT TIME ZONE 'UTC' AS DATE)) FROM orders GROUP BY customer_id"
    t1=$(now)
    /usr/bin/time -f "%M" -o "$work/rss" \
      env SPRING_PROFILES_ACTIVE=postgres BOOMERANG_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" BOOMERANG_DB_USER=$PGUSER \
      "$JAVA_HOME/bin/java" -Xmx$HEAP -jar "$work/boomerang.jar" insight fit --as-of 2025-12-31 > "$work/fit-$run.txt"
    t2=$(now)
    echo "$(echo "$t1 - $t0" | bc) $(echo "$t2 - $t1" | bc) $(cat "$work/rss")" > "$work/times-$run"
  ) 9>"$LOCK"
  read -r scan total kb < "$work/times-$run"
  cat "$work/fit-$run.txt"
  fit=$(sed -n 's/^fitted in \([0-9.]*\) s.*/\1/p' "$work/fit-$run.txt")
  predict=$(sed -n 's/.* written in \([0-9.]*\) s$/\1/p' "$work/fit-$run.txt")
  scan_times+=("$scan"); total_times+=("$total"); fit_times+=("$fit"); predict_times+=("$predict"); rss+=("$kb")
  echo "run $run: scan $scan s, insight fit $fit s (+ predictions $predict s; process $total s, max RSS $((kb / 1024)) MB)"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
commas() { printf "%d" "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
ratio_of() { LC_ALL=C awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
fmt() { LC_ALL=C awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }
list() { local s=""; for x in "$@"; do s+="$(fmt "$x") "; done; echo "$s"; }
scan_s=$(median "${scan_times[@]}"); fit_s=$(median "${fit_times[@]}"); predict_s=$(median "${predict_times[@]}")
total_s=$(median "${total_times[@]}"); rss_mb=$(( $(median "${rss[@]}") / 1024 ))
ratio=$(ratio_of "$fit_s" "$scan_s"); per_run=""
for i in "${!scan_times[@]}"; do per_run+="$(ratio_of "${fit_times[$i]}" "${scan_times[$i]}") "; done
last="$work/fit-$RUNS.txt"
param() { sed -n "s/.* $1 = \([0-9.]*\).*/\1/p" "$last" | head -1; }
groups=$(sed -n 's/.*(\([0-9,]*\) groups).*/\1/p' "$last")
echo "median: scan $scan_s s, fit $fit_s s (ratio $ratio), predictions $predict_s s, process $total_s s, RSS $rss_mb MB"

section=$(cat <<MD
## Model fit: BG/NBD and Gamma-Gamma on $(commas "$CUSTOMERS") customers ($(commas "$orders") orders), PostgreSQL

Command: \`bench/insight-fit.sh\` (CUSTOMERS=$CUSTOMERS RUNS=$RUNS HEAP=$HEAP), $(date -u +%Y-%m-%d).
Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB;
$(psql -tA -d postgres -c 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /'), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1).
History simulated from BG/NBD (r = $TRUE_R, alpha = $TRUE_ALPHA, a = $TRUE_A, b = $TRUE_B) and Gamma-Gamma
(p = $TRUE_P, q = $TRUE_Q, gamma = $TRUE_GAMMA): first purchases over 2024, observed to 2025-12-31.

| | median of $RUNS runs | runs (s) |
|---|---|---|
| reference: the data scan, \`SELECT customer_id, COUNT(DISTINCT CAST(placed_at AT TIME ZONE 'UTC' AS DATE)) FROM orders GROUP BY customer_id\` in psql | $(fmt "$scan_s") s | $(list "${scan_times[@]}")|
| \`insight fit\`: summarize every customer from \`orders\` (x, t_x, T, repeat spend), group the sufficient statistics, fit both models | $(fmt "$fit_s") s | $(list "${fit_times[@]}")|
| then: write every customer's predictions (P(alive), 4 horizons, expected spend, CLV, CLV rank) | $(fmt "$predict_s") s | $(list "${predict_times[@]}")|
| the whole command (JVM start to exit, \`-Xmx$HEAP\`; max resident set $rss_mb MB) | $(fmt "$total_s") s | $(list "${total_times[@]}")|

**Ratio (fit time ÷ data scan time), median: $ratio** (goal: fit under 30 s); per run: $per_run.
The fit held no per-customer object: the likelihoods ran over $groups distinct (x, t_x, T) groups in primitive arrays,
and predictions are written in chunks of 10,000 customers, all under a $HEAP heap.

Parameter recovery (last run): BG/NBD r = $(param r) (true $TRUE_R), alpha = $(param alpha) ($TRUE_ALPHA), a = $(param a) ($TRUE_A),
b = $(param b) ($TRUE_B); Gamma-Gamma p = $(param p) ($TRUE_P), q = $(param q) ($TRUE_Q), gamma = $(param gamma) ($TRUE_GAMMA).
MD
)
printf '%s\n' "$section" | bench/write-section.py insight-fit
