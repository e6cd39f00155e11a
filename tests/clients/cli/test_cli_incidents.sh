#!/usr/bin/env bash
# AWS CLI v1 drives Callout's SSM Incidents replication set operations (rest-json), through
# --endpoint-url and through AWS_ENDPOINT_URL_SSM_INCIDENTS.
#   CALLOUT_ENDPOINT=http://127.0.0.1:5000 bash test_cli_incidents.sh
# Under `--auth off` a random 12-digit access key is the account (docs/spec/protocol.md §5). Against a
# `--auth strict` server, CALLOUT_STRICT_KEY, CALLOUT_STRICT_SECRET and CALLOUT_STRICT_ACCOUNT name a
# configured credential; then a wrong secret must be refused too.
# Prints "ok - name" / "not ok - name" lines, then "N passed, M failed"; exits 1 on any failure.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ -n "${CALLOUT_STRICT_SECRET:-}" ]; then
  KEY=$CALLOUT_STRICT_KEY SECRET=$CALLOUT_STRICT_SECRET ACCOUNT=$CALLOUT_STRICT_ACCOUNT
else
  ACCOUNT=$(random_account)
  KEY=$ACCOUNT SECRET=x
fi
use_credentials "$KEY" "$SECRET"

CLI_SERVICE=ssm-incidents

created() {
  succeeds create-replication-set --regions '{"us-east-1":{},"eu-west-1":{"sseKmsKeyId":"arn:aws:kms:eu-west-1:111122223333:key/k"}}' || return 1
  ARN=$(field 'd["arn"]')
  [[ "$ARN" =~ ^arn:aws:ssm-incidents::$ACCOUNT:replication-set/[0-9a-f-]{36}$ ]] || { echo "#   arn: $ARN"; return 1; }
}
check "create-replication-set answers a regionless ARN" created

active() {
  succeeds get-replication-set --arn "$ARN" || return 1
  eq "$(field 'd["replicationSet"]["status"] + " " + ",".join(sorted(d["replicationSet"]["regionMap"]))')" "ACTIVE eu-west-1,us-east-1"
}
check "get-replication-set reads it ACTIVE with both regions" active

check "wait wait-for-replication-set-active returns at once" \
  aws ssm-incidents wait wait-for-replication-set-active --endpoint-url "$ENDPOINT" --arn "$ARN"

listed() {
  succeeds list-replication-sets || return 1
  eq "$(field 'd["replicationSetArns"]')" "['$ARN']"
}
check "list-replication-sets lists it" listed

with_variable() {
  OUT=$(AWS_ENDPOINT_URL_SSM_INCIDENTS=$ENDPOINT aws ssm-incidents get-replication-set --arn "$ARN" --output json 2>"$ERR_FILE") || return 1
  eq "$(field 'd["replicationSet"]["arn"]')" "$ARN"
}
check "AWS_ENDPOINT_URL_SSM_INCIDENTS points the CLI at Callout without --endpoint-url" with_variable

region_added() {
  succeeds update-replication-set --arn "$ARN" --actions '[{"addRegionAction":{"regionName":"ap-south-1"}}]' || return 1
  succeeds get-replication-set --arn "$ARN" || return 1
  eq "$(field 'sorted(d["replicationSet"]["regionMap"])')" "['ap-south-1', 'eu-west-1', 'us-east-1']"
}
check "update-replication-set adds a region" region_added

check "update-deletion-protection turns protection on" \
  succeeds update-deletion-protection --arn "$ARN" --deletion-protected
check "a protected set is not deleted" \
  fails_with ValidationException delete-replication-set --arn "$ARN"
check "a second set is a conflict" \
  fails_with ConflictException create-replication-set --regions '{"us-east-1":{}}'
check "update-deletion-protection turns protection off" \
  succeeds update-deletion-protection --arn "$ARN" --no-deletion-protected
check "delete-replication-set deletes it" \
  succeeds delete-replication-set --arn "$ARN"
check "wait wait-for-replication-set-deleted returns at once" \
  aws ssm-incidents wait wait-for-replication-set-deleted --endpoint-url "$ENDPOINT" --arn "$ARN"
check "get-replication-set then finds nothing" \
  fails_with ResourceNotFoundException get-replication-set --arn "$ARN"

if [ -n "${CALLOUT_STRICT_SECRET:-}" ]; then
  wrong_secret_is_refused() {
    ! AWS_SECRET_ACCESS_KEY=wrong-secret aws ssm-incidents list-replication-sets --endpoint-url "$ENDPOINT" 2>"$ERR_FILE" >/dev/null \
      && grep -q "(InvalidSignatureException)" "$ERR_FILE"
  }
  check "a wrong secret is an invalid signature" wrong_secret_is_refused
fi

finish
