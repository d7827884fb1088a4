// Clients: freezer agents and schedulers register here; jobs name them by `client_id`.
#include "common/json.h"
#include "common/uuid.h"
#include "freezer_api/auth/authorization.h"
#include "freezer_api/call.h"
#include "freezer_api/documents/client_document.h"
#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"
#include "freezer_api/listing/list_response.h"
#include "freezer_api/listing/paging.h"
#include "freezer_api/v2/handlers.h"

namespace freezer::api::v2 {

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

  db::ClientFieldsSent sent;
  auto record = client_from_document(body, project_id, ctx.user_id, is_central, sent);

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
