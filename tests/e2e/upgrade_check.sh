#!/usr/bin/env bash
# freezer-manager-status upgrade check (oslo.upgradecheck's table and exit codes) on SQLite: an
# empty database and a current one succeed, a database db sync would refuse fails naming what
# it found, a JSON policy file fails, deprecated and unused options warn. (A 13.0.0 database
# before and after its adoption: adopt_13_database.sh.)
# Usage: upgrade_check.sh <freezer-manager-status> <freezer-manage>
set -euo pipefail
status=$1 manage=$2
. "$(dirname "$0")/../support/lib.sh"
new_work_dir upgrade-check
cd "$work"
check() {  # check <expected exit> <pattern> <what>: in the table's text, wrapped lines joined
  local rc=0
  "$status" --config-file check.conf upgrade check > out.txt 2>&1 || rc=$?
  sed -e 's/^| //' -e 's/ *|$//' out.txt | tr '\n' ' ' | tr -s ' ' > flat.txt
  [ "$rc" = "$1" ] || fail "$3: exit $rc, not $1: $(cat out.txt)"
  grep -Eq "$2" flat.txt || fail "$3: no '$2' in: $(cat out.txt)"
}
printf '[database]\nconnection = sqlite:///%s/fresh.db\n' "$work" > check.conf
check 0 "Details: an empty database: db sync creates the schema" "an empty database"
grep -q "^| Upgrade Check Results" out.txt || fail "not oslo.upgradecheck's table: $(cat out.txt)"
"$manage" --config-file check.conf db sync >/dev/null 2>&1
check 0 "schema version [0-9]+: current" "a current database"
echo "ok: empty and current databases"

sqlite3 other.db "CREATE TABLE jobs (job_id VARCHAR(36) PRIMARY KEY)"
printf '[database]\nconnection = sqlite:///%s/other.db\n' "$work" > check.conf
check 2 "Result: Failure" "a database db sync would refuse"
grep -q "already has freezer tables (jobs)" flat.txt || fail "the failure does not say what it found: $(cat out.txt)"
echo "ok: a database it cannot adopt fails with what it found"

printf '[database]\nconnection = sqlite:///%s/fresh.db\n' "$work" > check.conf
printf '{"jobs:get_all": "role:admin"}\n' > policy.yaml
check 2 "policy.yaml is JSON-formatted" "a JSON policy file"
printf '"jobs:get_all": "role:admin"\n"my_alias": "role:auditor"\n' > policy.yaml
check 1 "Result: Warning" "a rule no route checks"
grep -q "my_alias" flat.txt || fail "the warning does not name my_alias: $(cat out.txt)"
rm policy.yaml
printf '[keystone_authtoken]\nauth_uri = http://127.0.0.1:5000\n[DEFAULT]\ntransport_url = rabbit://h\n' >> check.conf
check 1 "auth_uri is deprecated: use \[keystone_authtoken\] www_authenticate_uri" "a deprecated option"
grep -q "transport_url is not used" flat.txt || fail "unused option not named: $(cat out.txt)"
echo "ok: JSON policy files fail; unknown rules, deprecated and unused options warn"
echo "upgrade check: all checks passed"
