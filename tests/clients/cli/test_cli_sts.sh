#!/usr/bin/env bash
# AWS CLI v1 asks Callout's STS who it is, through --endpoint-url and through AWS_ENDPOINT_URL_STS.
#   CALLOUT_ENDPOINT=http://127.0.0.1:5000 bash test_cli_sts.sh
# Under `--auth off` a random 12-digit access key is the account (spec/protocol.md §5). Against a
# `--auth strict` server, CALLOUT_STS_KEY, CALLOUT_STS_SECRET and CALLOUT_STS_ACCOUNT name a
# configured credential; then a wrong secret must be refused too.
# Prints "ok - name" / "not ok - name" lines, then "N passed, M failed"; exits 1 on any failure.
set -u

: "${CALLOUT_ENDPOINT:?set CALLOUT_ENDPOINT to the server URL}"
ENDPOINT="${CALLOUT_ENDPOINT%/}"

if [ -n "${CALLOUT_STS_SECRET:-}" ]; then
  KEY=$CALLOUT_STS_KEY SECRET=$CALLOUT_STS_SECRET ACCOUNT=$CALLOUT_STS_ACCOUNT
else
  ACCOUNT=$(python3 -c 'import random; print(random.randrange(200_000_000_000, 999_999_999_999))')
  KEY=$ACCOUNT SECRET=x
fi
# Keep any local profile, config or endpoint override out of it.
export AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_MAX_ATTEMPTS=1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_SSM_CONTACTS AWS_ENDPOINT_URL_STS AWS_CA_BUNDLE

passed=0
failed=0
ERR_FILE=$(mktemp)
trap 'rm -f "$ERR_FILE"' EXIT

# check NAME COMMAND...: runs COMMAND and counts it as one assertion.
check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok - $name"
  else
    failed=$((failed + 1))
    echo "not ok - $name"
    if [ -s "$ERR_FILE" ]; then
      sed 's/^/#   stderr: /' "$ERR_FILE"
    fi
  fi
}

# identity_is ACCOUNT ARN ARGS...: `aws sts get-caller-identity ARGS` must name that account and ARN.
identity_is() {
  local account=$1 arn=$2
  shift 2
  local out
  out=$(aws sts get-caller-identity --output text --query '[Account, UserId, Arn]' "$@" 2>"$ERR_FILE") || return 1
  [ "$out" = "$account	$account	$arn" ] || { echo "#   got: $out"; return 1; }
}

check "get-caller-identity with --endpoint-url names the key's account" \
  identity_is "$ACCOUNT" "arn:aws:iam::$ACCOUNT:root" --endpoint-url "$ENDPOINT"

# Without an endpoint the CLI would ask sts.amazonaws.com, so an answer shows the variable was used.
with_sts_variable() {
  AWS_ENDPOINT_URL_STS=$ENDPOINT identity_is "$@"
}
check "AWS_ENDPOINT_URL_STS points the CLI at Callout without --endpoint-url" \
  with_sts_variable "$ACCOUNT" "arn:aws:iam::$ACCOUNT:root"

check "a China region gets an ARN in the aws-cn partition" \
  identity_is "$ACCOUNT" "arn:aws-cn:iam::$ACCOUNT:root" --endpoint-url "$ENDPOINT" --region cn-north-1

if [ -n "${CALLOUT_STS_SECRET:-}" ]; then
  wrong_secret_is_refused() {
    ! AWS_SECRET_ACCESS_KEY=wrong-secret aws sts get-caller-identity --endpoint-url "$ENDPOINT" 2>"$ERR_FILE" >/dev/null \
      && grep -q "(SignatureDoesNotMatch)" "$ERR_FILE"
  }
  check "a wrong secret is a signature that does not match" wrong_secret_is_refused
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
