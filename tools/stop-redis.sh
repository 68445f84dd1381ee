#!/usr/bin/env bash
# Stops a Redis started by tools/start-redis.sh: tools/stop-redis.sh PORT (or the redis:// address).
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "stop-redis: give the port (or address) start-redis.sh printed, e.g. tools/stop-redis.sh 6390." >&2
  exit 2
fi
port="${1##*:}"
port="${port%%/*}"
dir="${CALLFLOOR_REDIS_DIR:-${TMPDIR:-/tmp}/callfloor-redis}/$port"
pidfile="$dir/redis.pid"
if [ ! -f "$pidfile" ]; then
  echo "stop-redis: no Redis started by start-redis.sh on port $port (no $pidfile)." >&2
  exit 2
fi
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  kill "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
fi
rm -f "$pidfile"
echo "stopped redis on port $port"
