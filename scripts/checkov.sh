#!/usr/bin/env bash
# checkov over the construct's templates, as scripts/synth-templates.ts wrote them into
# cdk.out/ci-templates (the `templates` task): the default one (the example app), one with every
# feature on (scripts/checkov-maximal.ts), the HTTP construct's default and every-feature ones
# (test/fixtures/maximal-http.ts), and every template (parent and nested) of an API split across
# nested stacks (test/fixtures/split.ts). Fails on any failed check, on a check skipped without a
# comment, and on a template checkov cannot parse or finds no resources in. Prints
# "checkov: passed" or "checkov: failed" last.
# checkov comes from PyPI, into a virtual environment in the user's cache folder
# (${XDG_CACHE_HOME:-~/.cache}/cdk-cognito-protected-api/venv/checkov-<version>), made once and
# reused after; never inside the project, where it would end up in the packages.
# Needs python3 with venv, and PyPI (once). --install: only make the environment.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${CHECKOV_VERSION:-3.3.30}"
venv=${XDG_CACHE_HOME:-$HOME/.cache}/cdk-cognito-protected-api/venv/checkov-$version
# One install at a time, when CI runs beside another run on the same machine.
mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
if [ "$("$venv/bin/checkov" --version 2>/dev/null || true)" != "$version" ]; then
  echo "== installing checkov $version into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "checkov==$version"
fi
flock -u 9
if [ "${1:-}" = --install ]; then
  echo "== checkov $version ($venv)"
  exit 0
fi

templates=(cdk.out/ci-templates/example/AwesomeApiStack.template.json cdk.out/ci-templates/maximal/MaximalApiStack.template.json
  cdk.out/ci-templates/http/DefaultHttpApiStack.template.json cdk.out/ci-templates/http/MaximalHttpApiStack.template.json
  cdk.out/ci-templates/http/MonitoredHttpApiStack.template.json
  cdk.out/ci-templates/split/SplitApiStack.template.json)
# The split API's nested stacks' templates, each checked like the others.
if [ -d cdk.out/ci-templates/split ]; then
  for nested in cdk.out/ci-templates/split/*.nested.template.json; do
    templates+=("$nested")
  done
fi
for template in "${templates[@]}"; do
  if [ ! -f "$template" ]; then
    echo "no $template: run 'npx projen templates' first" >&2
    exit 1
  fi
done

echo "== checkov $version over ${templates[*]}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
# checkov's exit status says only whether something failed; the verdict below says what.
"$venv/bin/checkov" --skip-download --framework cloudformation "${templates[@]/#/--file=}" -o json >"$report" || true
if "$venv/bin/python" - "$report" "${templates[@]}" <<'PY'; then status=0; else status=1; fi
import json, sys
report, templates = sys.argv[1], sys.argv[2:]
data = json.load(open(report))
runs = data if isinstance(data, list) else [data]
summary = {"passed": 0, "failed": 0, "skipped": 0, "parsing_errors": 0, "resource_count": 0}
problems, files = [], {}
for run in runs:
    for key in summary:
        summary[key] += run.get("summary", {}).get(key, 0)
    results = run.get("results", {})
    for kind in ("passed_checks", "failed_checks", "skipped_checks"):
        for check in results.get(kind, []):
            files.setdefault(check["file_path"].lstrip("/"), []).append(kind)
    for check in results.get("failed_checks", []):
        problems.append(f"FAILED {check['check_id']} ({check['check_name']}) on {check['resource']} in {check['file_path']}")
    for check in results.get("skipped_checks", []):
        if not (check.get("check_result", {}).get("suppress_comment") or "").strip():
            problems.append(f"SKIPPED WITHOUT A COMMENT {check['check_id']} on {check['resource']} in {check['file_path']}")
if summary["parsing_errors"]:
    problems.append(f"checkov could not parse every template: {summary}")
for template in templates:
    kinds = next((v for k, v in files.items() if template.endswith(k) or k.endswith(template)), [])
    if not kinds:
        problems.append(f"checkov checked nothing in {template}")
    print(f"{template}: {kinds.count('passed_checks')} passed, {kinds.count('failed_checks')} failed, "
          f"{kinds.count('skipped_checks')} skipped")
for problem in problems:
    print(f"  {problem}")
sys.exit(1 if problems else 0)
PY

if [ "$status" -eq 0 ]; then echo "checkov: passed"; else echo "checkov: failed"; fi
exit "$status"
