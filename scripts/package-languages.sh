#!/usr/bin/env bash
# Every other language's package from the npm tarball the build already packed (dist/js, the
# `package:js` step): one jsii-pacmak call builds the Python wheel and sdist, the Maven jar and the
# Go module (and the NuGet package where a .NET SDK is installed); without one, a second call
# generates the C# sources only (dist/dotnet), so that C# naming problems still show up.
#
# Neither call packs the project again: jsii-pacmak reads the package unpacked from that tarball
# (in a scratch folder, its dependencies found through a link to node_modules), and its pack
# command copies the tarball itself. So every language embeds byte for byte what npm users get,
# whatever tools have left in the project folder, and packing costs no walk over it.
#
# Maven: the jar is built with the machine's local repository (MAVEN_LOCAL_REPOSITORY, default
# ~/.m2/repository), so plugins and aws-cdk-lib are downloaded once a machine, not once a run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

tarballs=(dist/js/*.jsii.tgz)
if [ "${#tarballs[@]}" -ne 1 ] || [ ! -f "${tarballs[0]}" ]; then
  echo "expected one npm tarball in dist/js, found: ${tarballs[*]} (run 'npx projen package:js' first)" >&2
  exit 1
fi
tarball="$root/${tarballs[0]}"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
tar -xzf "$tarball" -C "$stage"
ln -s "$root/node_modules" "$stage/node_modules"
# jsii-pacmak runs this in a scratch folder and takes the last line it prints as the tarball's name.
pack="cp $(printf '%q' "$tarball") . && echo $(printf '%q' "${tarball##*/}")"
m2=${MAVEN_LOCAL_REPOSITORY:-$HOME/.m2/repository}
mkdir -p "$m2"

targets=python,java,go
if dotnet --version >/dev/null 2>&1; then
  targets=$targets,dotnet
fi
rm -rf dist/python dist/java dist/go dist/dotnet
echo "== jsii-pacmak --targets $targets from ${tarballs[0]} (Maven repository $m2)"
npx jsii-pacmak -v --targets "$targets" --outdir "$root/dist" --pack-command "$pack" \
  --maven-local-repository "$m2" "$stage/package"
if [[ $targets != *dotnet* ]]; then
  echo "No .NET SDK here: generating the C# sources only (dist/dotnet); no NuGet package is built"
  npx jsii-pacmak -v --code-only --targets dotnet --outdir "$root/dist" --pack-command "$pack" "$stage/package"
fi
