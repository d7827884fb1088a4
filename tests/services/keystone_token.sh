# Sourced by the test scripts: small Identity v3 helpers over curl and jq.

# keystone_token <v3 url> <user> <password> <project>: a project-scoped token for a user of the
# Default domain.
keystone_token() {
  local body
  body=$(jq -nc --arg u "$2" --arg p "$3" --arg s "$4" \
    '{auth:{identity:{methods:["password"],password:{user:{name:$u,domain:{id:"default"},password:$p}}},
      scope:{project:{name:$s,domain:{id:"default"}}}}}')
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "$body" "$1/auth/tokens" \
    | awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r'
}

# keystone_api <v3 url> <token> <method> <path> [json body]: one call; the answer on stdout.
keystone_api() {
  local data=()
  [ $# -ge 5 ] && data=(-H 'Content-Type: application/json' -d "$5")
  curl -s -X "$3" -H "X-Auth-Token: $2" "${data[@]}" "$1$4"
}

# keystone_catalog_entry <v3 url> <token> <type> <name> <endpoint url>: the service of that
# type (made if missing) with its public, internal and admin endpoints at the URL in RegionOne
# (made, or moved there).
keystone_catalog_entry() {
  local v3=$1 tok=$2 type=$3 name=$4 url=$5 service iface existing body
  service=$(keystone_api "$v3" "$tok" GET "/services?type=$type" | jq -r '.services[0].id // empty')
  [ -n "$service" ] || service=$(keystone_api "$v3" "$tok" POST /services \
    "$(jq -nc --arg t "$type" --arg n "$name" '{service:{type:$t,name:$n,enabled:true}}')" | jq -r .service.id)
  for iface in public internal admin; do
    existing=$(keystone_api "$v3" "$tok" GET "/endpoints?service_id=$service&interface=$iface" \
      | jq -r '.endpoints[0].id // empty')
    body=$(jq -nc --arg s "$service" --arg i "$iface" --arg u "$url" \
      '{endpoint:{service_id:$s,interface:$i,url:$u,region_id:"RegionOne",enabled:true}}')
    if [ -n "$existing" ]; then
      keystone_api "$v3" "$tok" PATCH "/endpoints/$existing" "$body" >/dev/null
    else
      keystone_api "$v3" "$tok" POST /endpoints "$body" >/dev/null
    fi
  done
}
