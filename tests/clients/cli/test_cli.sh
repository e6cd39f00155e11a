#!/usr/bin/env bash
# AWS CLI v1 against a running Callout server; drives all 18 served operations.
#   CALLOUT_ENDPOINT=http://127.0.0.1:5000 bash test_cli.sh
# Prints TAP-like "ok - name" / "not ok - name" lines, then "N passed, M failed"; exits 1 on any failure.
# Every run works under its own alias prefix, so it can run again against the same server.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ACCOUNT=111122223333
use_credentials "$ACCOUNT" x
PREFIX="arn:aws:ssm-contacts:us-east-1:$ACCOUNT"
RUN="cli$(python3 -c 'import uuid; print(uuid.uuid4().hex[:8])')"

# outbox_code ADDRESS: the 6-digit code of the newest activation message sent to ADDRESS.
outbox_code() {
  python3 - "$ENDPOINT" "$1" "$ACCOUNT" <<'EOF'
import json, re, sys, urllib.request
endpoint, address, account = sys.argv[1:]
with urllib.request.urlopen(endpoint + "/_callout/outbox") as response:
    messages = json.load(response)["Messages"]
for m in messages:  # newest first
    if m["Kind"] == "ACTIVATION" and m["Address"] == address and m["AccountId"] == account:
        print(re.search(r"\b(\d{6})\b", m["Body"]).group(1))
        break
EOF
}

phone() {
  python3 -c 'import random; print("+1555%07d" % random.randrange(10**7))'
}

echo "# endpoint $ENDPOINT, run $RUN"

# --- contacts ---------------------------------------------------------------------------------
AKUAM="$RUN-akuam"
check "create-contact returns the contact ARN" succeeds create-contact --alias "$AKUAM" --display-name "Akua Mansa" --type PERSONAL --plan '{"Stages":[]}'
AKUAM_ARN="$PREFIX:contact/$AKUAM"
check "create-contact ARN is built from account, region and alias" eq "$(field 'd["ContactArn"]')" "$AKUAM_ARN"

check "get-contact succeeds" succeeds get-contact --contact-id "$AKUAM_ARN"
check "get-contact returns alias, name, type and an empty plan" \
  eq "$(field '[d["Alias"], d["DisplayName"], d["Type"], d["Plan"]]')" "['$AKUAM', 'Akua Mansa', 'PERSONAL', {'Stages': []}]"

check "update-contact changes the display name" succeeds update-contact --contact-id "$AKUAM_ARN" --display-name "Akua M"
call get-contact --contact-id "$AKUAM_ARN"
check "get-contact shows the new display name" eq "$(field 'd["DisplayName"]')" "Akua M"

TOKEN=$(python3 -c 'import uuid; print(uuid.uuid4())')
check "create-contact with an idempotency token" succeeds create-contact --alias "$RUN-idem" --type PERSONAL --plan '{"Stages":[]}' --idempotency-token "$TOKEN"
check "repeating it with the same token succeeds" succeeds create-contact --alias "$RUN-idem" --type PERSONAL --plan '{"Stages":[]}' --idempotency-token "$TOKEN"
check "the repeat returns the same ARN" eq "$(field 'd["ContactArn"]')" "$PREFIX:contact/$RUN-idem"
check "the same token with another alias is a conflict" fails_with ConflictException create-contact --alias "$RUN-idem2" --type PERSONAL --plan '{"Stages":[]}' --idempotency-token "$TOKEN"
check "a duplicate alias is a conflict" fails_with ConflictException create-contact --alias "$AKUAM" --type PERSONAL --plan '{"Stages":[]}'
check "an invalid alias is a validation error" fails_with ValidationException create-contact --alias 'UPPER!' --type PERSONAL --plan '{"Stages":[]}'
check "get-contact of a missing contact is not found" fails_with ResourceNotFoundException get-contact --contact-id "$PREFIX:contact/$RUN-missing"

