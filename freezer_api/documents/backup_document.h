#pragma once
// Backups as documents: the metadata an agent posted, and rendering records back.
#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "db/backup_record.h"
#include "freezer_api/json_response.h"

namespace freezer::api {

// The job a backup's metadata names (its job_id), if any.
std::optional<std::string> backup_job_id(const rapidjson::Value& metadata);

// GET item: project_id, backup_id, user_id, [status,] backup_metadata.
void render_backup(const db::BackupRecord& b, bool with_status, rapidjson::Value& out,
                   Allocator& a);
// List element (upstream's order; project_id is the URL's): project_id, user_id, backup_id,
// status, backup_metadata. The status is there for searching; the list removes it afterwards
// unless configured to show it.
void render_backup_list_item(const db::BackupRecord& b, const std::string& url_project_id,
                             rapidjson::Value& out, Allocator& a);

}  // namespace freezer::api
