#!/usr/bin/env bash
# shellcheck shell=bash
#
# Gets a PostgreSQL database for the service (`run`) or for the tests (`test`)
# and exports its connection string as ConnectionStrings__Postgres.
#
# As a library (scripts/run, scripts/test, .ci/run):
#     . scripts/postgres.sh
#     rl_database run     # or: rl_database test
# It exits the calling script on failure, so call it plainly (not in `if`,
# `||` or `$(...)`: bash ignores `set -e` there). `test` installs EXIT/INT/TERM
# traps that remove the throwaway database; a caller that needs its own traps
# must call rl_database_cleanup from them.
#
# As a command:
#     scripts/postgres.sh run            start the run cluster, print the connection string
#     scripts/postgres.sh test -- CMD    run CMD against a throwaway database
#     scripts/postgres.sh stop           stop the run cluster (its data stays)
#
# Where the database comes from, first match wins:
#   1. ConnectionStrings__Postgres already set: used as is.
#   2. A Docker engine answers and has compose: the `postgres` service of compose.yaml.
#      (`docker info`, not `command -v docker`: a docker client without an engine
#      is common, e.g. on CI machines.) RL_PG_NO_DOCKER=1 skips this.
#   3. A cluster of our own from the machine's PostgreSQL binaries, in <repo>/.pg
#      (git-ignored), on 127.0.0.1 only, never Debian's own cluster on 5432:
#        run   persistent, fsync on, port 55432 (RL_PG_PORT overrides), db recoveryledger
#        test  throwaway, fsync off, a free port, db recoveryledger_test
#
# Idempotent and safe to interrupt: initdb works in a temporary folder that is
# renamed only when complete; leftovers of interrupted runs (half-made folders,
# stale postmaster.pid, test clusters whose script died) are cleaned up on the
# next run. A lock (flock) keeps two concurrent runs from racing.

RL_ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
RL_PG_RUN_PORT="${RL_PG_PORT:-55432}"
RL_PG_USER=postgres
RL_PG_PASSWORD=postgres   # a local development cluster that listens on 127.0.0.1 only

# Set by the functions below (globals rather than $(...) so that `set -e` holds).
RL_PG_BIN=""           # folder of initdb, pg_ctl, postgres, psql
RL_PG_BASE=""          # folder holding our clusters
RL_PG_LOCK_FD=""       # fd of the held lock, empty when not held
RL_PG_TEST_DIR=""      # throwaway cluster to remove on exit
RL_PG_DOCKER_TEST_DB=""  # throwaway database in the compose postgres to drop on exit

rl_pg_log() { printf '[postgres] %s\n' "$*" >&2; }
rl_pg_die() { rl_pg_log "error: $*"; exit 1; }

rl_pg_is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as the owner of our clusters: initdb and pg_ctl refuse root,
# so root runs them as the `postgres` OS user. From / because root's working
# folder may be unreadable to that user; without our lock fd so that a server
# started here does not hold the lock for the rest of its life.
rl_pg_as_owner() {
  (
    cd / || exit 1
    if [ -n "$RL_PG_LOCK_FD" ]; then exec {RL_PG_LOCK_FD}>&-; fi
    if rl_pg_is_root; then
      exec runuser -u "$RL_PG_USER" -- "$@"
    fi
    exec "$@"
  )
}

# A folder owned by the cluster owner, mode 700 (PostgreSQL insists on it for data).
rl_pg_mkdir_owned() {
  mkdir -m 700 -- "$1" 2>/dev/null || [ -d "$1" ]
  if rl_pg_is_root; then chown "$RL_PG_USER:$RL_PG_USER" -- "$1"; fi
}

# Sets RL_PG_BIN to a folder with the server binaries, or returns 1.
# pg_config first (it names the installed server), then Debian's versioned folders
# (not on PATH), newest first, then PATH (other distributions).
rl_pg_find_bindir() {
  local d=""
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then RL_PG_BIN="$d"; return 0; fi
  fi
  d="$(for c in /usr/lib/postgresql/*/bin; do
         if [ -x "$c/initdb" ] && [ -x "$c/pg_ctl" ]; then printf '%s\n' "$c"; fi
       done | sort -V | tail -n 1)"
  if [ -n "$d" ]; then RL_PG_BIN="$d"; return 0; fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    d="$(command -v initdb)"; RL_PG_BIN="${d%/*}"; return 0
  fi
  return 1
}

