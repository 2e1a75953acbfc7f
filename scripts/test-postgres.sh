#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (scripts/test.sh) and the benchmark (scripts/bench.sh):
#   scripts/test-postgres.sh start DIR   initdb into DIR/data (owned by the postgres user), start it on
#                                        a free port of 127.0.0.1, print the URL for the tests
#   scripts/test-postgres.sh restart DIR restart it (fast shutdown: open connections are cut), same port
#   scripts/test-postgres.sh stop DIR    stop it (the caller removes DIR)
# Installs Debian's postgresql when no initdb is found. Runs the server as the postgres user (it
# refuses to run as root) through runuser. Authentication: trust on 127.0.0.1, except the role
# ledger_password (password "test-password", scram-sha-256), which the bad-password tests use.
set -euo pipefail

command=${1:?usage: test-postgres.sh start|restart|stop DIR}
dir=${2:?usage: test-postgres.sh start|restart|stop DIR}

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

case "$command" in
  start)
    bin=$(find_bin)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
      echo "Installing system packages: postgresql" >&2
      sudo=""
      [ "$(id -u)" -eq 0 ] || sudo="sudo"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
      bin=$(find_bin)
    fi
    mkdir -p "$dir"
    chown postgres "$dir" 2>/dev/null || true
    chmod 700 "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    cat >"$dir/data/pg_hba.conf" <<HBA
local all all trust
host all ledger_password 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
HBA
    # fsync stays on: the tests check durability claims against a real server.
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=300" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "$bin" >"$dir/bin"
    as_postgres "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE ledger_password LOGIN CREATEDB PASSWORD 'test-password'" >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  restart)
    bin=$(cat "$dir/bin")
    # pg_ctl restart starts the server with the options it last ran with (postmaster.opts).
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null \
      || { tail -20 "$dir/server.log" >&2; exit 1; }
    ;;
  stop)
    [ -f "$dir/bin" ] || exit 0
    bin=$(cat "$dir/bin")
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: test-postgres.sh start|restart|stop DIR" >&2
    exit 64
    ;;
esac
