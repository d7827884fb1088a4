#include "freezer_api/workflows/id_claims.h"

#include "common/json.h"
#include "common/uuid.h"
#include "freezer_api/errors.h"

namespace freezer::api {
namespace {

ApiError id_already_exists() { return conflict("Document with the specified ID already exists."); }

}  // namespace

std::string given_or_new_id(const rapidjson::Value& body, const char* key) {
  auto given = common::string_member(body, key);
  return given && !given->empty() ? *given : common::uuid4_hex();
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
