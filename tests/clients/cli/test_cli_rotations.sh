#!/usr/bin/env bash
# AWS CLI v1 drives rotations, overrides and shift listings against a running Callout server.
#   CALLOUT_ENDPOINT=http://127.0.0.1:5000 bash test_cli_rotations.sh
# The rotations and expected shifts are test vectors 1, 7 and 9 of docs/spec/rotations.md §4, read from the
# table every test layer shares, tests/vectors/rotation-shifts.json. Vector 7 has an override, which
# must end in the future and at most six months ahead, so it is moved forward by whole weeks.
# Prints "ok - name" / "not ok - name" lines, then "N passed, M failed"; exits 1 on any failure.
# Every run works in an account of its own, so it can run again against the same server.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ACCOUNT=$(random_account)
use_credentials "$ACCOUNT" x
PREFIX="arn:aws:ssm-contacts:us-east-1:$ACCOUNT"
# The table, by path from this script: tests/clients/cli -> tests/vectors.
export VECTORS_PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/vectors/rotation-shifts.json"
HELPER=$(mktemp --suffix .py)
TEMP_FILES+=("$HELPER")

# Shifts written as docs/spec/rotations.md §4 writes them: "C 2024-01-01T12:00→2024-01-01T18:00 O(A)".
cat >"$HELPER" <<'EOF'
import json, os, sys
from datetime import datetime, timedelta, timezone

UTC = timezone.utc

def weeks(w):
    return timedelta(weeks=int(w))

def at(w, text):
    return datetime.strptime("2024-" + text, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC) + weeks(w)

def parse(value):
    # AWS CLI v1 prints timestamps as the wire sent them (epoch seconds) unless told otherwise.
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, UTC)
    return datetime.fromisoformat(value).astimezone(UTC)

def text(t):
    return t.strftime("%Y-%m-%dT%H:%M") if t.second == 0 and t.microsecond == 0 else t.isoformat()

def letters(ids, prefix):
    names = [i[len(prefix):].upper() if i.startswith(prefix) else i for i in ids]
    return ",".join(names) if names else "[]"

command = sys.argv[1]
if command == "at":  # at WEEKS MM-DDTHH:MM -> ISO 8601 for the CLI
    print(at(sys.argv[2], sys.argv[3]).strftime("%Y-%m-%dT%H:%M:%SZ"))
