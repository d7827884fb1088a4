#pragma once
// Jobs as documents: normalising what clients post, building records, rendering them back.
#include <rapidjson/document.h>

#include <string>
#include <vector>

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

// Upstream's job representation; `actions`: the job's live actions in its order, as the store
// returns them (db::JobWithParts). An action deleted since silently leaves the job.
void render_job(const db::JobRecord& job, const std::vector<db::ActionRecord>& actions,
                rapidjson::Value& out, Allocator& a);

}  // namespace freezer::api
