#!/usr/bin/env bash
# schemathesis against the running API: every operation of /docs-json, with an admin token, checking that nothing
# answers 5xx, every answer conforms to its documented schema, and only documented status codes are answered.
# Used by .ci/run; a developer runs it the same way (docs/api.md). Needs node, npm and python3 with venv.
#
#   test/api-fuzz/run-schemathesis.sh            # build, seed a fresh DATA_DIR with the demo, serve it, fuzz it
#   SCHEMATHESIS_MAX_EXAMPLES=200 test/api-fuzz/run-schemathesis.sh   # look harder
#   SCHEMATHESIS_SKIP_BUILD=1 test/api-fuzz/run-schemathesis.sh       # dist/ is built already
#
set -euo pipefail
cd "$(dirname "$0")/../.."

SCHEMATHESIS_VERSION=4.32.5
# per operation, and for the whole run (seconds): a few minutes in CI
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-30}"
TIME_LIMIT="${SCHEMATHESIS_TIME_LIMIT:-600}"
SEED="${SCHEMATHESIS_SEED:-20240611}"
VENV="${SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/benefit-ledger/schemathesis-$SCHEMATHESIS_VERSION}"
REPORT_DIR="${SCHEMATHESIS_REPORT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/schemathesis-report-XXXXXX")}"

log() { printf '[schemathesis] %s\n' "$*" >&2; }

# 1. schemathesis, pinned, in its own virtual environment (made once, kept in the cache)
if [ "$("$VENV/bin/schemathesis" --version 2>/dev/null || true)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
  log "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV" || { log 'python3 -m venv failed: install python3-venv (apt-get install python3-venv)'; exit 1; }
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# 2. the API as `npm start` serves it, on a fresh DATA_DIR that the demo filled, on a free loopback port
[ -n "${SCHEMATHESIS_SKIP_BUILD:-}" ] || npm run -s build
DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/schemathesis-data-XXXXXX")"
API_PID=
stop() {
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then kill "$API_PID"; wait "$API_PID" 2>/dev/null || true; fi
  rm -rf "$DATA_DIR"
}
trap stop EXIT
DATA_DIR="$DATA_DIR" node dist/apps/cli/src/main.js demo >/dev/null
token() { DATA_DIR="$DATA_DIR" node dist/apps/cli/src/main.js token --sub "schemathesis-$1@example.nhs.uk" --role "$1" --organisation "$2" --expires-in 2h 2>/dev/null; }
TOKEN="$(token admin west-riding-icb)"
PORT="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
# no rate limit: a fuzzer is one user sending thousands of requests
PORT="$PORT" DATA_DIR="$DATA_DIR" RATE_LIMIT_PER_MINUTE=0 node dist/apps/api/src/main.js >"$REPORT_DIR/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 100); do
  curl -fsS "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { log "the API did not start:"; cat "$REPORT_DIR/api.log" >&2; exit 1; }
  sleep 0.2
done

# beyond the demo: a reconciled waste-reduction report, the acute trust's 2019/20 closed and then restated, so that
# the answers for a closed year (as closed beside as restated) are fuzzed and checked too
ACUTE=riverside-teaching-hospitals
FINANCE="$(token finance "$ACUTE")"
seed() {
  curl -fsS -o /dev/null -X POST "$BASE$1" -H "Authorization: Bearer $FINANCE" -H 'Content-Type: application/json' -d "$2" \
    || { log "seeding POST $1 failed"; exit 1; }
}
seed /finance/reports '{"organisationId":"'"$ACUTE"'","financialYear":"2019/20","totalPence":55000000,"source":{"system":"ledger","reference":"CIP tracker"},
  "lines":[{"lineId":"CIP-01","description":"Frailty: shorter stays","amountPence":40000000,"cashReleasing":false,"recurrent":true},
           {"lineId":"CIP-02","description":"Procurement","amountPence":15000000,"cashReleasing":true,"recurrent":false}]}'
seed "/finance/reports/$ACUTE/2019-20/links" '{"lineId":"CIP-01","benefitIds":["frailty-bed-days"]}'
seed "/finance/reports/$ACUTE/2019-20/sign-off" '{"note":"month 12"}'
seed /periods/2019-20/close '{"note":"year end"}'
seed /interventions/frailty-discharge-to-assess/costs '{"costType":"direct","category":"late invoice","amountPence":125000,"financialYear":"2019/20",
  "bearerOrganisationId":"'"$ACUTE"'","source":{"system":"ledger","reference":"INV-2020-0412"},"restatement":{"reason":"invoice received after the close"}}'
# every figure reference the seeded reports answer, for /trace (a libFuzzer dictionary beside a copy of the settings)
"$VENV/bin/python" - "$BASE" "$TOKEN" >"$REPORT_DIR/figures.dict" <<'PY'
import json, sys, urllib.request
base, token = sys.argv[1:]
reports = ['/system/flows?financialYear=2019/20', '/capacity', '/partnerships/riverside-lean-care/attribution?financialYear=2019/20',
           '/organisations/riverside-teaching-hospitals/value?financialYear=2019/20',
           '/finance/reconciliation?organisationId=riverside-teaching-hospitals&financialYear=2019/20']
def refs(value):
    if isinstance(value, dict):
        yield from ([value['ref']] if isinstance(value.get('ref'), str) else [])
        for v in value.values(): yield from refs(v)
    elif isinstance(value, list):
        for v in value: yield from refs(v)
found = set()
for path in reports:
    request = urllib.request.Request(base + path, headers={'Authorization': 'Bearer ' + token})
    found.update(refs(json.load(urllib.request.urlopen(request))))
for ref in sorted(found):
    print(json.dumps(ref))
PY
cp test/api-fuzz/schemathesis.toml "$REPORT_DIR/schemathesis.toml"
log "API (pid $API_PID) on $BASE, DATA_DIR $DATA_DIR seeded ($(wc -l <"$REPORT_DIR/figures.dict") figure references); reports in $REPORT_DIR"

# 3. every operation, bounded per operation and in time
status=0
timeout --signal=INT --kill-after=30 "$TIME_LIMIT" \
  "$VENV/bin/schemathesis" --config-file "$REPORT_DIR/schemathesis.toml" run "$BASE/docs-json" \
    --header "Authorization: Bearer $TOKEN" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance \
    --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers 1 \
    --generation-database none --no-color \
    --report junit --report-dir "$REPORT_DIR" 2>&1 \
  | sed -E 's/^=+ (.*) =+$/schemathesis summary: \1/' || status=$?
# schemathesis ends like pytest ("== 2 warnings in 54s ==", rewritten above so no reader takes it for pytest's closing
# line); the plain count, from its JUnit report, is the line a reader of the run can rely on
junit="$(ls "$REPORT_DIR"/junit-*.xml 2>/dev/null | head -1 || true)"
if [ -n "$junit" ]; then
  "$VENV/bin/python" - "$junit" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = root.iter('testcase')
total = failed = 0
for case in cases:
    total += 1
    failed += 1 if (case.find('failure') is not None or case.find('error') is not None) else 0
print(f'schemathesis: {total - failed} passed, {failed} failed')
PY
fi
if [ "$status" -ne 0 ]; then
  log "schemathesis failed (exit $status); API log: $REPORT_DIR/api.log"
  grep -E '"level":(50|60)|ERROR' "$REPORT_DIR/api.log" | tail -20 >&2 || true
fi
exit "$status"
