// Actions: reusable definitions of what an agent does (backup, restore, ...).
#include "common/json.h"
#include "common/uuid.h"
#include "freezer_api/call.h"
#include "freezer_api/documents/action_document.h"
#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"
#include "freezer_api/listing/list_response.h"
#include "freezer_api/listing/paging.h"
#include "freezer_api/v2/handlers.h"
#include "freezer_api/workflows/id_claims.h"
#include "freezer_api/workflows/posted_documents.h"

namespace freezer::api::v2 {
namespace {}  // namespace

http::Response create_action(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  auto body = call.object_body();
  const std::string id = given_or_new_id(body, "action_id");
  stamp_and_validate(services, call, body, "action", "action_id", id);
  auto record = action_from_document(body, id, project_id, call.context.user_id);

  auto tx = services.db.begin();
  claim_new_id(tx->actions().id_owner(id), "Action already registered with ID " + id);
  tx->actions().insert(record);
  tx->commit();
  return id_response(201, "action_id", id);
}

http::Response replace_action(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  const auto& id = call.param("action_id");
  auto body = call.object_body();
  stamp_and_validate(services, call, body, "action", "action_id", id);
  auto record = action_from_document(body, id, project_id, call.context.user_id);

  auto tx = services.db.begin();
  if (claim_id_to_replace(tx->actions().id_owner(id), project_id))
    tx->actions().update(record);
  else
    tx->actions().insert(record);
  tx->commit();
  return replaced_response("action_id", id);
}

// A merge: keys the patch leaves out keep their values (upstream reset them to null).
http::Response patch_action(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  const auto& id = call.param("action_id");
  auto patch = patch_body(call, {"user_id", "action_id", "project_id"});
  services.schemas.require_valid("action_patch", patch);

  auto tx = services.db.begin();
  auto stored = tx->actions().find(project_id, id);
  if (!stored) throw not_found("Action not registered with ID " + id);

  rapidjson::Document merged(rapidjson::kObjectType);
  auto& a = merged.GetAllocator();
  rapidjson::Value freezer_action(parsed_freezer_action(*stored), a);
  if (auto p = patch.FindMember("freezer_action"); p != patch.MemberEnd())
    common::merge_object(freezer_action, p->value, a);
  merged.AddMember("freezer_action", freezer_action, a);
  auto keep = [&](const char* key, const std::optional<long long>& stored_value) {
    if (auto p = patch.FindMember(key); p != patch.MemberEnd())
      merged.AddMember(rapidjson::StringRef(key), rapidjson::Value(p->value, a), a);
    else if (stored_value)
      merged.AddMember(rapidjson::StringRef(key),
                       rapidjson::Value(static_cast<int64_t>(*stored_value)), a);
  };
  keep("max_retries", stored->max_retries);
  keep("max_retries_interval", stored->max_retries_interval);
  if (auto p = patch.FindMember("mandatory"); p != patch.MemberEnd())
    merged.AddMember("mandatory", rapidjson::Value(p->value, a), a);
  else if (stored->mandatory)
    merged.AddMember("mandatory", *stored->mandatory, a);

  auto record = action_from_document(merged, id, project_id, call.context.user_id);
  tx->actions().update(record);
  tx->commit();
  return version_response(200, "action_id", id, rapidjson::Value(rapidjson::StringRef(id.c_str())));
}

http::Response get_action(Services& services, Call& call) {
  return document_response(
      services.db.actions().find(call.param("project_id"), call.param("action_id")), render_action);
}

http::Response list_actions(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  auto page = parse_page(call.request, services.options.default_limit, services.options.max_limit);
  auto filter = SearchFilter::from_body(call.json_body());
  return list_response(
      "actions", page, filter,
      [&](const db::Page& p) { return services.db.actions().list(project_id, p); },
      [](const db::ActionRecord& r) -> const std::string& { return r.id; },
      [&](const db::ActionRecord& r, rapidjson::Value& out, Allocator& a) {
        render_action_list_item(r, project_id, out, a);
      });
}

http::Response delete_action(Services& services, Call& call) {
  services.db.actions().soft_delete(call.param("project_id"), call.param("action_id"));
  return http::Response::no_content();
}

}  // namespace freezer::api::v2