rl_pg_ensure_bindir() {
  if rl_pg_find_bindir; then return 0; fi
  if ! rl_pg_is_root || ! command -v apt-get >/dev/null 2>&1; then
    rl_pg_die "no PostgreSQL server binaries found: install PostgreSQL (e.g. 'sudo apt-get install postgresql') or set ConnectionStrings__Postgres"
  fi
  # The package also creates and starts Debian's own cluster on 5432; ours uses
  # other ports and its own folders, so the two never meet.
  rl_pg_log "installing postgresql with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  rl_pg_find_bindir || rl_pg_die "apt-get installed postgresql but no initdb/pg_ctl was found"
}

# Sets RL_PG_BASE. <repo>/.pg when the cluster owner can reach it; else (root with
# the repo under a 0700 home, or a path too long for a unix socket, whose limit
# is 107 bytes) a folder named after a hash of the repo path under /var/tmp,
# which unlike /tmp survives reboots, so the run data persists. (systemd-tmpfiles
# may age out files there untouched for 30 days; that costs only dev data.)
rl_pg_choose_base() {
  local base="$RL_ROOT/.pg" hash tmp
  mkdir -p -- "$base"
  if [ "${#base}" -le 70 ] && { ! rl_pg_is_root || rl_pg_as_owner test -x "$base"; }; then
    RL_PG_BASE="$base"
    return 0
  fi
  hash="$(printf '%s' "$RL_ROOT" | sha256sum | cut -c1-12)"
  tmp=/var/tmp
  [ -d "$tmp" ] || tmp=/tmp
  RL_PG_BASE="$tmp/recoveryledger-pg-$hash"
  mkdir -m 755 -- "$RL_PG_BASE" 2>/dev/null || [ -d "$RL_PG_BASE" ]
  # The folder is in a world-writable place: make sure nobody else planted it.
  if [ -L "$RL_PG_BASE" ] || [ ! -O "$RL_PG_BASE" ]; then
    rl_pg_die "$RL_PG_BASE is not ours (a symlink or another user's): remove it"
  fi
  printf '%s\n' "$RL_PG_BASE" >"$base/clusters-are-in"
  rl_pg_log "clusters live in $RL_PG_BASE (the postgres user cannot reach $base, or its path is too long)"
}

rl_pg_lock() {
  command -v flock >/dev/null 2>&1 || return 0
  exec {RL_PG_LOCK_FD}>>"$RL_PG_BASE/.lock"
  if ! flock -n "$RL_PG_LOCK_FD"; then
    rl_pg_log "waiting for another scripts/ run to finish with the clusters"
    flock "$RL_PG_LOCK_FD"
  fi
}

rl_pg_unlock() {
  if [ -n "$RL_PG_LOCK_FD" ]; then
    exec {RL_PG_LOCK_FD}>&-
    RL_PG_LOCK_FD=""
  fi
}

# True when a live postmaster serves data folder $1. Checks the PID's working
# folder (a postmaster runs in its data folder), so a recycled PID does not count.
rl_pg_running() {
  local data="$1" pid cwd
  [ -f "$data/postmaster.pid" ] || return 1
  pid="$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)"
  case "$pid" in '' | *[!0-9]*) return 1 ;; esac
  if [ -d /proc/self ]; then
    cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
    [ -n "$cwd" ] && [ "$cwd" = "$(cd -- "$data" && pwd -P)" ]
  else
    kill -0 "$pid" 2>/dev/null
  fi
}

rl_pg_pid_alive() {
  if [ -d /proc/self ]; then [ -d "/proc/$1" ]; else kill -0 "$1" 2>/dev/null; fi
}

