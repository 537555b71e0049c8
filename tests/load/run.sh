#!/usr/bin/env bash
# `make loadtest`: gunicorn (DEBUG off) on the demo data, then a headless locust run.
# A throwaway SQLite under var/loadtest/ unless DATABASE_URL names a database.
# LOAD_USERS (50), LOAD_RATE (10 a second), LOAD_TIME (60s), LOAD_PORT (8765) change it.
set -euo pipefail
PY=${PY:-.venv/bin/python}
dir=var/loadtest
port=${LOAD_PORT:-8765}
rm -rf "$dir" && mkdir -p "$dir"
export DEBUG=false SECURE_COOKIES=false ALLOWED_HOSTS=127.0.0.1 PDF_RENDER_DELAY=5
export SECRET_KEY=${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}
export DATABASE_URL=${DATABASE_URL:-sqlite:///$PWD/$dir/load.sqlite3}
export MEDIA_ROOT=$PWD/$dir/media
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py seed_demo >/dev/null
"$PY" manage.py collectstatic --noinput -v 0
"$PY" -m gunicorn config.wsgi -b "127.0.0.1:$port" -w "${LOAD_WORKERS:-4}" \
  --log-level warning --error-logfile "$dir/gunicorn.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  "$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/healthz')" \
    2>/dev/null && break
  sleep 0.5
done
"$PY" -m locust -f tests/load/locustfile.py --headless --only-summary \
  -u "${LOAD_USERS:-50}" -r "${LOAD_RATE:-10}" --run-time "${LOAD_TIME:-60s}" \
  -H "http://127.0.0.1:$port" --csv "$dir/locust" --loglevel WARNING || true
"$PY" tests/load/summary.py "$dir/locust_stats.csv"
