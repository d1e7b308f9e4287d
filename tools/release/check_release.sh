#!/usr/bin/env bash
# The release as a maintainer cuts it, checked end to end from a fresh clone of HEAD (not the work tree):
#   1. the README's pack command, first time, in a clone that was never built;
#   2. the packages' sizes against the limits (tool package <= 30 MB, installed tool <= 60 MB; MB = 10^6 bytes);
#   3. the tool installed from that output into an empty tool path: `normguard --help`, and `normguard drift --report`
#      on the Diamonds sample with one feature shifted (exit 2, one inline SVG chart per feature);
#   4. a fresh console project that restores the packed library, builds with warnings as errors, and runs.
# Prints the figures (sizes, install time) it measured. Used by .ci/run; run it by hand before tagging a release.
set -euo pipefail
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

max_tool_package=30000000
max_tool_installed=60000000

git clone -q "$repo" "$work/clone"
cd "$work/clone"
version=$(sed -n 's:.*<NormGuardVersion>\(.*\)</NormGuardVersion>.*:\1:p' Directory.Build.props)
echo "release check: NormGuard $version from a fresh clone of $(git rev-parse --short HEAD)"

# 1. The README's command (section "Releasing").
dotnet pack NormGuard.sln -c Release -o artifacts/release 2>&1 | tee "$work/pack.log" | grep -E "Successfully created|warning|error" || true
if grep -qE ": (warning|error) " "$work/pack.log"; then
  echo "release check: dotnet pack printed warnings or errors (above)" >&2
  exit 1
fi
for package in NormGuard NormGuard.Extensions.AI NormGuard.AspNetCore NormGuard.Tool; do
  for extension in nupkg snupkg; do
    [[ -s "artifacts/release/$package.$version.$extension" ]] || { echo "release check: artifacts/release/$package.$version.$extension is missing" >&2; exit 1; }
  done
done

# 2. Sizes.
library_size=$(stat -c %s "artifacts/release/NormGuard.$version.nupkg")
tool_size=$(stat -c %s "artifacts/release/NormGuard.Tool.$version.nupkg")
echo "release check: NormGuard.$version.nupkg $library_size bytes, NormGuard.Tool.$version.nupkg $tool_size bytes (limit $max_tool_package)"
if (( tool_size > max_tool_package )); then
  echo "release check: the tool package is $tool_size bytes, over the limit of $max_tool_package" >&2
  exit 1
fi

# 3. The tool, installed into an empty tool path from the packed output, through an empty NuGet cache (a cached package
#    of the same version would otherwise be installed instead, and the time would not be a first install's).
tools="$work/tools"
start=$(date +%s%N)
NUGET_PACKAGES="$work/nuget-packages" dotnet tool install NormGuard.Tool --version "$version" --tool-path "$tools" --add-source "$PWD/artifacts/release" >/dev/null
install_ms=$(( ($(date +%s%N) - start) / 1000000 ))
installed=$(du -sb "$tools" | cut -f1)
echo "release check: tool installed in ${install_ms} ms, $installed bytes on disk (limit $max_tool_installed)"
if (( installed > max_tool_installed )); then
  echo "release check: the installed tool takes $installed bytes, over the limit of $max_tool_installed" >&2
  exit 1
fi
"$tools/normguard" --help | grep -q "normguard \[command\] \[options\]"
paste -d, samples/Diamonds/data/split.csv samples/Diamonds/data/diamonds.csv \
  | awk -F, 'NR == 1 || $1 == "test"' | cut -d, -f2- \
  | awk -F, -v OFS=, 'NR > 1 { $5 = $5 + 0.715 } 1' > "$work/depth-shifted.csv"
status=0
"$tools/normguard" drift --manifest samples/Diamonds/diamonds.normguard.json --data "$work/depth-shifted.csv" --report "$work/drift.html" >"$work/drift.log" 2>&1 || status=$?
if [[ $status -ne 2 ]]; then cat "$work/drift.log" >&2; echo "release check: normguard drift on shifted depth exited $status, expected 2" >&2; exit 1; fi
charts=$(grep -o "<svg " "$work/drift.html" | wc -l)
if [[ $charts -ne 9 ]]; then echo "release check: the drift report has $charts charts, expected 9 (one per feature)" >&2; exit 1; fi
echo "release check: normguard --help and drift --report (exit 2, $charts charts) from the installed tool"

# 4. A fresh consumer of the packed library.
consumer="$work/consumer"
mkdir -p "$consumer"
cp tests/NormGuard.Package.Tests/Consumer/Program.cs tests/NormGuard.Package.Tests/Consumer/houses.normguard.json "$consumer/"
sed -e "s/\$VERSION\\$/$version/" -e 's/\$TFM\$/net10.0/' -e 's/\$REFERENCES\$//' \
  tests/NormGuard.Package.Tests/Consumer/Consumer.csproj.template > "$consumer/Consumer.csproj"
cat > "$consumer/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="release" value="$PWD/artifacts/release" />
  </packageSources>
</configuration>
EOF
dotnet build "$consumer" -c Release -p:RestorePackagesPath="$consumer/packages" -nologo -v:q >/dev/null
output=$(dotnet run --project "$consumer" --no-build -c Release)
[[ "$(head -1 <<<"$output")" == "1 1 0 1 -1 0 1 0" ]] || { echo "release check: the consumer printed: $output" >&2; exit 1; }
echo "release check: a fresh consumer restored NormGuard $version, built with warnings as errors and ran"
echo "release check: passed"
