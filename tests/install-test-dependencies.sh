#!/usr/bin/env bash
# What the tests need beyond the .NET SDK, python3 with boto3, the AWS CLI and Node.js: the JS SDK
# v3 from npm, Debian's aiosmtpd as the delivery tests' SMTP server, curl, whose --aws-sigv4
# command lines the documentation gives for a --auth strict server, and systemd-analyze, which
# checks the release's unit. Run by .ci/run and by the test build, so `dotnet test Callout.slnx`
# works on a fresh machine; does nothing when all is there.
set -euo pipefail
cd "$(dirname "$0")"

if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
  else
    echo "install Debian's python3-aiosmtpd (sudo apt-get install python3-aiosmtpd) for the email delivery tests" >&2
  fi
fi

if ! command -v curl >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null
  else
    echo "install curl (sudo apt-get install curl) for the signed-request tests" >&2
  fi
fi

# systemd-analyze checks the release's systemd unit (tests/Callout.EndToEnd/Release).
if ! command -v systemd-analyze >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq systemd >/dev/null
  else
    echo "install systemd (sudo apt-get install systemd) for the release unit's test" >&2
  fi
fi

# Also when a dependency was added to package.json since node_modules was installed.
if [ ! -d clients/js/node_modules ] || ! (cd clients/js && node -e '
  const fs = require("fs");
  const deps = Object.keys(JSON.parse(fs.readFileSync("package.json", "utf8")).dependencies);
  process.exit(deps.every(d => fs.existsSync("node_modules/" + d)) ? 0 : 1);'); then
  (cd clients/js && npm ci --no-audit --no-fund)
fi
