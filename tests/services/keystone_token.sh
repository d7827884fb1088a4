# Sourced by the test scripts: a project-scoped Keystone token for a user of the Default domain.
# keystone_token <v3 url> <user> <password> <project>
keystone_token() {
  local body
  body=$(jq -nc --arg u "$2" --arg p "$3" --arg s "$4" \
    '{auth:{identity:{methods:["password"],password:{user:{name:$u,domain:{id:"default"},password:$p}}},
      scope:{project:{name:$s,domain:{id:"default"}}}}}')
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "$body" "$1/auth/tokens" \
    | awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r'
}
