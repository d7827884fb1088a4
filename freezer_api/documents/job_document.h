#pragma once
// Jobs as documents: normalising what clients post, building records, rendering them back.
#include <rapidjson/document.h>

#include <map>
#include <string>

#include "db/action_record.h"
#include "db/job_record.h"
#include "freezer_api/json_response.h"

namespace freezer::api {

// Copies `action_defaults` into every job action's freezer_action where the key is missing
// or null, then removes it. 400 when it is not an object.
void expand_action_defaults(rapidjson::Document& job);

// The job's columns from a validated document (job_actions are resolved separately).
db::JobRecord job_from_document(const rapidjson::Value& job, std::string id, std::string project_id,
                                std::string user_id);

// Upstream's job representation; `actions` holds (at least) the job's live actions.
void render_job(const db::JobRecord& job, const std::map<std::string, db::ActionRecord>& actions,
                rapidjson::Value& out, Allocator& a);

}  // namespace freezer::api
