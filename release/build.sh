#!/usr/bin/env bash
# Builds Callout's release: for each runtime a self-contained, single-file `callout` executable
# (no .NET needed where it runs) and an archive holding it, the example configuration and the
# systemd unit (docs/operations.md, "Install").
#
#   release/build.sh                       linux-x64 and linux-arm64, into artifacts/release/
#   release/build.sh --rid linux-x64       one runtime (repeat --rid for more)
#   release/build.sh --out DIR             somewhere else
#   release/build.sh --reuse               keep an archive already built from the same sources
#
# Prints the path of each archive on standard output; the build's own output goes to stderr.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/artifacts/release"
rids=()
reuse=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rids+=("${2:?--rid needs a runtime identifier, such as linux-x64}"); shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --reuse) reuse=true; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release/build.sh: unknown argument '$1'; see --help" >&2; exit 2 ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64)
mkdir -p "$out"
out=$(cd "$out" && pwd)

project="$root/src/Callout.Server/Callout.Server.csproj"
version=$(dotnet msbuild "$project" -nologo -getProperty:Version)

# What the archive is built from: the commit plus any change to it under the build's inputs, so
# --reuse never hands back an archive of other sources. Without git there is nothing to compare.
fingerprint() {
  (cd "$root" && git rev-parse HEAD 2>/dev/null) || return 1
  local inputs=(src release Directory.Build.props Directory.Packages.props global.json)
  (cd "$root" && git diff HEAD --binary -- "${inputs[@]}" \
    && git ls-files --others --exclude-standard -z -- "${inputs[@]}" | xargs -0 -r sha256sum)
}

# Archive entries get the commit's time and root's ownership, so a rebuild of one commit gives the
# same archive listing.
epoch=$(cd "$root" && git log -1 --format=%ct 2>/dev/null || date +%s)

for rid in "${rids[@]}"; do
  name="callout-$version-$rid"
  archive="$out/$name.tar.gz"
  stamp="$archive.sources"
  current=$(fingerprint | sha256sum | cut -d' ' -f1; echo "$rid")
  if $reuse && [ -f "$archive" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$current" ]; then
    echo "release/build.sh: $archive is up to date" >&2
    echo "$archive"
    continue
  fi

  stage="$out/$name"
  rm -rf "$stage" "$archive" "$stamp"
  # Its own artifacts path keeps the release's restore and build (per runtime) apart from the
  # Debug build's obj/ folders, so neither disturbs the other.
  # Not trimmed: Npgsql, prometheus-net and the configuration binder use reflection
  # (docs/decisions.md, "Release").
  dotnet publish "$project" \
    --configuration Release \
    --runtime "$rid" \
    --self-contained true \
    --artifacts-path "$out/build" \
    --output "$stage/publish" \
    -p:PublishSingleFile=true \
    -p:IncludeNativeLibrariesForSelfExtract=true \
    -p:DebugType=none \
    -nologo >&2

  install -m 0755 "$stage/publish/Callout.Server" "$stage/callout"
  install -m 0644 "$root/release/callout.example.json" "$root/release/callout.service" "$stage/"
  rm -rf "$stage/publish"
  tar --create --gzip --file "$archive" --directory "$out" \
    --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" "$name"
  rm -rf "$stage"
  echo "$current" > "$stamp"
  echo "$archive"
done
