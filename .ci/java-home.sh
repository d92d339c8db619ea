#!/usr/bin/env bash
# Prints a JAVA_HOME with a JDK >= 21: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
# Shared by .ci/run and bench/*.sh.
version_of() { "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(version_of "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  echo "$JAVA_HOME"; exit 0
fi
best=""; best_version=0
for home in /usr/lib/jvm/*/; do
  home=${home%/}
  [ -x "$home/bin/javac" ] || continue
  v=$(version_of "$home"); [ -n "$v" ] || continue
  if [ "$v" -ge 21 ] && [ "$v" -gt "$best_version" ]; then best=$home; best_version=$v; fi
done
[ -n "$best" ] || { echo "no JDK >= 21 found (set JAVA_HOME)" >&2; exit 1; }
echo "$best"
