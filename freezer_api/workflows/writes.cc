#include "freezer_api/workflows/writes.h"

#include "common/uuid.h"
#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"

namespace freezer::api {
namespace {

ApiError id_already_exists() { return conflict("Document with the specified ID already exists."); }

}  // namespace

std::string given_or_new_id(const rapidjson::Value& body, const char* key) {
  auto given = body.FindMember(key);
  if (given != body.MemberEnd() && given->value.IsString() && given->value.GetStringLength() > 0)
    return std::string(given->value.GetString(), given->value.GetStringLength());
  return common::uuid4_hex();
}

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

void claim_new_id(const db::IdOwner& owner, const std::string& taken_by_live) {
  switch (owner.state) {
    case db::IdOwner::State::kLive:
      throw conflict(taken_by_live);
    case db::IdOwner::State::kDeleted:
      throw id_already_exists();
    case db::IdOwner::State::kFree:
      return;
  }
}

bool claim_id_to_replace(const db::IdOwner& owner, const std::string& project_id) {
  if (owner.state == db::IdOwner::State::kFree) return false;
  if (owner.state == db::IdOwner::State::kLive && owner.project_id == project_id) return true;
  throw id_already_exists();
}

}  // namespace freezer::api