elif command == "near-future-weeks":  # 2024-01-01 (a Monday) becomes a Monday 8 to 14 days ahead
    print((datetime.now(UTC) - datetime(2024, 1, 1, tzinfo=UTC)).days // 7 + 2)
elif command == "describe":  # describe PREFIX JSON -> one line per shift
    prefix, data = sys.argv[2], json.loads(sys.argv[3])
    for s in data["RotationShifts"]:
        details = s.get("ShiftDetails")
        if s["Type"] == "REGULAR" and details is None:
            kind = "R"
        elif s["Type"] == "OVERRIDDEN" and details is not None:
            kind = f"O({letters(details['OverriddenContactIds'], prefix)})"
        else:
            kind = f"{s['Type']} with ShiftDetails {details!r}"
        print(f"{letters(s['ContactIds'], prefix)} {text(parse(s['StartTime']))}→{text(parse(s['EndTime']))} {kind}")
elif command == "vector":  # vector N WEEKS FIELD: a field of vector N's (only) rotation, moved by WEEKS
    with open(os.environ["VECTORS_PATH"], encoding="utf-8") as f:
        vector = next(v for v in json.load(f)["Vectors"] if v["Number"] == int(sys.argv[2]))
    (r,) = vector["Rotations"]
    moved = lambda iso: datetime.fromisoformat(iso) + weeks(sys.argv[3])
    cli = lambda iso: moved(iso).strftime("%Y-%m-%dT%H:%M:%SZ")
    joined = lambda letters: ",".join(letters) or "[]"
    field = sys.argv[4]
    if field == "weeks":  # overrides must end after now: 2024-01-01 becomes a Monday 8 to 14 days ahead
        print((datetime.now(UTC) - datetime(2024, 1, 1, tzinfo=UTC)).days // 7 + 2 if r["Overrides"] else 0)
    elif field == "contacts":
        print(" ".join(r["ContactIds"]))
    elif field in ("start", "query-start", "query-end"):
        print(cli({"start": r["StartTime"], "query-start": r["Query"]["StartTime"], "query-end": r["Query"]["EndTime"]}[field]))
    elif field in ("zone", "recurrence"):
        print(r["TimeZoneId"] if field == "zone" else json.dumps(r["Recurrence"]))
    elif field in ("override-contacts", "override-start", "override-end"):  # its one override
        (o,) = r["Overrides"]
        print(" ".join(o["NewContactIds"]) if field == "override-contacts" else cli(o["StartTime" if field == "override-start" else "EndTime"]))
    elif field == "preview-overrides":
        print(json.dumps([{"NewMembers": o["NewContactIds"], "StartTime": cli(o["StartTime"]), "EndTime": cli(o["EndTime"])} for o in r["Overrides"]]))
    elif field == "expected":
        for s in r["Shifts"]:
            kind = f"O({joined(s['ShiftDetails']['OverriddenContactIds'])})" if s["Type"] == "OVERRIDDEN" else "R"
            print(f"{joined(s['ContactIds'])} {text(moved(s['StartTime']))}→{text(moved(s['EndTime']))} {kind}")
elif command == "expect":  # expect WEEKS "A 01-01T09:00 01-02T09:00 [O(A)]"... -> the same lines
    w = sys.argv[2]
    for line in sys.argv[3:]:
        parts = line.split()
        kind = parts[3] if len(parts) > 3 else "R"
        print(f"{parts[0]} {text(at(w, parts[1]))}→{text(at(w, parts[2]))} {kind}")
EOF

at() { python3 "$HELPER" at "$1" "$2"; }
shifts_text() { python3 "$HELPER" describe "$PREFIX:contact/" "$OUT"; }
expect() { python3 "$HELPER" expect "$@"; }
vec() { python3 "$HELPER" vector "$@"; }
# arns LETTER...: the contact ARNs of the letters.
arns() { for letter in "$@"; do printf '%s\n' "$PREFIX:contact/${letter,,}"; done; }

DAILY_0900='{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}]}'

echo "# endpoint $ENDPOINT, account $ACCOUNT"

for alias in a b c d; do
  check "create-contact $alias" succeeds create-contact --alias "$alias" --type PERSONAL --plan '{"Stages":[]}'
done
A="$PREFIX:contact/a"
B="$PREFIX:contact/b"
C="$PREFIX:contact/c"

# --- vector 1: daily one-day shifts -------------------------------------------------------------
W1=$(vec 1 0 weeks)
# shellcheck disable=SC2046 # one ARN per word
check "create-rotation (vector 1)" succeeds create-rotation --name "vector one" --contact-ids $(arns $(vec 1 "$W1" contacts)) \
  --start-time "$(vec 1 "$W1" start)" --time-zone-id "$(vec 1 "$W1" zone)" --recurrence "$(vec 1 "$W1" recurrence)"
V1=$(field 'd["RotationArn"]')
check "the rotation ARN is rotation/<uuid>" eq "$(field 'bool(__import__("re").fullmatch(r"arn:aws:ssm-contacts:us-east-1:[0-9]{12}:rotation/[0-9a-f-]{36}", d["RotationArn"]))')" "True"
V1_SHIFTS=$(vec 1 "$W1" expected)
check "list-rotation-shifts (vector 1)" succeeds list-rotation-shifts --rotation-id "$V1" --start-time "$(vec 1 "$W1" query-start)" --end-time "$(vec 1 "$W1" query-end)"
check "vector 1 gives the spec's shifts" eq "$(shifts_text)" "$V1_SHIFTS"
check "list-rotation-shifts --page-size 1 (auto-pagination)" succeeds list-rotation-shifts --rotation-id "$V1" --start-time "$(vec 1 "$W1" query-start)" --end-time "$(vec 1 "$W1" query-end)" --page-size 1
check "one shift a page joins up to the same shifts" eq "$(shifts_text)" "$V1_SHIFTS"

check "get-rotation" succeeds get-rotation --rotation-id "$V1"
check "get-rotation returns name, contacts and zone" eq "$(field '[d["Name"], d["ContactIds"], d["TimeZoneId"]]')" "['vector one', ['$A', '$B', '$C'], 'UTC']"
check "get-rotation returns the recurrence as sent" eq "$(field "d['Recurrence'] == json.loads('$(vec 1 "$W1" recurrence)')")" "True"

# --- vector 7: an override inside one shift, in the near future ---------------------------------
W=$(vec 7 0 weeks)
# shellcheck disable=SC2046 # one ARN per word
check "create-rotation (vector 7)" succeeds create-rotation --name "vector seven" --contact-ids $(arns $(vec 7 "$W" contacts)) \
  --start-time "$(vec 7 "$W" start)" --time-zone-id "$(vec 7 "$W" zone)" --recurrence "$(vec 7 "$W" recurrence)"
V7=$(field 'd["RotationArn"]')
# shellcheck disable=SC2046 # one ARN per word
check "create-rotation-override" succeeds create-rotation-override --rotation-id "$V7" --new-contact-ids $(arns $(vec 7 "$W" override-contacts)) \
  --start-time "$(vec 7 "$W" override-start)" --end-time "$(vec 7 "$W" override-end)"
OVERRIDE=$(field 'd["RotationOverrideId"]')
check "list-rotation-shifts (vector 7)" succeeds list-rotation-shifts --rotation-id "$V7" --start-time "$(vec 7 "$W" query-start)" --end-time "$(vec 7 "$W" query-end)"
check "vector 7 gives the spec's shifts" eq "$(shifts_text)" "$(vec 7 "$W" expected)"
check "get-rotation-override" succeeds get-rotation-override --rotation-id "$V7" --rotation-override-id "$OVERRIDE"
check "the override names C" eq "$(field 'd["NewContactIds"]')" "['$C']"
check "list-rotation-overrides" succeeds list-rotation-overrides --rotation-id "$V7" --start-time "$(at "$W" 01-01T00:00)" --end-time "$(at "$W" 01-02T00:00)"
check "list-rotation-overrides returns the override" eq "$(field '[o["RotationOverrideId"] for o in d["RotationOverrides"]]')" "['$OVERRIDE']"
check "an override by a non-member is a validation error" fails_with ValidationException create-rotation-override --rotation-id "$V7" \
  --new-contact-ids "$PREFIX:contact/d" --start-time "$(at "$W" 01-01T12:00)" --end-time "$(at "$W" 01-01T18:00)"
check "an override in the past is a validation error" fails_with ValidationException create-rotation-override --rotation-id "$V7" \
  --new-contact-ids "$C" --start-time "$(at 0 01-01T12:00)" --end-time "$(at 0 01-01T18:00)"
check "delete-rotation-override" succeeds delete-rotation-override --rotation-id "$V7" --rotation-override-id "$OVERRIDE"
check "list-rotation-shifts after the delete" succeeds list-rotation-shifts --rotation-id "$V7" --start-time "$(at "$W" 01-01T09:00)" --end-time "$(at "$W" 01-02T09:00)"
check "the regular team is back" eq "$(shifts_text)" "$(expect "$W" "A 01-01T09:00 01-02T09:00")"
check "the deleted override is not found" fails_with ResourceNotFoundException get-rotation-override --rotation-id "$V7" --rotation-override-id "$OVERRIDE"

# --- previews: plain member strings, and overrides keep their 2024 dates ----------------------------
# shellcheck disable=SC2046 # one member per word
check "list-preview-rotation-shifts (vector 7, plain member strings)" succeeds list-preview-rotation-shifts \
  --members $(vec 7 0 contacts) --rotation-start-time "$(vec 7 0 start)" --start-time "$(vec 7 0 query-start)" --end-time "$(vec 7 0 query-end)" \
  --time-zone-id "$(vec 7 0 zone)" --recurrence "$(vec 7 0 recurrence)" --overrides "$(vec 7 0 preview-overrides)"
check "the preview of vector 7 gives the spec's shifts" eq "$(shifts_text)" "$(vec 7 0 expected)"

V9_SHIFTS=$(vec 9 0 expected)
# shellcheck disable=SC2046 # one member per word
check "list-preview-rotation-shifts (vector 9, one shift a page)" succeeds list-preview-rotation-shifts \
  --members $(vec 9 0 contacts) --rotation-start-time "$(vec 9 0 start)" --start-time "$(vec 9 0 query-start)" --end-time "$(vec 9 0 query-end)" \
  --time-zone-id "$(vec 9 0 zone)" --recurrence "$(vec 9 0 recurrence)" --page-size 1
check "the preview of vector 9 moves the hand-off out of the DST gap" eq "$(shifts_text)" "$V9_SHIFTS"

# --- vector 9: DST spring-forward -----------------------------------------------------------------
# shellcheck disable=SC2046 # one ARN per word
check "create-rotation (vector 9)" succeeds create-rotation --name "vector nine" --contact-ids $(arns $(vec 9 0 contacts)) \
  --start-time "$(vec 9 0 start)" --time-zone-id "$(vec 9 0 zone)" --recurrence "$(vec 9 0 recurrence)"
V9=$(field 'd["RotationArn"]')
check "list-rotation-shifts (vector 9)" succeeds list-rotation-shifts --rotation-id "$V9" --start-time "$(vec 9 0 query-start)" --end-time "$(vec 9 0 query-end)"
check "vector 9 gives the spec's shifts" eq "$(shifts_text)" "$V9_SHIFTS"

# --- update, list, schedules, deletion ----------------------------------------------------------------
WEEKLY='{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"WeeklySettings":[{"DayOfWeek":"MON","HandOffTime":{"HourOfDay":9,"MinuteOfHour":0}}]}'
check "update-rotation replaces the recurrence" succeeds update-rotation --rotation-id "$V9" --recurrence "$WEEKLY"
call get-rotation --rotation-id "$V9"
check "get-rotation shows the new recurrence" eq "$(field "d['Recurrence'] == json.loads('$WEEKLY')")" "True"
check "get-rotation keeps the zone and contacts" eq "$(field '[d["TimeZoneId"], d["ContactIds"]]')" "['America/New_York', ['$A', '$B']]"
check "list-rotations --rotation-name-prefix" succeeds list-rotations --rotation-name-prefix "vector " --page-size 1
check "list-rotations pages through every rotation by name" eq "$(field '[r["Name"] for r in d["Rotations"]]')" "['vector nine', 'vector one', 'vector seven']"
check "a bad time zone is a validation error" fails_with ValidationException create-rotation --name bad --contact-ids "$A" \
  --time-zone-id PST --recurrence "$DAILY_0900"
check "a missing member is not found" fails_with ResourceNotFoundException create-rotation --name bad --contact-ids "$PREFIX:contact/ghost" \
  --time-zone-id UTC --recurrence "$DAILY_0900"
check "a member cannot be deleted" fails_with ConflictException delete-contact --contact-id "$A"

check "create-contact ONCALL_SCHEDULE" succeeds create-contact --alias oncall --type ONCALL_SCHEDULE --plan "{\"Stages\":[],\"RotationIds\":[\"$V1\",\"$V9\"]}"
check "list-contacts --type ONCALL_SCHEDULE" succeeds list-contacts --type ONCALL_SCHEDULE
check "only the schedule is listed" eq "$(field '[c["Alias"] for c in d["Contacts"]]')" "['oncall']"
check "delete-rotation" succeeds delete-rotation --rotation-id "$V1"
check "a deleted rotation is not found" fails_with ResourceNotFoundException get-rotation --rotation-id "$V1"
call get-contact --contact-id "$PREFIX:contact/oncall"
check "the schedule lost the deleted rotation" eq "$(field 'd["Plan"]["RotationIds"]')" "['$V9']"

finish
