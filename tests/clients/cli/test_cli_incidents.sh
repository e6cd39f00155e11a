#!/usr/bin/env bash
# AWS CLI v1 drives Callout's SSM Incidents replication set, incident, timeline and related item
# operations (rest-json), through
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

# ---- incidents, their timelines and related items, on a plan with no engagements ----
PLAN_NAME=cli-$RANDOM$RANDOM
check "a replication set for incidents" succeeds create-replication-set --regions '{"us-east-1":{}}'
SET_ARN=$(field 'd["arn"]')
plan_created() {
  succeeds create-response-plan --name "$PLAN_NAME" --incident-template '{"title":"Disk full","impact":4,"summary":"Free some space"}' || return 1
  PLAN=$(field 'd["arn"]')
}
check "a response plan to start incidents from" plan_created

TRIGGER="arn:aws:cloudwatch:us-east-1:$ACCOUNT:alarm:disk-$RANDOM"
started() {
  succeeds start-incident --response-plan-arn "$PLAN" --title "Disk full on db-1" \
    --trigger-details "source=callout.cli,timestamp=2024-05-01T12:00:00Z,triggerArn=$TRIGGER" \
    --related-items '[{"identifier":{"type":"OTHER","value":{"url":"https://runbook.example/disk"}},"title":"Runbook"}]' || return 1
  INCIDENT=$(field 'd["incidentRecordArn"]')
  [[ "$INCIDENT" =~ ^arn:aws:ssm-incidents::$ACCOUNT:incident-record/$PLAN_NAME/[0-9a-f-]{36}$ ]] || { echo "#   arn: $INCIDENT"; return 1; }
}
check "start-incident answers an incident record ARN" started

deduped() {
  succeeds start-incident --response-plan-arn "$PLAN" --trigger-details "source=callout.cli,timestamp=2024-05-01T12:05:00Z,triggerArn=$TRIGGER" || return 1
  eq "$(field 'd["incidentRecordArn"]')" "$INCIDENT"
}
check "a second start with the same trigger joins the open incident" deduped

record_read() {
  succeeds get-incident-record --arn "$INCIDENT" || return 1
  eq "$(field 'd["incidentRecord"]["status"] + "|" + d["incidentRecord"]["title"] + "|" + str(d["incidentRecord"]["impact"]) + "|" + d["incidentRecord"]["dedupeString"]')" \
    "OPEN|Disk full on db-1|4|$TRIGGER"
}
check "get-incident-record reads it back" record_read

listed_incidents() {
  succeeds list-incident-records --filters '[{"key":"status","condition":{"equals":{"stringValues":["OPEN"]}}}]' --page-size 1 || return 1
  eq "$(field '[s["arn"] for s in d["incidentRecordSummaries"]].count("'"$INCIDENT"'")')" "1"
}
check "list-incident-records pages through the open incidents" listed_incidents

note_added() {
  succeeds create-timeline-event --incident-record-arn "$INCIDENT" --event-time 2024-05-01T12:10:00Z --event-type Note --event-data "Freed 10 GB" || return 1
  EVENT=$(field 'd["eventId"]')
}
check "create-timeline-event adds a note" note_added
events_listed() {
  succeeds list-timeline-events --incident-record-arn "$INCIDENT" --sort-by EVENT_TIME --sort-order DESCENDING --page-size 1 || return 1
  eq "$(field '",".join(sorted(set(e["eventType"] for e in d["eventSummaries"])))')" "Callout Incident Created,Callout Incident Deduplicated,Note"
}
check "list-timeline-events pages through Callout's events and the note" events_listed
check "update-timeline-event changes the note" \
  succeeds update-timeline-event --incident-record-arn "$INCIDENT" --event-id "$EVENT" --event-data "Freed 20 GB"
note_read() {
  succeeds get-timeline-event --incident-record-arn "$INCIDENT" --event-id "$EVENT" || return 1
  eq "$(field 'd["event"]["eventData"]')" "Freed 20 GB"
}
check "get-timeline-event reads the change" note_read
check "a forged Callout event type is refused" \
  fails_with ValidationException create-timeline-event --incident-record-arn "$INCIDENT" --event-time 2024-05-01T12:10:00Z --event-type "Callout Page Sent" --event-data x
check "delete-timeline-event deletes the note" \
  succeeds delete-timeline-event --incident-record-arn "$INCIDENT" --event-id "$EVENT"

DASHBOARD='{"identifier":{"type":"METRIC","value":{"url":"https://grafana.example/d/disk"}},"title":"Dashboard"}'
check "update-related-items adds an item" \
  succeeds update-related-items --incident-record-arn "$INCIDENT" --related-items-update "{\"itemToAdd\":$DASHBOARD}"
check "adding it again is a conflict" \
  fails_with ConflictException update-related-items --incident-record-arn "$INCIDENT" --related-items-update "{\"itemToAdd\":$DASHBOARD}"
items_listed() {
  succeeds list-related-items --incident-record-arn "$INCIDENT" --page-size 1 || return 1
  eq "$(field '[i["title"] for i in d["relatedItems"]]')" "['Runbook', 'Dashboard']"
}
check "list-related-items pages through both" items_listed

findings_empty() {
  succeeds list-incident-findings --incident-record-arn "$INCIDENT" || return 1
  eq "$(field 'd["findings"]')" "[]"
}
check "list-incident-findings is empty" findings_empty
check "update-incident-record resolves it" \
  succeeds update-incident-record --arn "$INCIDENT" --status RESOLVED
resolved() {
  succeeds get-incident-record --arn "$INCIDENT" || return 1
  eq "$(field 'd["incidentRecord"]["status"] + " " + str("resolvedTime" in d["incidentRecord"])')" "RESOLVED True"
}
check "the incident reads RESOLVED with a resolved time" resolved
check "an aws. trigger source is refused" \
  fails_with ValidationException start-incident --response-plan-arn "$PLAN" --trigger-details "source=aws.cloudwatch,timestamp=2024-05-01T12:00:00Z"
check "delete-incident-record deletes it" succeeds delete-incident-record --arn "$INCIDENT"
check "get-incident-record then finds nothing" fails_with ResourceNotFoundException get-incident-record --arn "$INCIDENT"
check "the plan is deleted" succeeds delete-response-plan --arn "$PLAN"
check "the replication set is deleted" succeeds delete-replication-set --arn "$SET_ARN"

if [ -n "${CALLOUT_STRICT_SECRET:-}" ]; then
  wrong_secret_is_refused() {
    ! AWS_SECRET_ACCESS_KEY=wrong-secret aws ssm-incidents list-replication-sets --endpoint-url "$ENDPOINT" 2>"$ERR_FILE" >/dev/null \
      && grep -q "(InvalidSignatureException)" "$ERR_FILE"
  }
  check "a wrong secret is an invalid signature" wrong_secret_is_refused
fi

finish