# initdb into a temporary folder beside $1/data and rename it when complete, so
# that an interrupted run never leaves a half-made data folder under the real name.
rl_pg_init() {
  local dir="$1" sync="$2" tmp locale=C nosync=()
  tmp="$(rl_pg_as_owner mktemp -d "$dir/data.init.XXXXXX")"
  [ "$sync" = on ] || nosync=(--no-sync)
  # UTF-8 whatever the caller's locale says (a CI's POSIX locale would give SQL_ASCII).
  if locale -a 2>/dev/null | grep -ix 'c\.utf-\?8' >/dev/null; then locale=C.UTF-8; fi
  # shellcheck disable=SC2016 # $1 and $2 are expanded by the inner sh
  rl_pg_as_owner sh -c 'umask 077 && printf "%s\n" "$1" >"$2"' sh "$RL_PG_PASSWORD" "$tmp.pw"
  rl_pg_log "initdb $dir/data"
  if ! rl_pg_as_owner "$RL_PG_BIN/initdb" -D "$tmp" -U "$RL_PG_USER" --pwfile="$tmp.pw" \
      -E UTF8 --locale="$locale" --auth-local=trust --auth-host=scram-sha-256 "${nosync[@]}" \
      >"$dir/initdb.log" 2>&1; then
    tail -n 20 "$dir/initdb.log" >&2 || true
    rm -rf -- "$tmp" "$tmp.pw"
    rl_pg_die "initdb failed (log: $dir/initdb.log)"
  fi
  rm -f -- "$tmp.pw"
  # Our settings live in a file of their own, rewritten at each start (see rl_pg_start).
  printf "\ninclude_if_exists = 'recoveryledger.conf'\n" | rl_pg_as_owner tee -a "$tmp/postgresql.conf" >/dev/null
  rl_pg_as_owner mv -- "$tmp" "$dir/data"
}

# Writes recoveryledger.conf and starts the server; returns 1 (after showing the
# log) when it does not start. The socket folder is the data folder itself (mode
# 700): only the owner reaches it, so `trust` on the socket is safe, and TCP
# needs the password.
rl_pg_start() {
  local data="$1" port="$2" sync="$3" log="${1%/*}/postgres.log" tries=0 qdata last
  qdata="${data//\'/\'\'}"
  rl_pg_as_owner tee "$data/recoveryledger.conf" >/dev/null <<EOF || return 1
# Written by scripts/postgres.sh at every start: change the script, not this file.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$qdata'
max_connections = 300
fsync = $sync
synchronous_commit = $sync
full_page_writes = $sync
EOF
  until rl_pg_as_owner "$RL_PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 120 -s start >/dev/null 2>&1; do
    tries=$((tries + 1))
    # After a kill -9 the old server's children may hold its shared memory for a
    # moment; other failures (a taken port) do not go away by waiting.
    last="$(tail -n 5 "$log" 2>/dev/null || true)"
    if [ "$tries" -ge 5 ] || rl_pg_running "$data" || [ "${last#*shared memory block}" = "$last" ]; then
      tail -n 10 "$log" >&2 || true
      rl_pg_log "the server of $data did not start (log: $log)"
      return 1
    fi
    rl_pg_log "the previous server's shared memory is still in use, retrying ($tries)"
    sleep 1
  done
}

rl_pg_psql() {
  local data="$1" port="$2"
  shift 2
  rl_pg_as_owner "$RL_PG_BIN/psql" -X -q -t -A -v ON_ERROR_STOP=1 \
    -h "$data" -p "$port" -U "$RL_PG_USER" -d postgres "$@"
}