# --- list-contacts with CLI auto-pagination ------------------------------------------------------
for name in a b c d e; do
  type=PERSONAL
  [ "$name" = c ] && type=ESCALATION
  check "create-contact $RUN-page-$name" succeeds create-contact --alias "$RUN-page-$name" --type "$type" --plan '{"Stages":[]}'
done
check "list-contacts with --page-size 2 succeeds" succeeds list-contacts --alias-prefix "$RUN-page-" --page-size 2
check "auto-pagination returns all five contacts" \
  eq "$(field 'sorted(c["Alias"] for c in d["Contacts"])')" "['$RUN-page-a', '$RUN-page-b', '$RUN-page-c', '$RUN-page-d', '$RUN-page-e']"
check "auto-pagination leaves no NextToken" eq "$(field '"NextToken" in d')" "False"
check "list-contacts --type ESCALATION succeeds" succeeds list-contacts --alias-prefix "$RUN-page-" --type ESCALATION --page-size 2
check "the type filter keeps only the escalation" eq "$(field '[(c["Alias"], c["Type"]) for c in d["Contacts"]]')" "[('$RUN-page-c', 'ESCALATION')]"
check "list-contacts --max-items 3 succeeds" succeeds list-contacts --alias-prefix "$RUN-page-" --page-size 2 --max-items 3
check "--max-items stops after three with a NextToken" eq "$(field '[len(d["Contacts"]), bool(d.get("NextToken"))]')" "[3, True]"
STARTING=$(field 'd["NextToken"]')
check "--starting-token resumes" succeeds list-contacts --alias-prefix "$RUN-page-" --page-size 2 --starting-token "$STARTING"
check "the resumed listing has the last two" eq "$(field '[c["Alias"] for c in d["Contacts"]]')" "['$RUN-page-d', '$RUN-page-e']"
check "list-contacts --query with --output text" eq "$(aws ssm-contacts list-contacts --endpoint-url "$ENDPOINT" --alias-prefix "$RUN-page-" --type PERSONAL --query 'length(Contacts)' --output text 2>"$ERR_FILE")" "4"

# --- contact channels -----------------------------------------------------------------------------
SMS=$(phone)
check "create-contact-channel succeeds" succeeds create-contact-channel --contact-id "$AKUAM_ARN" --name "akuas sms" --type SMS --delivery-address "SimpleAddress=$SMS"
CHANNEL=$(field 'd["ContactChannelArn"]')
check "the channel ARN sits under the contact" eq "${CHANNEL%/*}" "$PREFIX:contact-channel/$AKUAM"

check "get-contact-channel succeeds" succeeds get-contact-channel --contact-channel-id "$CHANNEL"
check "a new channel is NOT_ACTIVATED with its fields" \
  eq "$(field '[d["ContactArn"], d["Name"], d["Type"], d["DeliveryAddress"]["SimpleAddress"], d["ActivationStatus"]]')" "['$AKUAM_ARN', 'akuas sms', 'SMS', '$SMS', 'NOT_ACTIVATED']"

CODE=$(outbox_code "$SMS")
check "the outbox holds a 6-digit activation code" eq "${#CODE}" "6"
check "a wrong activation code is refused" fails_with ValidationException activate-contact-channel --contact-channel-id "$CHANNEL" --activation-code "$([ "$CODE" = 000000 ] && echo 111111 || echo 000000)"
check "activate-contact-channel with the outbox code" succeeds activate-contact-channel --contact-channel-id "$CHANNEL" --activation-code "$CODE"
call get-contact-channel --contact-channel-id "$CHANNEL"
check "the channel is ACTIVATED" eq "$(field 'd["ActivationStatus"]')" "ACTIVATED"

check "deactivate-contact-channel succeeds" succeeds deactivate-contact-channel --contact-channel-id "$CHANNEL"
call get-contact-channel --contact-channel-id "$CHANNEL"
check "the channel is NOT_ACTIVATED again" eq "$(field 'd["ActivationStatus"]')" "NOT_ACTIVATED"

