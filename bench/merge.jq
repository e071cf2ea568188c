# merge.jq: the calendar-sync merge written with jq, the baseline that
# bench/compare.sh times `manifestpatch apply` against.
#
#   jq --tab --slurpfile want WANT.json -f bench/merge.jq MANIFEST.json > OUT.json
#
# WANT.json is a bare requiredResourceAccess array, as
# `manifestpatch print --format array` prints it. For each wanted resource,
# the first entry whose resourceAppId matches it regardless of case gets the
# wanted (id, type) pairs it lacks appended (ids compared regardless of
# case, types exactly); a resource the manifest lacks is appended as a new
# entry. A missing or null requiredResourceAccess starts empty, and a bare
# top-level array is merged as it is. jq re-serializes the whole document,
# so unlike manifestpatch it does not keep the file's bytes.

def lc: ascii_downcase;

# add_access($a): append the permission $a to a resourceAccess array unless
# it is already there.
def add_access($a):
  if any(.[]; (.id // "" | lc) == ($a.id | lc) and .type == $a.type) then .
  else . + [{id: $a.id, type: $a.type}]
  end;

# merge_list($want): merge the wanted array into a requiredResourceAccess
# array: find the resource's entry or append one, then add what it lacks.
def merge_list($want):
  reduce $want[] as $r (. // [];
    ($r.resourceAppId | lc) as $app
    | (([.[] | .resourceAppId // "" | lc] | index($app)) // length) as $i
    | if $i == length then . + [{resourceAppId: $r.resourceAppId, resourceAccess: []}] else . end
    | .[$i].resourceAccess |= reduce $r.resourceAccess[] as $a (. // []; add_access($a)));

if type == "array" then merge_list($want[0])
else .requiredResourceAccess |= merge_list($want[0])
end
