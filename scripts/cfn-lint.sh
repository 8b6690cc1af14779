#!/usr/bin/env bash
# cfn-lint over the construct's templates, as scripts/synth-templates.ts wrote them into
# cdk.out/ci-templates (the `templates` task): the example's, the maximal API's, the HTTP construct's
# default and every-feature ones, every template of an API split across nested stacks
# (test/fixtures/split.ts), one more with every feature on and a seeded sample of generated valid
# props (scripts/cfn-lint-templates.ts).
# Fails on any error; warnings and notes are printed, and counted in the summary line.
#
# cfn-lint comes from PyPI, into a virtual environment in the user's cache folder
# (${XDG_CACHE_HOME:-~/.cache}/cdk-cognito-protected-api/venv/cfn-lint), made on the first run and
# reused after; never inside the project, where it would end up in the packages.
# Options: --sample N, --seed S: lint a generated sample of another size or seed (synthesized
# here) instead of the default one (20, seed 20261127); --install: only make the environment.
set -euo pipefail
cd "$(dirname "$0")/.."

sample=
seed=
install_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --sample) sample=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --install) install_only=true; shift ;;
    *) echo "unknown option: $1 (use --sample N, --seed S, --install)" >&2; exit 2 ;;
  esac
done

venv=${XDG_CACHE_HOME:-$HOME/.cache}/cdk-cognito-protected-api/venv/cfn-lint
# One install at a time, when CI runs beside another run on the same machine.
mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
if ! "$venv/bin/cfn-lint" --version >/dev/null 2>&1; then
  echo "== cfn-lint: installing it into $venv from PyPI"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input 'cfn-lint>=1.58,<2'
fi
flock -u 9
echo "== $("$venv/bin/cfn-lint" --version) ($venv)"
if $install_only; then
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A canary: cfn-lint must see the error the construct once made (a resource server Name with '/'),
# or a clean result below would mean nothing.
cat > "$work/canary.json" <<'JSON'
{ "Resources": { "Server": { "Type": "AWS::Cognito::UserPoolResourceServer",
  "Properties": { "UserPoolId": "us-east-1_abc", "Identifier": "https://x", "Name": "https://x" } } } }
JSON
if "$venv/bin/cfn-lint" --regions us-east-1 -- "$work/canary.json" > "$work/canary.out" 2>&1 \
  || ! grep -q E3031 "$work/canary.out"; then
  echo "cfn-lint did not report E3031 on the canary template:" >&2
  cat "$work/canary.out" >&2
  exit 1
fi

shared=cdk.out/ci-templates
if [ ! -d "$shared/lint" ]; then
  echo "no templates in $shared: run 'npx projen templates' first" >&2
  exit 1
fi
generated=$shared/lint
if [ -n "$sample$seed" ]; then
  generated=$work/out
  npx ts-node --transpile-only --project tsconfig.dev.json scripts/cfn-lint-templates.ts "$generated" \
    ${sample:+--sample "$sample"} ${seed:+--seed "$seed"}
fi
templates=("$shared"/example/*.template.json "$shared"/maximal/*.template.json "$shared"/http/*.template.json
  "$shared"/split/*.template.json "$generated"/*.template.json)
echo "== templates: the example, the maximal API, the HTTP ones, the split API (parent and nested), every feature and generated ones ($generated)"

# Exit status: a bit mask, 2 for errors (and 1 for a failure to lint), 4 warnings, 8 notes.
set +e
"$venv/bin/cfn-lint" --regions us-east-1 --format parseable -- "${templates[@]}" > "$work/lint.out" 2>&1
status=$?
set -e
cat "$work/lint.out"
count() { grep -cE ":[0-9]+:[0-9]+:[0-9]+:[0-9]+:$1[0-9]+:" "$work/lint.out" || true; }
echo "cfn-lint: ${#templates[@]} templates, $(count E) errors, $(count W) warnings, $(count I) notes"
if [ $((status & 3)) -ne 0 ]; then
  exit 1
fi
