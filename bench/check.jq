# check.jq: `manifestpatch check` written with jq, the baseline that
# bench/compare.sh times it against over many files.
#
#   jq -r --slurpfile want WANT.json -f bench/check.jq FILE...
#
# prints "FILE: missing RESOURCE-APP-ID PERMISSION-ID (TYPE)" for each
# permission of WANT.json (a bare requiredResourceAccess array) that a file
# lacks, comparing ids regardless of case and types exactly. Unlike
# manifestpatch it names permissions by GUID only, and its exit code does
# not say whether anything is missing.

def lc: ascii_downcase;
def key: "\(.app) \(.id | lc) (\(.type))";

(if type == "array" then . else (.requiredResourceAccess // []) end) as $list
| [$list[] | (.resourceAppId | lc) as $app | (.resourceAccess // [])[] | {app: $app, id, type} | key] as $have
| $want[0][]
| (.resourceAppId | lc) as $app
| .resourceAccess[]
| ({app: $app, id, type} | key) as $k
| select(any($have[]; . == $k) | not)
| "\(input_filename): missing \($k)"
