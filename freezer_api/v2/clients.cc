// Clients: freezer agents and schedulers register here; jobs name them by `client_id`.
#include <algorithm>

#include "common/capabilities.h"
#include "common/json.h"
#include "common/uuid.h"
#include "freezer_api/auth/authorization.h"
#include "freezer_api/call.h"
#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"
#include "freezer_api/listing/list_response.h"
#include "freezer_api/listing/paging.h"
#include "freezer_api/v2/handlers.h"

namespace freezer::api::v2 {
namespace {

rapidjson::Value string_list(const std::vector<std::string>& items, Allocator& a) {
  rapidjson::Value out(rapidjson::kArrayType);
  for (const auto& item : items) out.PushBack(json_string(item, a), a);
  return out;
}

rapidjson::Value optional_string(const std::optional<std::string>& s, Allocator& a) {
  return s ? json_string(*s, a) : rapidjson::Value();
}

// {"project_id", "user_id", "client": {...}}: the shape of GET item and of list elements.
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

std::optional<std::string> member_string(const rapidjson::Value& obj, const char* name) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsString()) return std::nullopt;
  return std::string(it->value.GetString(), it->value.GetStringLength());
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

http::Response create_client(Services& services, Call& call) {
  const auto& ctx = call.context;
  const std::string& project_id = call.param("project_id");
  rapidjson::Document body = call.object_body();
  auto& a = body.GetAllocator();

  auto central = body.FindMember("is_central");
  const bool is_central = central != body.MemberEnd() && common::python_truthy(central->value);
  if (is_central) require(services.policy, "clients:create_central", ctx, project_id);
  if (!body.HasMember("uuid")) body.AddMember("uuid", json_string(common::uuid4_hex(), a), a);

  rapidjson::Document wrapper(rapidjson::kObjectType);
  auto& wa = wrapper.GetAllocator();
  wrapper.AddMember("client", rapidjson::Value(body, wa), wa);
  wrapper.AddMember("user_id", json_string(ctx.user_id, wa), wa);
  wrapper.AddMember("project_id", json_string(project_id, wa), wa);
  services.schemas.require_valid("client", wrapper);

  db::ClientRecord record;
  db::ClientFieldsSent sent;
  record.uuid = *member_string(body, "uuid");
  record.id = record.uuid;
  record.project_id = project_id;
  record.user_id = ctx.user_id;
  record.client_id = *member_string(body, "client_id");
  record.hostname = member_string(body, "hostname");
  record.description = member_string(body, "description");
  sent.description = body.HasMember("description");
  record.supported_actions =
      capability_list(body, "supported_actions", common::all_actions(), sent.supported_actions);
  record.supported_modes =
      capability_list(body, "supported_modes", common::all_modes(), sent.supported_modes);
  record.supported_storages =
      capability_list(body, "supported_storages", common::all_storages(), sent.supported_storages);
  record.supported_engines =
      capability_list(body, "supported_engines", common::all_engines(), sent.supported_engines);
  record.is_central = is_central;

  if (services.db.clients().register_client(record, sent) ==
      db::ClientRegistration::kOwnedByAnotherProject)
    throw conflict("Client " + record.client_id + " is already registered by another project");
  return id_response(201, "client_id", record.client_id);
}

http::Response list_clients(Services& services, Call& call) {
  const std::string& project_id = call.param("project_id");
  auto page = parse_page(call.request, services.options.default_limit, services.options.max_limit);
  auto filter = SearchFilter::from_body(call.json_body());
  return list_response(
      "clients", page, filter,
      [&](const db::Page& p) { return services.db.clients().list_visible(project_id, p); },
      [](const db::ClientRecord& c) -> const std::string& { return c.id; }, render_client);
}

http::Response get_client(Services& services, Call& call) {
  return document_response(
      services.db.clients().find_visible(call.param("project_id"), call.param("client_id")),
      render_client);
}

http::Response delete_client(Services& services, Call& call) {
  const std::string& project_id = call.param("project_id");
  auto client = services.db.clients().find_visible(project_id, call.param("client_id"));
  if (client) {
    // A central client is visible everywhere but only its own project may remove it.
    if (client->project_id != project_id) throw forbidden();
    services.db.clients().soft_delete(project_id, client->id);
  }
  return http::Response::no_content();
}

}  // namespace freezer::api::v2
