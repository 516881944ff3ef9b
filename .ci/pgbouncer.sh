#!/usr/bin/env bash
# A PgBouncer in transaction mode in front of the local PostgreSQL, for the
# pooler test run and bench.
#   .ci/pgbouncer.sh start <state-dir>   installs pgbouncer from Debian when missing,
#                                        starts it on $PGBOUNCER_PORT (default 6432)
#   .ci/pgbouncer.sh stop <state-dir>    stops the one started there
# Server: $PGHOST:$PGPORT (default 127.0.0.1:5432), trust auth, user postgres.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?state directory}
port=${PGBOUNCER_PORT:-6432}
server_host=${PGHOST:-127.0.0.1}
server_port=${PGPORT:-5432}

case "$action" in
start)
  if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ]; then
    echo "pgbouncer is missing: installing Debian's package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq pgbouncer >/dev/null
  fi
  bin=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken: set PGBOUNCER_PORT to a free one" >&2
    exit 1
  fi
  mkdir -p "$dir"
  echo '"postgres" ""' >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=$server_host port=$server_port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 200
default_pool_size = 10
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
  # pgbouncer refuses to run as root
  chown -R postgres "$dir"
  runuser -u postgres -- "$bin" -d "$dir/pgbouncer.ini"
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p "$port" -q && break; sleep 0.2; done
  pg_isready -h 127.0.0.1 -p "$port"
  ;;
stop)
  if [ -f "$dir/pgbouncer.pid" ]; then
    pid=$(cat "$dir/pgbouncer.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/pgbouncer.pid"
  fi
  ;;
*)
  echo "usage: $0 start|stop <state-dir>" >&2
  exit 2
  ;;
esac
