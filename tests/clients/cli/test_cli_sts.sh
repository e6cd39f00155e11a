#!/usr/bin/env bash
# AWS CLI v1 asks Callout's STS who it is, through --endpoint-url and through AWS_ENDPOINT_URL_STS.
#   CALLOUT_ENDPOINT=http://127.0.0.1:5000 bash test_cli_sts.sh
# Under `--auth off` a random 12-digit access key is the account (docs/spec/protocol.md §5). Against a
# `--auth strict` server, CALLOUT_STS_KEY, CALLOUT_STS_SECRET and CALLOUT_STS_ACCOUNT name a
# configured credential; then a wrong secret must be refused too.
# Prints "ok - name" / "not ok - name" lines, then "N passed, M failed"; exits 1 on any failure.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ -n "${CALLOUT_STS_SECRET:-}" ]; then
  KEY=$CALLOUT_STS_KEY SECRET=$CALLOUT_STS_SECRET ACCOUNT=$CALLOUT_STS_ACCOUNT
else
  ACCOUNT=$(random_account)
  KEY=$ACCOUNT SECRET=x
fi
use_credentials "$KEY" "$SECRET"

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

finish