check "send-activation-code succeeds" succeeds send-activation-code --contact-channel-id "$CHANNEL"
NEW_CODE=$(outbox_code "$SMS")
check "the new code activates the channel" succeeds activate-contact-channel --contact-channel-id "$CHANNEL" --activation-code "$NEW_CODE"
check "send-activation-code on an active channel is refused" fails_with ValidationException send-activation-code --contact-channel-id "$CHANNEL"

check "update-contact-channel renames" succeeds update-contact-channel --contact-channel-id "$CHANNEL" --name "akuas phone"
call get-contact-channel --contact-channel-id "$CHANNEL"
check "a rename keeps the channel ACTIVATED" eq "$(field '[d["Name"], d["ActivationStatus"]]')" "['akuas phone', 'ACTIVATED']"
SMS2=$(phone)
check "update-contact-channel changes the address" succeeds update-contact-channel --contact-channel-id "$CHANNEL" --delivery-address "SimpleAddress=$SMS2"
call get-contact-channel --contact-channel-id "$CHANNEL"
check "a new address must be activated again" eq "$(field '[d["DeliveryAddress"]["SimpleAddress"], d["ActivationStatus"]]')" "['$SMS2', 'NOT_ACTIVATED']"
SMS2_CODE=$(outbox_code "$SMS2")
check "the new address got its own code" eq "${#SMS2_CODE}" "6"

EMAIL="$RUN@example.com"
check "create-contact-channel --defer-activation" succeeds create-contact-channel --contact-id "$AKUAM_ARN" --name "akuas email" --type EMAIL --delivery-address "SimpleAddress=$EMAIL" --defer-activation
EMAIL_CHANNEL=$(field 'd["ContactChannelArn"]')
check "a deferred channel sends no code" eq "$(outbox_code "$EMAIL")" ""

check "list-contact-channels succeeds" succeeds list-contact-channels --contact-id "$AKUAM_ARN"
check "both channels are listed" eq "$(field 'sorted(c["ContactChannelArn"] for c in d["ContactChannels"])')" \
  "$(python3 -c 'import sys; print(sorted(sys.argv[1:]))' "$CHANNEL" "$EMAIL_CHANNEL")"

# A three-stage personal plan over the channels, as in the UpdateContact example.
PLAN=$(python3 -c 'import json, sys; print(json.dumps({"Stages": [{"DurationInMinutes": 5, "Targets": [{"ChannelTargetInfo": {"ContactChannelId": c, "RetryIntervalInMinutes": 1}}]} for c in sys.argv[1:]]}))' "$CHANNEL" "$EMAIL_CHANNEL" "$CHANNEL")
check "update-contact sets a plan" succeeds update-contact --contact-id "$AKUAM_ARN" --plan "$PLAN"
call get-contact --contact-id "$AKUAM_ARN"
check "get-contact returns the plan as sent" eq "$(field 'json.dumps(d["Plan"], sort_keys=True)')" "$(python3 -c 'import json, sys; print(json.dumps(json.loads(sys.argv[1]), sort_keys=True))' "$PLAN")"

check "delete-contact-channel succeeds" succeeds delete-contact-channel --contact-channel-id "$EMAIL_CHANNEL"
check "a deleted channel is not found" fails_with ResourceNotFoundException get-contact-channel --contact-channel-id "$EMAIL_CHANNEL"
call list-contact-channels --contact-id "$AKUAM_ARN"
check "list-contact-channels no longer shows it" eq "$(field '[c["ContactChannelArn"] for c in d["ContactChannels"]]')" "['$CHANNEL']"

