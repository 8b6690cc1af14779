#!/usr/bin/env bash
# Consumer test: does a Python, Go or Java user of the packages this project builds get the same
# stack as a TypeScript user? Each language installs the built package the way its users do and
# synthesizes the tutorial's app: python/app.py (and the README's Python example, through
# python/readme_app.py), go/main.go, java/ (a Maven project). A TypeScript user does the same with
# the npm package and the same aws-cdk-lib version (typescript/app.ts). compare-templates.ts fails
# unless every template is byte for byte the TypeScript one.
#
# aws-cdk-lib: the dev dependency's version (package.json) when the language's registry has it.
# A registry can lag npm (PyPI has no aws-cdk-lib 2.276.0, Maven Central stops at 2.263.0 here);
# then the language gets the newest version its registry has within [peer floor, dev version], the
# script says so, and the TypeScript reference is synthesized on that same version, so each
# comparison holds the library code and aws-cdk-lib fixed and lets only the language change.
#
# Needs the packages first (`.ci/run` builds them): the npm tarball (dist/js, `npx projen
# package:js`), the wheel (dist/python, `package:python`), the Go module (dist/go, `package:go`)
# and the Maven jar (dist/java, `package:java`). Needs the network: npm, PyPI, the Go module proxy
# and Maven Central. The jar is installed into the local Maven repository (~/.m2), replacing any
# earlier build of the same version.
# CONSUMER_LANGUAGES picks the languages (default "python go java").
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
languages=${CONSUMER_LANGUAGES:-python go java}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The apps read their region from here; set it so that no machine setting changes one side only.
export CDK_DEFAULT_REGION=us-east-1

dev_version=$(node -p 'require("./package.json").devDependencies["aws-cdk-lib"]')
floor_version=$(node -p 'require("./package.json").peerDependencies["aws-cdk-lib"].replace(/^\^/, "")')
constructs_version=$(node -p 'require("./package.json").devDependencies["constructs"]')
types_node_version=$(node -p 'require("@types/node/package.json").version')
echo "== consumer test: aws-cdk-lib $dev_version (dev), floor $floor_version, constructs $constructs_version, region $CDK_DEFAULT_REGION"

one_file() { # one_file <glob> <what>: the single file a glob matches, or fail
  local matches=($1)
  if [ "${#matches[@]}" -ne 1 ] || [ ! -f "${matches[0]}" ]; then
    echo "expected one $2 ($1), found: ${matches[*]}" >&2
    return 1
  fi
  echo "$root/${matches[0]}"
}

# typescript_reference <aws-cdk-lib version>: synthesize the TypeScript app once per version, as a
# user would: a scratch npm project with the packed library and that aws-cdk-lib.
typescript_reference() {
  local version=$1 project="$work/typescript-$1" tarball
  if [ -d "$work/out/typescript-$version" ]; then
    return 0
  fi
  tarball=$(one_file 'dist/js/*.tgz' 'npm package (npx projen package:js)')
  echo "== TypeScript reference: ${tarball##*/}, aws-cdk-lib@$version"
  mkdir -p "$project"
  echo '{ "name": "typescript-consumer", "version": "0.0.0", "private": true }' > "$project/package.json"
  # A user's settings; the app is type-checked against the package's own .d.ts files.
  echo '{ "compilerOptions": { "target": "ES2022", "module": "node16", "strict": true, "skipLibCheck": true, "types": ["node"] } }' \
    > "$project/tsconfig.json"
  # Exact versions only, so npm's cache (when the machine has one) may answer without asking the registry.
  (cd "$project" && npm install --no-audit --no-fund --loglevel=error --prefer-offline \
    "$tarball" "aws-cdk-lib@$version" "constructs@$constructs_version" "@types/node@$types_node_version")
  cp test/consumers/typescript/app.ts "$project/"
  (cd "$project" && CDK_OUTDIR="$work/out/typescript-$version" "$root/node_modules/.bin/ts-node" app.ts)
}

compare() { # compare <language> <aws-cdk-lib version>
  typescript_reference "$2"
  "$root/node_modules/.bin/ts-node" --transpile-only --project tsconfig.dev.json \
    test/consumers/compare-templates.ts "$work/out/typescript-$2" "$work/out/$1" "$1"
}