rl_pg_create_db() {
  local data="$1" port="$2" db="$3"
  if [ "$(rl_pg_psql "$data" "$port" -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    rl_pg_psql "$data" "$port" -c "CREATE DATABASE \"$db\""
  fi
}

rl_pg_export() {
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$1;Database=$2;Username=$RL_PG_USER;Password=$RL_PG_PASSWORD"
}

rl_pg_port_in_use() { (: <>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

rl_pg_free_port() {
  local p
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
  while :; do
    p=$((20000 + RANDOM % 30000))
    rl_pg_port_in_use "$p" || { printf '%s\n' "$p"; return; }
  done
}

# Test clusters whose script died without its EXIT trap (kill -9, power loss).
rl_pg_reap_test_clusters() {
  local dir owner
  for dir in "$RL_PG_BASE"/test.*; do
    [ -d "$dir" ] || continue
    owner="$(cat "$dir/owner.pid" 2>/dev/null || true)"
    case "$owner" in '' | *[!0-9]*) ;; *) if rl_pg_pid_alive "$owner"; then continue; fi ;; esac
    rl_pg_log "removing the test cluster of a dead run: $dir"
    if rl_pg_running "$dir/data"; then
      rl_pg_as_owner "$RL_PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -s stop >/dev/null 2>&1 || true
    fi
    rm -rf -- "$dir"
  done
}

rl_pg_local_run() {
  local dir="$RL_PG_BASE/run" data="$RL_PG_BASE/run/data" port="$RL_PG_RUN_PORT" stale have want
  rl_pg_mkdir_owned "$dir"
  rm -rf -- "$dir"/data.init.*   # an initdb that was interrupted
  if [ -e "$data" ] && [ ! -f "$data/PG_VERSION" ]; then
    # Not made by us (we rename only complete folders): keep it aside, never delete data.
    stale="$dir/data.broken.$(date +%Y%m%d%H%M%S)"
    rl_pg_log "warning: $data is not a cluster; moved to $stale"
    mv -- "$data" "$stale"
  fi
  [ -d "$data" ] || rl_pg_init "$dir" on
  have="$(cat "$data/PG_VERSION")"
  want="$(rl_pg_as_owner "$RL_PG_BIN/postgres" -V | awk '{print $3}')"
  case "$want" in "$have" | "$have".*) ;; *)
    rl_pg_die "$data is a PostgreSQL $have cluster but the binaries are $want: remove $dir to start afresh (its data is lost) or install PostgreSQL $have" ;;
  esac
  if rl_pg_running "$data"; then
    port="$(sed -n 4p "$data/postmaster.pid")"
    rl_pg_log "reusing the running cluster on 127.0.0.1:$port ($data)"
    local i=0
    until rl_pg_as_owner "$RL_PG_BIN/pg_isready" -q -h "$data" -p "$port"; do
      i=$((i + 1))
      [ "$i" -lt 60 ] || rl_pg_die "the running cluster of $data does not accept connections"
      sleep 1
    done
  else
    if [ -f "$data/postmaster.pid" ]; then
      rl_pg_log "removing stale postmaster.pid (its server is gone)"
      rm -f -- "$data/postmaster.pid"
    fi
    if rl_pg_port_in_use "$port"; then
      rl_pg_die "port $port is taken by another program: stop it or set RL_PG_PORT"
    fi
    rl_pg_log "starting the cluster on 127.0.0.1:$port ($data)"
    rl_pg_start "$data" "$port" on || rl_pg_die "could not start the run cluster"
  fi
  rl_pg_create_db "$data" "$port" recoveryledger
  rl_pg_export "$port" recoveryledger
}

rl_pg_local_test() {
  local dir data port tries=0
  dir="$(mktemp -d "$RL_PG_BASE/test.XXXXXX")"
  printf '%s\n' "$$" >"$dir/owner.pid"
  RL_PG_TEST_DIR="$dir"
  data="$dir/data"
  if rl_pg_is_root; then chown "$RL_PG_USER:$RL_PG_USER" -- "$dir"; fi
  rl_pg_init "$dir" off
  # A free port is found before the server binds it; another program may win the
  # race, so try a few.
  while :; do
    port="$(rl_pg_free_port)"
    rl_pg_log "starting a throwaway cluster on 127.0.0.1:$port ($dir)"
    if rl_pg_start "$data" "$port" off; then break; fi
    tries=$((tries + 1))
    [ "$tries" -lt 3 ] || rl_pg_die "no throwaway cluster could start"
  done
  rl_pg_create_db "$data" "$port" recoveryledger_test
  rl_pg_export "$port" recoveryledger_test
}

