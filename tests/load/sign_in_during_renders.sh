#!/usr/bin/env bash
# Issue 23's acceptance: does the sign-in page answer in under 1 s while two large PDFs are
# being rendered? gunicorn with 2 workers (DEBUG off) and one `db_worker`, on a throwaway
# PostgreSQL; two initiatives of RENDER_PAGES (about 150, the most one PDF holds:
# idd/export/size.py) pages each, both downloaded at once, then GET /accounts/login/ timed
# while their renders run (tests/load/sign_in_during_renders.py prints the figures).
# CODE=<folder> serves another copy of the code (`git archive <commit>`) on the same data,
# for a before/after comparison; the data is built with this one.
set -euo pipefail
PY=${PY:-$PWD/.venv/bin/python}
CODE=${CODE:-$PWD}
dir=$PWD/var/renders
port=${RENDERS_PORT:-8772}
rm -rf "$dir" && mkdir -p "$dir"
export DEBUG=false SECURE_COOKIES=false ALLOW_INSECURE_HTTP=true ALLOWED_HOSTS=127.0.0.1
export PDF_RENDER_DELAY=3600 DEMO_TOOLS=true
export CONSENT_BANNER=false  # the figure is about renders; the banner is one more page
export SECRET_KEY=${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}
export MEDIA_ROOT=$dir/media
PG_PORT=${PG_PORT:-54332} source .ci/postgres.sh
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done; stop_postgres' EXIT
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py seed_demo --allow-in-production >/dev/null
ids=$("$PY" manage.py shell -v 0 -c "
from django.contrib.auth.models import User
from demo.large_initiative import ReferenceSize, build_reference_initiative
from idd.export.size import printed_size
from idd.models import Initiative
from idd.document.snapshot import load, snapshot
size = ReferenceSize(deliverables=80, risks=30, long_text=${RENDER_TEXT:-700})
planner = User.objects.get(username='planner')
ids = []
for seed in (1, 2):
    initiative = build_reference_initiative(seed=seed, size=size)
    Initiative.objects.filter(pk=initiative.pk).update(owner=planner)
    ids.append(str(initiative.pk))
    pages = printed_size(snapshot(load(initiative.pk))).pages
print(' '.join(ids), pages)
" | tail -n 1)  # the last line: the audit log's JSON lines come before it on stdout
read -r first second pages <<<"$ids"
echo "== two initiatives ($first, $second) of about $pages printed pages each"
(cd "$CODE" && "$PY" manage.py collectstatic --noinput -v 0 &&
  exec "$PY" -m gunicorn config.wsgi -b "127.0.0.1:$port" -w 2 --timeout 300 \
    --log-level warning --error-logfile "$dir/gunicorn.log") &
pids+=($!)
(cd "$CODE" && exec "$PY" manage.py db_worker --interval 0.5 -v 0 >"$dir/worker.log" 2>&1) &
pids+=($!)
for _ in $(seq 120); do
  "$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/healthz')" \
    2>/dev/null && break
  sleep 0.5
done
"$PY" tests/load/sign_in_during_renders.py "http://127.0.0.1:$port" "$first" "$second"
