#!/usr/bin/env bash
# cfn-lint over the construct's templates: the example's (`npx projen example`, cdk.out), one with
# every feature on and a seeded sample of generated valid props (scripts/cfn-lint-templates.ts).
# Fails on any error; warnings and notes are printed, and counted in the summary line.
#
# cfn-lint comes from PyPI, into .venv (gitignored), made on the first run.
# Options: --sample N (generated templates, default 20), --seed S (default 20261127).
set -euo pipefail
cd "$(dirname "$0")/.."

sample=20
seed=20261127
while [ $# -gt 0 ]; do
  case "$1" in
    --sample) sample=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option: $1 (use --sample N, --seed S)" >&2; exit 2 ;;
  esac
done

if [ ! -x .venv/bin/cfn-lint ]; then
  echo "== cfn-lint: installing it into .venv from PyPI"
  python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-input 'cfn-lint>=1.58,<2'
fi
echo "== $(.venv/bin/cfn-lint --version)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A canary: cfn-lint must see the error the construct once made (a resource server Name with '/'),
# or a clean result below would mean nothing.
cat > "$work/canary.json" <<'JSON'
{ "Resources": { "Server": { "Type": "AWS::Cognito::UserPoolResourceServer",
  "Properties": { "UserPoolId": "us-east-1_abc", "Identifier": "https://x", "Name": "https://x" } } } }
JSON
if .venv/bin/cfn-lint --regions us-east-1 -- "$work/canary.json" > "$work/canary.out" 2>&1 \
  || ! grep -q E3031 "$work/canary.out"; then
  echo "cfn-lint did not report E3031 on the canary template:" >&2
  cat "$work/canary.out" >&2
  exit 1
fi

echo "== templates: the example (cdk.out), every feature, $sample generated (seed $seed)"
npx projen example > "$work/example.log" 2>&1 || { cat "$work/example.log" >&2; exit 1; }
npx ts-node --transpile-only --project tsconfig.dev.json scripts/cfn-lint-templates.ts "$work/out" \
  --sample "$sample" --seed "$seed"
templates=(cdk.out/*.template.json "$work"/out/*.template.json)

# Exit status: a bit mask, 2 for errors (and 1 for a failure to lint), 4 warnings, 8 notes.
set +e
.venv/bin/cfn-lint --regions us-east-1 --format parseable -- "${templates[@]}" > "$work/lint.out" 2>&1
status=$?
set -e
cat "$work/lint.out"
count() { grep -cE ":[0-9]+:[0-9]+:[0-9]+:[0-9]+:$1[0-9]+:" "$work/lint.out" || true; }
echo "cfn-lint: ${#templates[@]} templates, $(count E) errors, $(count W) warnings, $(count I) notes"
if [ $((status & 3)) -ne 0 ]; then
  exit 1
fi
