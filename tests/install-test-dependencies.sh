#!/usr/bin/env bash
# What the tests need beyond the .NET SDK, python3 with boto3, the AWS CLI and Node.js: the JS SDK
# v3 from npm, and from Debian: aiosmtpd as the delivery tests' SMTP server, curl, whose
# --aws-sigv4 command lines the documentation gives for a --auth strict server, and Prometheus's
# Alertmanager and server, which the alert intake tests run on loopback as real senders, and
# systemd-analyze, which checks the release's systemd unit. Run by
# .ci/run and by the test build, so `dotnet test Callout.slnx` works on a fresh machine; does
# nothing when all is there, and fails when apt cannot install what is missing.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages to install: each with the check that tells it is there and why the tests need it.
missing=()
want() { # PACKAGE REASON CHECK...
  local package=$1 reason=$2
  shift 2
  if ! "$@" >/dev/null 2>&1; then
    missing+=("$package")
    echo "test dependency missing: $package ($reason)" >&2
  fi
}
want python3-aiosmtpd "the email delivery tests' SMTP server" /usr/bin/python3 -c 'import aiosmtpd'
want curl "the signed-request tests" command -v curl
want prometheus-alertmanager "the Alertmanager intake tests" command -v prometheus-alertmanager
want prometheus "the test that fires an alert from a Prometheus rule" command -v prometheus
want systemd "the release unit's test (systemd-analyze verify)" command -v systemd-analyze
want chromium "the console's browser tests (driven by Playwright with the system browser)" command -v chromium

if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" != 0 ]; then
  # A developer without root still builds; the tests that need a package fail naming it.
  echo "install them with: sudo apt-get install ${missing[*]}" >&2
elif [ ${#missing[@]} -gt 0 ]; then
  # Waits for another apt or dpkg run instead of failing on its lock. The packages' services are
  # not wanted: the tests start their own processes on free ports.
  apt_options=(-o DPkg::Lock::Timeout=300 -qq)
  apt-get "${apt_options[@]}" update
  DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null
  for package in "${missing[@]}"; do
    dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q 'install ok installed' \
      || { echo "apt did not install $package" >&2; exit 1; }
  done
fi

# Also when a dependency was added to package.json since node_modules was installed.
if [ ! -d clients/js/node_modules ] || ! (cd clients/js && node -e '
  const fs = require("fs");
  const deps = Object.keys(JSON.parse(fs.readFileSync("package.json", "utf8")).dependencies);
  process.exit(deps.every(d => fs.existsSync("node_modules/" + d)) ? 0 : 1);'); then
  (cd clients/js && npm ci --no-audit --no-fund)
fi