rl_pg_docker_available() {
  [ -z "${RL_PG_NO_DOCKER:-}" ] && command -v docker >/dev/null 2>&1 &&
    docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1
}

rl_pg_docker() {
  local mode="$1" hostport db=recoveryledger
  local compose=(docker compose -f "$RL_ROOT/compose.yaml")
  rl_pg_log "Docker engine found: docker compose up -d --wait postgres"
  "${compose[@]}" up -d --wait postgres >&2
  hostport="$("${compose[@]}" port postgres 5432)"
  if [ "$mode" = test ]; then
    db=recoveryledger_test
    RL_PG_DOCKER_TEST_DB="$db"
    "${compose[@]}" exec -T postgres psql -X -q -v ON_ERROR_STOP=1 -U "$RL_PG_USER" -d postgres \
      -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >&2
  fi
  rl_pg_export "${hostport##*:}" "$db"
}

# Removes what a `test` run made. Safe to call more than once; never fails, so
# that it cannot change the exit code of the script it runs in.
rl_database_cleanup() {
  local dir="$RL_PG_TEST_DIR" db="$RL_PG_DOCKER_TEST_DB"
  RL_PG_TEST_DIR=""
  RL_PG_DOCKER_TEST_DB=""
  if [ -n "$dir" ]; then
    if rl_pg_running "$dir/data"; then
      rl_pg_as_owner "$RL_PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -s stop >/dev/null 2>&1 || true
    fi
    rm -rf -- "$dir" || true
    rl_pg_log "removed the throwaway cluster"
  fi
  if [ -n "$db" ]; then
    docker compose -f "$RL_ROOT/compose.yaml" exec -T postgres psql -X -q -U "$RL_PG_USER" -d postgres \
      -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    rl_pg_log "dropped the throwaway database $db"
  fi
  return 0
}

# rl_database run|test: gets the database and exports ConnectionStrings__Postgres.
rl_database() {
  local mode="${1:-}"
  case "$mode" in run | test) ;; *) rl_pg_die "rl_database: mode must be run or test, not '$mode'" ;; esac
  if [ -n "${ConnectionStrings__Postgres:-}" ]; then
    rl_pg_log "using ConnectionStrings__Postgres from the environment"
    return 0
  fi
  if [ "$mode" = test ]; then
    trap rl_database_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
  fi
  if rl_pg_docker_available; then
    rl_pg_docker "$mode"
    return 0
  fi
  rl_pg_ensure_bindir
  if rl_pg_is_root && ! id -u "$RL_PG_USER" >/dev/null 2>&1; then
    rl_pg_die "running as root needs the '$RL_PG_USER' OS user (initdb refuses root); install Debian's postgresql package, or run as another user"
  fi
  rl_pg_choose_base
  rl_pg_lock
  rl_pg_reap_test_clusters
  "rl_pg_local_$mode"
  rl_pg_unlock
  rl_pg_log "ConnectionStrings__Postgres=${ConnectionStrings__Postgres/Password=*/Password=***}"
}

rl_pg_stop_run() {
  rl_pg_find_bindir || rl_pg_die "no PostgreSQL binaries found"
  rl_pg_choose_base
  local data="$RL_PG_BASE/run/data"
  if rl_pg_running "$data"; then
    rl_pg_as_owner "$RL_PG_BIN/pg_ctl" -D "$data" -m fast -w -s stop
    rl_pg_log "stopped the run cluster (its data stays in $data)"
  else
    rl_pg_log "the run cluster is not running"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    run)
      rl_database run
      printf '%s\n' "$ConnectionStrings__Postgres"
      ;;
    test)
      shift
      if [ "${1:-}" = -- ]; then shift; fi
      [ "$#" -gt 0 ] || rl_pg_die "usage: $0 test -- COMMAND [ARG...]"
      rl_database test
      set +e
      "$@"
      rc=$?
      set -e
      exit "$rc"
      ;;
    stop) rl_pg_stop_run ;;
    *)
      printf 'usage: %s run | test -- COMMAND [ARG...] | stop\n' "$0" >&2
      exit 2
      ;;
  esac
fi