python_consumer() {
  local wheel version
  wheel=$(one_file 'dist/python/*.whl' 'wheel (npx projen package:python)')
  echo "== Python: fresh virtual environment with ${wheel##*/}"
  python3 -m venv "$work/venv"
  "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    "$wheel" "aws-cdk-lib>=$floor_version,<=$dev_version" "constructs==$constructs_version"
  version=$("$work/venv/bin/python" -c 'from importlib.metadata import version; print(version("aws-cdk-lib"))')
  if [ "$version" != "$dev_version" ]; then
    echo "NOTE python: PyPI has no aws-cdk-lib $dev_version; comparing Python and TypeScript on $version, the newest it has"
  fi
  echo "== Python: aws-cdk-lib $version"
  CDK_OUTDIR="$work/out/python" "$work/venv/bin/python" test/consumers/python/app.py
  compare python "$version"
  echo "== Python: the README's Python example"
  CDK_OUTDIR="$work/out/python-readme" "$work/venv/bin/python" test/consumers/python/readme_app.py
  compare python-readme "$version"
}

go_consumer() {
  local lib module version
  lib=$(one_file 'dist/go/*/go.mod' 'Go module (npx projen package:go)')
  lib=$(dirname "$lib")
  module=$(cd "$lib" && go list -m)
  echo "== Go: scratch module using $module from dist/go"
  mkdir -p "$work/go"
  cp test/consumers/go/main.go "$work/go/"
  cd "$work/go"
  go mod init consumer 2>/dev/null
  go mod edit -require="$module@v0.0.0" -replace="$module=$lib"
  go mod tidy
  version=$(go list -m -f '{{.Version}}' github.com/aws/aws-cdk-go/awscdk/v2)
  version=${version#v}
  echo "== Go: aws-cdk-lib (awscdk) $version"
  go build -o consumer .
  CDK_OUTDIR="$work/out/go" ./consumer
  cd "$root"
  compare go "$version"
}

java_consumer() {
  local pom jar library_version version
  pom=$(one_file 'dist/java/*/*/*/*/*/*.pom' 'Maven jar (npx projen package:java)')
  jar=${pom%.pom}.jar
  library_version=$(basename "$(dirname "$pom")")
  echo "== Java: installing ${jar##*/} into the local Maven repository"
  mvn -B -ntp -q -Dstyle.color=never install:install-file -Dfile="$jar" -DpomFile="$pom"
  mkdir -p "$work/java"
  cp -R test/consumers/java/. "$work/java/"
  cd "$work/java"
  # The newest aws-cdk-lib Maven Central has within [floor, dev version].
  mvn -B -ntp -q -Dstyle.color=never dependency:list -DincludeArtifactIds=aws-cdk-lib -DoutputFile=cdk-version.txt \
    -Dlibrary.version="$library_version" -Dcdk.version="[$floor_version,$dev_version]"
  version=$(grep -o 'software.amazon.awscdk:aws-cdk-lib:jar:[0-9][0-9.]*' cdk-version.txt | cut -d: -f4)
  if [ -z "$version" ]; then
    echo "could not tell which aws-cdk-lib Maven resolved:" >&2
    cat cdk-version.txt >&2
    return 1
  fi
  if [ "$version" != "$dev_version" ]; then
    echo "NOTE java: Maven Central has no aws-cdk-lib $dev_version; comparing Java and TypeScript on $version, the newest it has"
  fi
  echo "== Java: aws-cdk-lib $version, constructs $constructs_version"
  CDK_OUTDIR="$work/out/java" mvn -B -ntp -q -Dstyle.color=never compile exec:java \
    -Dlibrary.version="$library_version" -Dcdk.version="$version" -Dconstructs.version="$constructs_version"
  cd "$root"
  compare java "$version"
}

passed=()
failed=()
for language in $languages; do
  case "$language" in
    python | go | java) ;;
    *) echo "unknown consumer language: $language" >&2; failed+=("$language"); continue ;;
  esac
  # A subshell with errexit, not tested by `if`, so that any failing step fails this language
  # and the next language still runs.
  set +e
  ( set -e; "${language}_consumer" )
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then passed+=("$language"); else failed+=("$language"); fi
done

echo "consumers: passed: ${passed[*]:-none}; failed: ${failed[*]:-none}"
[ "${#failed[@]}" -eq 0 ]
