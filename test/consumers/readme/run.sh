#!/usr/bin/env bash
# A user's view of the package: a fresh CDK app installs the packed tarball from dist/js with
# a given aws-cdk-lib, copies the README's smallest examples word for word (the REST one and the
# HTTP one, each in an app of its own), registers cdk-nag's AwsSolutions checks and synthesizes. It
# fails when a snippet does not compile, when cdk-nag reports an error (on the HTTP app: one on
# anything but the snippet's own Lambda function), or when a stack lacks what the construct promises.
#
#   test/consumers/readme/run.sh [aws-cdk-lib version ...]
#   (default: latest; 2.270.0, the first that takes single-finding acknowledgements; the peer floor)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tarball=$(ls "$root"/dist/js/cdk-cognito-protected-api@*.jsii.tgz 2>/dev/null | head -n 1 || true)
if [ -z "$tarball" ]; then
  echo "no tarball in dist/js: run 'npx projen build' first" >&2
  exit 1
fi
floor=$(node -p "require('$root/package.json').peerDependencies['aws-cdk-lib'].replace(/^\\^/, '')")
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(latest 2.270.0 "$floor")

passed=0
failed=0
for version in "${versions[@]}"; do
  app=$(mktemp -d)
  echo "== consumer app with aws-cdk-lib@$version in $app"
  (
    cd "$app"
    npm init -y >/dev/null
    npm install --no-audit --no-fund --loglevel=error "$tarball" "aws-cdk-lib@$version" 'constructs@^10' \
      'cdk-nag@^3' 'typescript@~6.0.3' '@types/node@^20' >/dev/null
    # cdk-nag needs aws-cdk-lib 2.270.0 to take the construct's acknowledgements of single findings.
    nag=true
    if [ "$version" != latest ] && node -e "const [a,b]=process.argv.slice(1).map(v=>v.split('.').map(Number)); process.exit(a[1]<b[1]?0:1)" "$version" 2.270.0; then
      nag=false
    fi
    node "$here/make-app.js" "$root/README.md" "$nag" > app.ts
    npx tsc --types node --noEmitOnError --strict --target es2022 --module commonjs --esModuleInterop --skipLibCheck app.ts
    node app.js
  ) && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED with aws-cdk-lib@$version"; }
  rm -rf "$app"
done
echo "README consumer: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
