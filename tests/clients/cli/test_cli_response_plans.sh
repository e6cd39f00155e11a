#!/usr/bin/env bash
# AWS CLI v1 drives Callout's response plans, their resource policies and the ssm-incidents tag
# operations (rest-json); ssm-contacts makes the contact a plan engages.
#   CALLOUT_ENDPOINT=http://127.0.0.1:5000 bash test_cli_response_plans.sh
# Under `--auth off` a random 12-digit access key is the account. Against a `--auth strict` server,
# CALLOUT_STRICT_KEY, CALLOUT_STRICT_SECRET and CALLOUT_STRICT_ACCOUNT name a configured credential;
# the tag calls then check the signature over a path holding a percent-encoded ARN.
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

SUFFIX=$(python3 -c 'import uuid; print(uuid.uuid4().hex[:8])')
NAME="cli-plan-$SUFFIX"
ALIAS="cli-dba-$SUFFIX"

contact_made() {
  CLI_SERVICE=ssm-contacts succeeds create-contact --alias "$ALIAS" --type PERSONAL --plan '{"Stages":[]}' || return 1
  CONTACT=$(field 'd["ContactArn"]')
}
check "ssm-contacts create-contact makes the contact to engage" contact_made

CLI_SERVICE=ssm-incidents

created() {
  succeeds create-response-plan --name "$NAME" --display-name "CLI plan" \
    --incident-template '{"title":"Database down","impact":2,"summary":"Replica lag"}' \
    --engagements "$CONTACT" --tags owner=ops || return 1
  ARN=$(field 'd["arn"]')
  eq "$ARN" "arn:aws:ssm-incidents::$ACCOUNT:response-plan/$NAME"
}
check "create-response-plan answers a regionless ARN" created

read_back() {
  succeeds get-response-plan --arn "$ARN" || return 1
  eq "$(field 'd["displayName"] + " " + d["incidentTemplate"]["title"] + " " + ",".join(d["engagements"])')" "CLI plan Database down $CONTACT"
}
check "get-response-plan reads it back" read_back

listed() {
  succeeds list-response-plans || return 1
  eq "$(field '[s["arn"] for s in d["responsePlanSummaries"] if s["name"] == "'"$NAME"'"]')" "['$ARN']"
}
check "list-response-plans lists it (the CLI follows nextToken)" listed

check "a second plan of that name is a conflict" \
  fails_with ConflictException create-response-plan --name "$NAME" --incident-template '{"title":"t","impact":3}'
check "an engagement naming no contact is refused" \
  fails_with ValidationException create-response-plan --name "$NAME-2" --incident-template '{"title":"t","impact":3}' \
    --engagements "arn:aws:ssm-contacts:us-east-1:$ACCOUNT:contact/nobody-$SUFFIX"

updated() {
  succeeds update-response-plan --arn "$ARN" --incident-template-title "Renamed" --incident-template-impact 1 --engagements '[]' || return 1
  succeeds get-response-plan --arn "$ARN" || return 1
  eq "$(field 'd["incidentTemplate"]["title"] + " " + str(d["incidentTemplate"]["impact"]) + " " + str("engagements" in d)')" "Renamed 1 False"
}
check "update-response-plan replaces the title and impact and clears the engagements" updated

policy_put() {
  succeeds put-resource-policy --resource-arn "$ARN" --policy '{"Version":"2012-10-17","Statement":[]}' || return 1
  POLICY_ID=$(field 'd["policyId"]')
  succeeds get-resource-policies --resource-arn "$ARN" || return 1
  eq "$(field '[p["policyId"] for p in d["resourcePolicies"]]')" "['$POLICY_ID']"
}
check "put-resource-policy stores a policy that get-resource-policies returns" policy_put
check "a policy that is not JSON is refused" \
  fails_with ValidationException put-resource-policy --resource-arn "$ARN" --policy 'not json'
check "delete-resource-policy deletes it" \
  succeeds delete-resource-policy --resource-arn "$ARN" --policy-id "$POLICY_ID"

tagged() {
  succeeds tag-resource --resource-arn "$ARN" --tags tier=1 || return 1
  succeeds untag-resource --resource-arn "$ARN" --tag-keys owner || return 1
  OUT=$(AWS_DEFAULT_REGION=eu-west-1 aws ssm-incidents list-tags-for-resource --endpoint-url "$ENDPOINT" --output json \
    --resource-arn "$ARN" 2>"$ERR_FILE") || return 1
  eq "$(field 'd["tags"]')" "{'tier': '1'}"
}
check "tag-resource and untag-resource change the tags every region lists" tagged
check "tags of another account's plan are not found" \
  fails_with ResourceNotFoundException list-tags-for-resource --resource-arn "arn:aws:ssm-incidents::123456789012:response-plan/$NAME"

check "delete-response-plan deletes it" succeeds delete-response-plan --arn "$ARN"
check "delete-response-plan of an absent plan succeeds silently" succeeds delete-response-plan --arn "$ARN"
check "get-response-plan then finds nothing" fails_with ResourceNotFoundException get-response-plan --arn "$ARN"
CLI_SERVICE=ssm-contacts succeeds delete-contact --contact-id "$CONTACT"

finish
