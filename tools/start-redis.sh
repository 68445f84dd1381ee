#!/usr/bin/env bash
# Starts a private Redis for callfloor's distributed sweeps (Debian's redis-server) on a free
# port, daemonized, with its pid file, log and nothing saved to disk. Prints the address to
# give to --queue, e.g. redis://127.0.0.1:6390. Stop it with tools/stop-redis.sh PORT.
#
#   tools/start-redis.sh          # first free port from 6390
#   tools/start-redis.sh 7000     # this port (fails if taken)
#
# State lives in ${CALLFLOOR_REDIS_DIR:-${TMPDIR:-/tmp}/callfloor-redis}/PORT/ (redis.pid, redis.log).
set -euo pipefail

if ! command -v redis-server >/dev/null 2>&1; then
  echo "start-redis: redis-server is not installed — install it (Debian/Ubuntu: sudo apt-get install redis-server) and try again." >&2
  exit 3
fi

base_dir="${CALLFLOOR_REDIS_DIR:-${TMPDIR:-/tmp}/callfloor-redis}"

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if [ $# -ge 1 ]; then
  port="$1"
  if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
    echo "start-redis: the port must be a number from 1 to 65535, got '$port'." >&2
    exit 2
  fi
  if port_in_use "$port"; then
    echo "start-redis: port $port is taken — give another port, or none to pick a free one." >&2
    exit 2
  fi
else
  port=6390
  while port_in_use "$port"; do
    port=$((port + 1))
    if [ "$port" -gt 6490 ]; then
      echo "start-redis: no free port from 6390 to 6490 — give one: tools/start-redis.sh PORT." >&2
      exit 2
    fi
  done
fi

dir="$base_dir/$port"
mkdir -p "$dir"
redis-server --port "$port" --bind 127.0.0.1 --daemonize yes \
  --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" \
  --save "" --appendonly no >/dev/null

# Wait until it answers (up to 5 s).
for _ in $(seq 1 50); do
  if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then
    echo "redis://127.0.0.1:$port"
    exit 0
  fi
  sleep 0.1
done
echo "start-redis: redis-server did not answer on port $port within 5 s; see $dir/redis.log." >&2
exit 1