# An escalation plan over the personal contact.
ESCALATION_PLAN="{\"Stages\":[{\"DurationInMinutes\":5,\"Targets\":[{\"ContactTargetInfo\":{\"ContactId\":\"$AKUAM_ARN\",\"IsEssential\":true}}]}]}"
check "create-contact ESCALATION with a plan" succeeds create-contact --alias "$RUN-escalation" --display-name "Example Escalation Plan" --type ESCALATION --plan "$ESCALATION_PLAN"
call get-contact --contact-id "$PREFIX:contact/$RUN-escalation"
check "the escalation plan targets the contact" eq "$(field '[d["Type"], d["Plan"]["Stages"][0]["Targets"][0]["ContactTargetInfo"]]')" "['ESCALATION', {'ContactId': '$AKUAM_ARN', 'IsEssential': True}]"

# --- tags -----------------------------------------------------------------------------------------
check "tag-resource succeeds" succeeds tag-resource --resource-arn "$AKUAM_ARN" --tags Key=group1,Value=1 Key=team,Value=blue
check "list-tags-for-resource succeeds" succeeds list-tags-for-resource --resource-arn "$AKUAM_ARN"
check "both tags are listed" eq "$(field 'sorted((t["Key"], t["Value"]) for t in d["Tags"])')" "[('group1', '1'), ('team', 'blue')]"
check "untag-resource succeeds" succeeds untag-resource --resource-arn "$AKUAM_ARN" --tag-keys group1
call list-tags-for-resource --resource-arn "$AKUAM_ARN"
check "only the other tag is left" eq "$(field 'd["Tags"]')" "[{'Key': 'team', 'Value': 'blue'}]"
TOO_MANY=$(python3 -c 'import json; print(json.dumps([{"Key": "k%d" % i, "Value": "v"} for i in range(51)]))')
check "51 tags in one request are refused" fails_with ValidationException tag-resource --resource-arn "$AKUAM_ARN" --tags "$TOO_MANY"
check "a channel cannot be tagged" fails_with ValidationException tag-resource --resource-arn "$CHANNEL" --tags Key=a,Value=b
check "tagging a missing contact is not found" fails_with ResourceNotFoundException tag-resource --resource-arn "$PREFIX:contact/$RUN-missing" --tags Key=a,Value=b

# --- contact policy -------------------------------------------------------------------------------
POLICY=$(python3 - "$AKUAM" <<'EOF'
import botocore.session, sys
# botocore's PutContactPolicy example, pointed at this run's contact.
loader = botocore.session.get_session().get_component("data_loader")
policy = loader.load_service_model("ssm-contacts", "examples-1", "2021-05-03")["examples"]["PutContactPolicy"][0]["input"]["Policy"]
print(policy.replace("contact/akuam", "contact/" + sys.argv[1]).replace("engagement/akuam/", "engagement/%s/" % sys.argv[1]))
EOF
)
check "put-contact-policy succeeds" succeeds put-contact-policy --contact-arn "$AKUAM_ARN" --policy "$POLICY"
check "get-contact-policy succeeds" succeeds get-contact-policy --contact-arn "$AKUAM_ARN"
check "get-contact-policy returns the same policy" \
  eq "$(field '[d["ContactArn"], json.loads(d["Policy"])]')" "$(python3 -c 'import json, sys; print([sys.argv[1], json.loads(sys.argv[2])])' "$AKUAM_ARN" "$POLICY")"
check "an unparsable policy is refused" fails_with ValidationException put-contact-policy --contact-arn "$AKUAM_ARN" --policy "not json"

# --- not yet available ------------------------------------------------------------------------------

# --- deletion -------------------------------------------------------------------------------------
check "delete-contact succeeds" succeeds delete-contact --contact-id "$AKUAM_ARN"
check "a deleted contact is not found" fails_with ResourceNotFoundException get-contact --contact-id "$AKUAM_ARN"
check "its channels went with it" fails_with ResourceNotFoundException get-contact-channel --contact-channel-id "$CHANNEL"
check "deleting it again is not found" fails_with ResourceNotFoundException delete-contact --contact-id "$AKUAM_ARN"
call list-contacts --alias-prefix "$AKUAM"
check "list-contacts no longer shows it" eq "$(field 'd["Contacts"]')" "[]"

finish
