#!/usr/bin/env bash
# The test command: installs what the tests need (as root, from Debian packages), starts one throwaway
# MariaDB for the whole run, builds, runs every test project and prints "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$PWD"
RUN_DIR="$ROOT/.test-run"

need_packages=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need_packages+=(mariadb-server mariadb-client)
if [ "${ORDERACTORS_SKIP_BROWSER:-}" != "1" ] && [ -d "$ROOT/tests/OrderActors.BrowserTests" ]; then
  command -v chromium >/dev/null 2>&1 || need_packages+=(chromium chromium-driver)
fi
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing ${need_packages[*]} from Debian packages..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  else
    echo "Missing packages. Run: sudo apt-get install -y ${need_packages[*]}" >&2
    exit 1
  fi
fi
export PATH="$PATH:/usr/sbin"

# The S3 attachment tests run against s3rver, a real S3-compatible server (Node.js 20 from the machine).
if [ ! -f "$ROOT/tools/s3rver/node_modules/s3rver/bin/s3rver.js" ]; then
  command -v npm >/dev/null 2>&1 || { echo "npm (Node.js 20) is needed to install s3rver for the S3 attachment tests" >&2; exit 1; }
  echo "Installing s3rver 3.7.1 into tools/s3rver..."
  npm install --prefix "$ROOT/tools/s3rver" --no-audit --no-fund --save-exact s3rver@3.7.1 >/dev/null
fi

rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR/results"

# One private MariaDB for the run: own data directory, free loopback port, removed afterwards.
DB_DIR="$(mktemp -d /tmp/orderactors-test-db.XXXXXX)"
DB_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || shuf -i 20000-40000 -n 1)"
DB_SOCK="$DB_DIR/mariadb.sock"
DB_PID=""
cleanup() {
  if [ -n "$DB_PID" ]; then kill "$DB_PID" 2>/dev/null || true; wait "$DB_PID" 2>/dev/null || true; fi
  rm -rf "$DB_DIR"
}
trap cleanup EXIT
USER_ARG=""
if [ "$(id -u)" = "0" ]; then chown -R mysql:mysql "$DB_DIR"; USER_ARG="--user=mysql"; fi
mariadb-install-db $USER_ARG --datadir="$DB_DIR/data" --auth-root-authentication-method=normal --skip-test-db >"$DB_DIR/install.log" 2>&1
mariadbd --no-defaults $USER_ARG --datadir="$DB_DIR/data" --socket="$DB_SOCK" --port="$DB_PORT" --bind-address=127.0.0.1 \
  --skip-name-resolve --innodb-buffer-pool-size=512M --innodb-log-file-size=256M --max-allowed-packet=64M \
  --max-connections=1000 >"$DB_DIR/mariadbd.log" 2>&1 &
DB_PID=$!
for _ in $(seq 1 100); do
  mariadb-admin --socket="$DB_SOCK" -uroot ping >/dev/null 2>&1 && break
  sleep 0.1
done
mariadb --socket="$DB_SOCK" -uroot -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
export ORDERACTORS_TEST_MARIADB="Server=127.0.0.1;Port=$DB_PORT;User ID=root;Password=;Pooling=true;Maximum Pool Size=200"
echo "Test MariaDB on 127.0.0.1:$DB_PORT ($DB_DIR)"

dotnet build OrderActors.sln -c Release -nologo -v q -clp:ErrorsOnly

status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  [ "$name" = "OrderActors.Testing" ] && continue
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$RUN_DIR/results" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$RUN_DIR"/results/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  p="$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')"
  f="$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')"
  n="$(echo "$counters" | sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p')"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
[ "$failed" -gt 0 ] && status=1
ls "$RUN_DIR"/results/*.trx >/dev/null 2>&1 || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
