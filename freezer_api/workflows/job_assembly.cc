#include "freezer_api/workflows/job_assembly.h"

#include <algorithm>
#include <map>

#include "common/json.h"
#include "common/uuid.h"
#include "freezer_api/documents/action_document.h"
#include "freezer_api/errors.h"
#include "freezer_api/workflows/id_claims.h"

namespace freezer::api {
namespace {

std::string display(const rapidjson::Value& v) {
  if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
  return common::to_json(v);
}

}  // namespace

std::vector<db::ActionRecord> resolve_job_actions(db::Transaction& tx,
                                                  const rapidjson::Value& job_actions,
                                                  const std::string& project_id,
                                                  const std::string& user_id) {
  std::vector<db::ActionRecord> resolved;
  for (const auto& entry : job_actions.GetArray()) {
    std::string id;
    if (auto given = entry.FindMember("action_id");
        given != entry.MemberEnd() && given->value.IsString() && given->value.GetStringLength() > 0)
      id = given->value.GetString();
    if (!id.empty()) {
      if (auto existing = tx.actions().find(project_id, id)) {
        if (same_freezer_action(parsed_freezer_action(*existing), entry["freezer_action"])) {
          resolved.push_back(std::move(*existing));
          continue;
        }
        id.clear();  // a changed definition becomes a new action
      } else {
        claim_new_id(tx.actions().id_owner(id), "Action already registered with ID " + id);
      }
    }
    if (id.empty()) id = common::uuid4_hex();
    auto record = action_from_document(entry, id, project_id, user_id);
    tx.actions().insert(record);
    resolved.push_back(std::move(record));
  }
  return resolved;
}

db::ClientRecord validate_job_against_client(db::Transaction& tx, const std::string& project_id,
                                             const std::string& client_id,
                                             const std::vector<db::ActionRecord>& actions) {
  auto client = tx.clients().find_visible(project_id, client_id);
  if (!client) throw unprocessable("Client not found with ID " + client_id);

  struct Capability {
    const char* key;
    const char* label;
    const std::vector<std::string>& supported;
  };
  const Capability capabilities[] = {
      {"action", "action", client->supported_actions},
      {"mode", "mode", client->supported_modes},
      {"storage", "storage", client->supported_storages},
      {"engine", "engine", client->supported_engines},
      {"engine_name", "engine", client->supported_engines},
  };
  for (const auto& action : actions) {
    auto freezer_action = parsed_freezer_action(action);
    for (const auto& capability : capabilities) {
      auto value = freezer_action.FindMember(capability.key);
      if (value == freezer_action.MemberEnd() || !common::python_truthy(value->value)) continue;
      const std::string wanted = display(value->value);
      if (!value->value.IsString() ||
          std::find(capability.supported.begin(), capability.supported.end(), wanted) ==
              capability.supported.end())
        throw unprocessable("Client " + client_id + " does not support " + capability.label + ": " +
                            wanted);
    }
  }
  return *client;
}

std::vector<db::ActionRecord> stored_job_actions(db::Transaction& tx,
                                                 const std::vector<std::string>& action_ids) {
  std::map<std::string, db::ActionRecord> by_id;
  for (auto& action : tx.actions().find_many(action_ids))
    by_id.emplace(action.id, std::move(action));
  std::vector<db::ActionRecord> out;
  for (const auto& id : action_ids)
    if (auto it = by_id.find(id); it != by_id.end()) out.push_back(it->second);
  return out;
}

}  // namespace freezer::api
