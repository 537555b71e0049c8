#!/usr/bin/env bash
# `make loadtest`: gunicorn (DEBUG off) on the demo data, then a headless locust run.
# A throwaway PostgreSQL, as deployed, unless DATABASE_URL names a database.
# LOAD_USERS (50), LOAD_RATE (10 a second), LOAD_TIME (60s), LOAD_PORT (8765) change it.
# The figures are of the steady state: counted from when every user has signed in.
set -euo pipefail
PY=${PY:-.venv/bin/python}
dir=var/loadtest
port=${LOAD_PORT:-8765}
rm -rf "$dir" && mkdir -p "$dir"
# Plain HTTP on the loopback, deliberately (a production start refuses it otherwise).
export DEBUG=false SECURE_COOKIES=false ALLOW_INSECURE_HTTP=true ALLOWED_HOSTS=127.0.0.1
export PDF_RENDER_DELAY=5 DEMO_TOOLS=true  # the demo data to load it with
export SECRET_KEY=${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}
stop_postgres() { :; }
if [ -z "${DATABASE_URL:-}" ]; then PG_PORT=54339 source .ci/postgres.sh; trap stop_postgres EXIT; fi
export MEDIA_ROOT=$PWD/$dir/media
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py seed_demo --allow-in-production >/dev/null
"$PY" manage.py collectstatic --noinput -v 0
"$PY" -m gunicorn config.wsgi -b "127.0.0.1:$port" -w "${LOAD_WORKERS:-4}" \
  --log-level warning --error-logfile "$dir/gunicorn.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; stop_postgres' EXIT
for _ in $(seq 60); do
  "$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/healthz')" \
    2>/dev/null && break
  sleep 0.5
done
"$PY" -m locust -f tests/load/locustfile.py --headless --only-summary --reset-stats \
  -u "${LOAD_USERS:-50}" -r "${LOAD_RATE:-10}" --run-time "${LOAD_TIME:-60s}" \
  -H "http://127.0.0.1:$port" --csv "$dir/locust" --loglevel WARNING || true
"$PY" tests/load/summary.py "$dir/locust_stats.csv"
