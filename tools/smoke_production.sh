#!/usr/bin/env bash
# The production layout of docs/deployment.md, as CI runs it: PostgreSQL (and Redis when it
# answers), migrations, collected static files, gunicorn (2 workers) with the production
# settings and a task worker. Checks /healthz, pages through the proxy's headers, the JSON log
# and that the worker delivers the e-mail the example data queued.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${SMOKE_PORT:-8766}
TMP=$(mktemp -d)
DB=akkoord_smoke
$BIN/python - <<PY
import psycopg
with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
    c.execute("DROP DATABASE IF EXISTS $DB WITH (FORCE)")
    c.execute("CREATE DATABASE $DB")
PY
export DJANGO_SETTINGS_MODULE=akkoord.config.settings.production
export DJANGO_SECRET_KEY=$($BIN/python -c "import secrets; print(secrets.token_urlsafe(60))")
export DJANGO_ALLOWED_HOSTS=akkoord.example.nl
export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB
export AKKOORD_VAR_DIR=$TMP/var AKKOORD_BIND=127.0.0.1:$PORT WEB_CONCURRENCY=2
export AKKOORD_SITE_URL=https://akkoord.example.nl
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend DJANGO_EMAIL_FILE_PATH=$TMP/mail
if $BIN/python -c "import redis; redis.Redis(socket_connect_timeout=2).ping()" 2>/dev/null; then
  export REDIS_URL=redis://127.0.0.1:6379/15
fi

$BIN/akkoord demo --no-serve > $TMP/demo.log
$BIN/akkoord collectstatic --noinput --verbosity 0
$BIN/gunicorn -c python:akkoord.config.gunicorn > $TMP/web.log 2>&1 &
WEB=$!
$BIN/akkoord worker --interval 0.5 > $TMP/worker.log 2>&1 &
WORKER=$!
cleanup() { kill $WEB $WORKER 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
fail() { echo "smoke: $1"; echo "--- web log"; tail -20 $TMP/web.log; echo "--- worker log"; tail -20 $TMP/worker.log; exit 1; }

for _ in $(seq 60); do curl -sf -o /dev/null http://127.0.0.1:$PORT/healthz && break; sleep 0.5; done
# The load balancer asks by address over plain HTTP: no host check, no redirect.
health=$(curl -s -H "Host: 10.1.2.3" http://127.0.0.1:$PORT/healthz) || fail "no /healthz"
echo "$health" | $BIN/python -c "import json,sys; d=json.load(sys.stdin); assert d['status']=='ok' and d['checks']['database']['vendor']=='postgresql', d" \
  || fail "/healthz not ok: $health"
proxy=(-H "Host: akkoord.example.nl" -H "X-Forwarded-Proto: https" -H "X-Request-ID: smoke-request-0001")
for page in / /deals/ /api/v1/deals /static/akkoord/akkoord.css; do
  code=$(curl -s -o $TMP/page -w "%{http_code}" "${proxy[@]}" http://127.0.0.1:$PORT$page)
  [ "$code" = 200 ] || fail "$page answered $code"
done
code=$(curl -s -o /dev/null -w "%{http_code}" -H "Host: evil.example.org" http://127.0.0.1:$PORT/)
[ "$code" = 400 ] || fail "an unknown host answered $code, not 400"
code=$(curl -s -o /dev/null -w "%{http_code}" -H "Host: akkoord.example.nl" http://127.0.0.1:$PORT/deals/)
[ "$code" = 301 ] || fail "plain HTTP answered $code, not a redirect to HTTPS"
grep -q '"request_id": "smoke-request-0001"' $TMP/web.log || fail "no JSON log line with the request id"

for _ in $(seq 60); do
  waiting=$($BIN/akkoord shell -c "from django_tasks_db.models import DBTaskResult as T; print(T.objects.ready().count())" 2>/dev/null | tail -1)
  [ "$waiting" = 0 ] && break; sleep 1
done
[ "$waiting" = 0 ] || fail "the worker left $waiting tasks waiting"
ls $TMP/mail/*.log > /dev/null 2>&1 || fail "the worker sent no e-mail"
echo "smoke: gunicorn (production settings, PostgreSQL${REDIS_URL:+, Redis}) and the worker: OK"
