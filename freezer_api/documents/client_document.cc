#include "freezer_api/documents/client_document.h"

#include <algorithm>

#include "common/capabilities.h"
#include "common/json.h"

namespace freezer::api {
namespace {

rapidjson::Value string_list(const std::vector<std::string>& items, Allocator& a) {
  rapidjson::Value out(rapidjson::kArrayType);
  for (const auto& item : items) out.PushBack(json_string(item, a), a);
  return out;
}

rapidjson::Value optional_string(const std::optional<std::string>& s, Allocator& a) {
  return s ? json_string(*s, a) : rapidjson::Value();
}

// A declared capability list without duplicates, in the order given; the full list when
// the client declared none.
std::vector<std::string> capability_list(const rapidjson::Value& client, const char* name,
                                         const std::vector<std::string>& all, bool& sent) {
  auto it = client.FindMember(name);
  sent = it != client.MemberEnd();
  if (!sent) return all;
  std::vector<std::string> out;
  for (const auto& item : it->value.GetArray()) {
    std::string value(item.GetString(), item.GetStringLength());
    if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(std::move(value));
  }
  return out;
}

}  // namespace

db::ClientRecord client_from_document(const rapidjson::Value& client, const std::string& project_id,
                                      const std::string& user_id, bool is_central,
                                      db::ClientFieldsSent& sent) {
  db::ClientRecord record;
  record.uuid = common::string_member_or_empty(client, "uuid");
  record.id = record.uuid;
  record.project_id = project_id;
  record.user_id = user_id;
  record.client_id = common::string_member_or_empty(client, "client_id");
  record.hostname = common::string_member(client, "hostname");
  record.description = common::string_member(client, "description");
  sent.description = client.HasMember("description");
  record.supported_actions =
      capability_list(client, "supported_actions", common::all_actions(), sent.supported_actions);
  record.supported_modes =
      capability_list(client, "supported_modes", common::all_modes(), sent.supported_modes);
  record.supported_storages = capability_list(client, "supported_storages", common::all_storages(),
                                              sent.supported_storages);
  record.supported_engines =
      capability_list(client, "supported_engines", common::all_engines(), sent.supported_engines);
  record.is_central = is_central;
  return record;
}

void render_client(const db::ClientRecord& c, rapidjson::Value& out, Allocator& a) {
  rapidjson::Value client(rapidjson::kObjectType);
  client.AddMember("uuid", json_string(c.uuid, a), a);
  client.AddMember("hostname", optional_string(c.hostname, a), a);
  client.AddMember("client_id", json_string(c.client_id, a), a);
  client.AddMember("is_central", c.is_central, a);
  client.AddMember("description", optional_string(c.description, a), a);
  client.AddMember("supported_actions", string_list(c.supported_actions, a), a);
  client.AddMember("supported_modes", string_list(c.supported_modes, a), a);
  client.AddMember("supported_storages", string_list(c.supported_storages, a), a);
  client.AddMember("supported_engines", string_list(c.supported_engines, a), a);
  out.AddMember("project_id", json_string(c.project_id, a), a);
  out.AddMember("user_id", json_string(c.user_id, a), a);
  out.AddMember("client", client, a);
}

}  // namespace freezer::api
