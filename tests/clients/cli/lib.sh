# Shared by the AWS CLI suites: an AWS CLI kept apart from the machine's own configuration, TAP-like
# assertions and the closing count. Source it after setting CALLOUT_ENDPOINT:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"; use_credentials KEY SECRET; ...; finish

: "${CALLOUT_ENDPOINT:?set CALLOUT_ENDPOINT to the server URL}"
ENDPOINT="${CALLOUT_ENDPOINT%/}"

# use_credentials KEY SECRET: the CLI needs a region and credentials even for a local endpoint
# (docs/spec/protocol.md §8); a 12-digit access key is the account (§5). Any local profile, config or
# endpoint override is kept out.
use_credentials() {
  export AWS_ACCESS_KEY_ID=$1 AWS_SECRET_ACCESS_KEY=$2 AWS_DEFAULT_REGION=us-east-1
  export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_MAX_ATTEMPTS=1
  unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_SSM_CONTACTS AWS_ENDPOINT_URL_STS AWS_ENDPOINT_URL_SSM_INCIDENTS AWS_CA_BUNDLE
}

# random_account: a 12-digit account no other run uses, so a suite can run again on one server.
random_account() {
  python3 -c 'import random; print(random.randrange(200_000_000_000, 999_999_999_999))'
}

passed=0
failed=0
ERR_FILE=$(mktemp)
TEMP_FILES=("$ERR_FILE")
trap 'rm -f "${TEMP_FILES[@]}"' EXIT

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

# call ARGS...: runs `aws $CLI_SERVICE ARGS` (ssm-contacts unless a suite sets CLI_SERVICE), leaving stdout
# in OUT, stderr in ERR_FILE, status in RC.
call() {
  OUT=$(aws "${CLI_SERVICE:-ssm-contacts}" --endpoint-url "$ENDPOINT" --output json "$@" 2>"$ERR_FILE")
  RC=$?
}

succeeds() {
  call "$@"
  [ "$RC" -eq 0 ]
}

# fails_with CODE ARGS...: the call must fail with that error code (the CLI prints "(CODE)").
fails_with() {
  local code=$1
  shift
  call "$@"
  if [ "$RC" -ne 0 ] && grep -q "($code)" "$ERR_FILE"; then
    return 0
  fi
  echo "#   expected $code, got rc=$RC: $(cat "$ERR_FILE") $OUT"
  return 1
}

# field EXPR: evaluates a Python expression over the last output, bound to `d`.
field() {
  python3 -c 'import json, sys; d = json.loads(sys.argv[1] or "{}"); print(eval(sys.argv[2]))' "$OUT" "$1"
}

eq() {
  if [ "$1" = "$2" ]; then
    return 0
  fi
  printf '#   expected:\n%s\n#   got:\n%s\n' "$2" "$1"
  return 1
}

# finish: the closing count; exits 1 on any failure or when nothing was checked.
finish() {
  echo "$passed passed, $failed failed"
  if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
  fi
}
