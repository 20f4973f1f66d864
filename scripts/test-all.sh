#!/usr/bin/env bash
# The README's test command (`npm test`): type check, lint (with the layer rules), unit and
# tool tests, then end-to-end tests in Chromium. Ends with one line `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
passed=0; failed=0
step() { # name, command...
  local name=$1; shift
  echo "── $name"
  if "$@"; then passed=$((passed + 1)); echo "   ok: $name"; else failed=$((failed + 1)); echo "   FAILED: $name"; fi
}
count() { # vitest json report -> add its counts; a missing or unreadable report counts as a failure
  local f=$1 counts
  if counts=$(node -e 'const r=require(require("path").resolve(process.argv[1]));const p=r.numPassedTests,f=r.numFailedTests+(r.success===false&&r.numFailedTests===0?1:0);if(!Number.isInteger(p)||!Number.isInteger(f))process.exit(1);console.log(p+" "+f)' "$f" 2>/dev/null); then
    read -r p fl <<<"$counts"
    passed=$((passed + p)); failed=$((failed + fl))
  else
    failed=$((failed + 1)); echo "   (no readable test report: $f)"
  fi
}

# Tools the tests drive. On a fresh Debian/Ubuntu machine they are installed here when we can.
missing=()
for t in chromium docker-compose nginx promtool rabbitmqctl mosquitto; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
[[ -x /usr/lib/postgresql/15/bin/initdb || -n $(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null) ]] || missing+=(postgresql)
if ((${#missing[@]})); then
  echo "Test tools missing: ${missing[*]}"
  if command -v apt-get >/dev/null 2>&1 && { [[ $(id -u) -eq 0 ]] || sudo -n true 2>/dev/null; }; then
    bash scripts/install-test-tools.sh
  else
    echo "Install them with: sudo bash scripts/install-test-tools.sh (tests that need them will fail)"
  fi
fi

step "typecheck" npx tsc -p tsconfig.json --noEmit
step "lint (layer rules)" npx eslint .
rm -f test-results/unit.json test-results/e2e.json
echo "── unit, generator and tool tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
count test-results/unit.json
if [[ -f vitest.e2e.config.ts ]]; then
  echo "── end-to-end tests (Chromium)"
  npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/e2e.json
  count test-results/e2e.json
fi
echo
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
