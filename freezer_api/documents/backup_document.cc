#include "freezer_api/documents/backup_document.h"

#include "common/json.h"

namespace freezer::api {
namespace {

rapidjson::Value stored_metadata(const db::BackupRecord& b, Allocator& a) {
  return rapidjson::Value(common::stored_object(b.metadata), a);
}

}  // namespace

std::optional<std::string> backup_job_id(const rapidjson::Value& metadata) {
  return common::string_member(metadata, "job_id");
}

void render_backup(const db::BackupRecord& b, bool with_status, rapidjson::Value& out,
                   Allocator& a) {
  out.AddMember("project_id", json_string(b.project_id, a), a);
  out.AddMember("backup_id", json_string(b.id, a), a);
  out.AddMember("user_id", json_string(b.user_id, a), a);
  if (with_status) out.AddMember("status", json_string(b.status, a), a);
  out.AddMember("backup_metadata", stored_metadata(b, a), a);
}

void render_backup_list_item(const db::BackupRecord& b, const std::string& url_project_id,
                             rapidjson::Value& out, Allocator& a) {
  out.AddMember("project_id", json_string(url_project_id, a), a);
  out.AddMember("user_id", json_string(b.user_id, a), a);
  out.AddMember("backup_id", json_string(b.id, a), a);
  out.AddMember("status", json_string(b.status, a), a);
  out.AddMember("backup_metadata", stored_metadata(b, a), a);
}

}  // namespace freezer::api
