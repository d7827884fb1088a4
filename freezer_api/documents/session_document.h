#pragma once
// Sessions as documents: rendering records, and the `jobs` map they carry.
#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "db/session_record.h"
#include "freezer_api/json_response.h"

namespace freezer::api {

// GET item: project_id, session_id, user_id, description, session_tag, result, hold_off,
// status, time_ended, time_started, time_end, time_start, schedule[, jobs].
void render_session(const db::SessionRecord& s, rapidjson::Value& out, Allocator& a);
// List element (upstream's other order; project_id is the URL's).
void render_session_list_item(const db::SessionRecord& s, const std::string& url_project_id,
                              rapidjson::Value& out, Allocator& a);

// The stored `jobs` as an object ({} when absent, null or not an object).
rapidjson::Document session_jobs(const db::SessionRecord& s);

}  // namespace freezer::api
