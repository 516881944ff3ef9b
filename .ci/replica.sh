#!/usr/bin/env bash
# A streaming replica of the local PostgreSQL 15 cluster ("main", never stopped
# or restarted here), as a second cluster on $REPLICA_PORT (default 5433).
#   .ci/replica.sh start   allows replication on the loopback (a pg_hba line and a
#                          reload of main), base-backs-up main (pg_basebackup -R)
#                          into a new cluster and starts it as a hot standby
#   .ci/replica.sh stop    stops the replica cluster and drops it
# No replication slot: nothing stays behind on main once the replica is gone.
set -euo pipefail
action=${1:?start or stop}
version=${PG_VERSION:-15}
cluster=${REPLICA_CLUSTER:-replica}
port=${REPLICA_PORT:-5433}
main_port=${PGPORT:-5432}
hba=/etc/postgresql/$version/main/pg_hba.conf
line="host replication postgres 127.0.0.1/32 trust"

case "$action" in
start)
  if pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$version/$cluster"; then
    echo "cluster $version/$cluster exists already: run '$0 stop' first" >&2
    exit 1
  fi
  level=$(psql -h 127.0.0.1 -p "$main_port" -U postgres -Atc "show wal_level")
  if [ "$level" = minimal ]; then
    echo "main has wal_level=minimal: a replica needs 'replica' (a restart of main, not done here)" >&2
    exit 1
  fi
  if ! grep -qxF "$line" "$hba"; then
    echo "$line" >>"$hba"
    psql -h 127.0.0.1 -p "$main_port" -U postgres -Atc "select pg_reload_conf()" >/dev/null
  fi
  pg_createcluster "$version" "$cluster" --port "$port" -- --auth-local=trust --auth-host=trust >/dev/null
  # a start that fails halfway leaves no cluster behind
  trap 'pg_ctlcluster "$version" "$cluster" stop -m immediate 2>/dev/null; pg_dropcluster "$version" "$cluster" 2>/dev/null' ERR
  data=/var/lib/postgresql/$version/$cluster
  rm -rf "${data:?}"/*
  runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p "$main_port" -U postgres -D "$data" -R -X stream -c fast
  pg_ctlcluster "$version" "$cluster" start
  for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p "$port" -q && break; sleep 0.5; done
  pg_isready -h 127.0.0.1 -p "$port"
  ;;
stop)
  if pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$version/$cluster"; then
    pg_ctlcluster "$version" "$cluster" stop -m fast 2>/dev/null || true
    pg_dropcluster "$version" "$cluster"
  fi
  ;;
*)
  echo "usage: $0 start|stop" >&2
  exit 2
  ;;
esac
