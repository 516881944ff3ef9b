#!/usr/bin/env bash
# A streaming replica of the local PostgreSQL 15 cluster ("main", never stopped
# or restarted here), as a second cluster on $REPLICA_PORT (default 5433).
#   .ci/replica.sh start   allows replication on the loopback (a pg_hba line and a
#                          reload of main), base-backs-up main (pg_basebackup -R)
#                          into a new cluster and starts it as a hot standby
#   .ci/replica.sh stop    stops the replica cluster and drops it
# A physical replication slot on main keeps the WAL the replica still needs (a
# busy main recycles it within seconds); stop drops it, and start drops a
# leftover of the same name first, so main never retains WAL for a gone replica.
set -euo pipefail
action=${1:?start or stop}
version=${PG_VERSION:-15}
cluster=${REPLICA_CLUSTER:-replica}
port=${REPLICA_PORT:-5433}
main_port=${PGPORT:-5432}
slot=${REPLICA_SLOT:-rdb_ci_$cluster}
main_sql() { psql -h 127.0.0.1 -p "$main_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atc "$1"; }
# the slot stays active until main's WAL sender notices the replica is gone
drop_slot() {
  for _ in $(seq 1 40); do
    [ "$(main_sql "select count(*) from pg_replication_slots where slot_name = '$slot' and active")" = 0 ] && break
    sleep 0.5
  done
  main_sql "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '$slot'" >/dev/null
}
hba=/etc/postgresql/$version/main/pg_hba.conf
line="host replication postgres 127.0.0.1/32 trust"

case "$action" in
start)
  if pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$version/$cluster"; then
    echo "cluster $version/$cluster exists already: run '$0 stop' first" >&2
    exit 1
  fi
  level=$(main_sql "show wal_level")
  if [ "$level" = minimal ]; then
    echo "main has wal_level=minimal: a replica needs 'replica' (a restart of main, not done here)" >&2
    exit 1
  fi
  if ! grep -qxF "$line" "$hba"; then
    echo "$line" >>"$hba"
    main_sql "select pg_reload_conf()" >/dev/null
  fi
  pg_createcluster "$version" "$cluster" --port "$port" -- --auth-local=trust --auth-host=trust >/dev/null
  # a start that fails halfway leaves no cluster behind
  trap 'pg_ctlcluster "$version" "$cluster" stop -m immediate 2>/dev/null; pg_dropcluster "$version" "$cluster" 2>/dev/null; drop_slot || true' ERR
  drop_slot
  data=/var/lib/postgresql/$version/$cluster
  rm -rf "${data:?}"/*
  runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p "$main_port" -U postgres -D "$data" -R -X stream -c fast -C -S "$slot"
  pg_ctlcluster "$version" "$cluster" start
  for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p "$port" -q && break; sleep 0.5; done
  pg_isready -h 127.0.0.1 -p "$port"
  ;;
stop)
  if pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$version/$cluster"; then
    pg_ctlcluster "$version" "$cluster" stop -m fast 2>/dev/null || true
    pg_dropcluster "$version" "$cluster"
  fi
  drop_slot
  ;;
*)
  echo "usage: $0 start|stop" >&2
  exit 2
  ;;
esac
