// Backups: metadata of the backups agents made, as they posted it.
#include "common/json.h"
#include "common/uuid.h"
#include "freezer_api/call.h"
#include "freezer_api/documents/backup_document.h"
#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"
#include "freezer_api/listing/list_response.h"
#include "freezer_api/listing/paging.h"
#include "freezer_api/v2/handlers.h"

namespace freezer::api::v2 {

http::Response create_backup(Services& services, Call& call) {
  auto metadata = call.object_body();
  if (auto error = services.schemas.validate("backup", metadata))
    throw bad_request("Bad Data Format: " + *error);
  db::BackupRecord record;
  record.id = common::uuid4_hex();
  record.project_id = call.param("project_id");
  record.user_id = call.context.user_id;
  if (auto status = metadata.FindMember("status"); status != metadata.MemberEnd()) {
    record.status = status->value.GetString();
    metadata.RemoveMember("status");  // kept in its column, as upstream
  }
  record.job_id = backup_job_id(metadata);
  record.metadata = common::to_json(metadata);
  services.db.backups().insert(record);
  return id_response(201, "backup_id", record.id);
}

http::Response get_backup(Services& services, Call& call) {
  return document_response(
      services.db.backups().find(call.param("project_id"), call.param("backup_id")),
      [&](const db::BackupRecord& b, rapidjson::Value& out, Allocator& a) {
        render_backup(b, services.options.backup_status_in_records, out, a);
      });
}

http::Response list_backups(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  auto page = parse_page(call.request, services.options.default_limit, services.options.max_limit);
  auto filter = SearchFilter::from_body(call.json_body());
  db::BackupQuery query{project_id, filter.required_string("status"),
                        filter.required_string("job_id")};
  const bool with_status = services.options.backup_status_in_records;
  return list_response(
      "backups", page, filter,
      [&](const db::Page& p) { return services.db.backups().list(query, p); },
      [](const db::BackupRecord& b) -> const std::string& { return b.id; },
      [&](const db::BackupRecord& b, rapidjson::Value& out, Allocator& a) {
        render_backup_list_item(b, project_id, out, a);
      },
      [&](rapidjson::Value& item, Allocator&) {
        if (!with_status) item.RemoveMember("status");
      });
}

// PATCH: the metadata is merged key by key; a status from the enum replaces the stored one.
http::Response patch_backup(Services& services, Call& call) {
  const auto& id = call.param("backup_id");
  auto patch = call.object_body();
  for (const char* ignored : {"user_id", "backup_id", "project_id"}) patch.RemoveMember(ignored);
  services.schemas.require_valid("backup_patch", patch);

  auto tx = services.db.begin();
  auto backup = tx->backups().find(call.param("project_id"), id);
  if (!backup) throw not_found("Backup not registered with ID " + id);
  auto metadata = common::stored_object(backup->metadata);
  if (auto p = patch.FindMember("backup_metadata"); p != patch.MemberEnd())
    common::merge_object(metadata, p->value, metadata.GetAllocator());
  if (auto s = patch.FindMember("status"); s != patch.MemberEnd())
    backup->status = s->value.GetString();
  backup->metadata = common::to_json(metadata);
  backup->job_id = backup_job_id(metadata);
  backup->user_id = call.context.user_id;
  tx->backups().update(*backup);
  tx->commit();
  rapidjson::Document doc(rapidjson::kObjectType);
  render_backup(*backup, services.options.backup_status_in_records, doc, doc.GetAllocator());
  return json_response(200, doc);
}

http::Response delete_backup(Services& services, Call& call) {
  services.db.backups().soft_delete(call.param("project_id"), call.param("backup_id"));
  return http::Response::no_content();
}

}  // namespace freezer::api::v2
