# Sourced by .ci/run: a throwaway PostgreSQL cluster for the session tests.
# Installs Debian's server if missing, initdb's into a temporary folder, starts it on a free
# port (as the "postgres" system user when running as root), exports UNSC_TEST_PG_URL and stops
# and removes the cluster when the calling shell exits. `make run` never needs any of this.
pg_throwaway_start() {
    local bindir
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$bindir" ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
        bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    PG_DIR=$(mktemp -d /tmp/unsc-pg.XXXXXX)
    PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    local run=()
    if [ "$(id -u)" = 0 ]; then
        if ! id postgres >/dev/null 2>&1; then
            useradd --system --home-dir "$PG_DIR" --shell /usr/sbin/nologin postgres
        fi
        chown postgres "$PG_DIR"
        run=(runuser -u postgres --)
    fi
    PG_RUN=("${run[@]}")
    PG_BIN=$bindir
    # From the cluster's own folder: the postgres user may not enter the checkout's.
    (
        cd "$PG_DIR"
        "${run[@]}" "$bindir/initdb" -D "$PG_DIR/data" -U unsc -A trust -E UTF8 --no-locale \
            >/dev/null
        "${run[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o \
            "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300" \
            start >/dev/null
        "${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$PG_PORT" -U unsc unsc_test
    )
    export UNSC_TEST_PG_URL="postgresql://unsc@127.0.0.1:$PG_PORT/unsc_test"
    echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') for the session tests at $UNSC_TEST_PG_URL"
    trap pg_throwaway_stop EXIT
}

pg_throwaway_stop() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
        (cd "$PG_DIR" && "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop) \
            >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
}
