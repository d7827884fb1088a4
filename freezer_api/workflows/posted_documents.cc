#include "freezer_api/workflows/posted_documents.h"

#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"

namespace freezer::api {

void stamp_and_validate(const Services& services, const Call& call, rapidjson::Document& body,
                        const char* schema, const char* id_key, const std::string& id) {
  set_string_member(body, id_key, id);
  set_string_member(body, "user_id", call.context.user_id);
  set_string_member(body, "project_id", call.param("project_id"));
  services.schemas.require_valid(schema, body);
}

rapidjson::Document patch_body(const Call& call, std::initializer_list<const char*> server_set) {
  auto patch = call.json_body();
  if (!patch.IsObject()) throw bad_request("The request body must be a JSON object");
  for (const char* key : server_set) patch.RemoveMember(key);
  return patch;
}

}  // namespace freezer::api
