#pragma once
// Actions as documents: building a record from what a client posted, rendering it back,
// and comparing definitions (shared by the actions and jobs resources).
#include <rapidjson/document.h>

#include <string>

#include "db/action_record.h"
#include "freezer_api/json_response.h"

namespace freezer::api {

// `entry` holds `freezer_action` and, optionally, max_retries, max_retries_interval and
// mandatory at its top level (an action body, or one element of a job's job_actions).
// Throws 400 when freezer_action is not an object or has no `action`.
db::ActionRecord action_from_document(const rapidjson::Value& entry, std::string id,
                                      std::string project_id, std::string user_id);

// {"project_id", "action_id", "user_id", "max_retries", "max_retries_interval",
//  "freezer_action"}: GET /actions/{id} and each element of a job's job_actions.
void render_action(const db::ActionRecord& action, rapidjson::Value& out, Allocator& a);
// The list element shape (upstream differs from GET): project_id, user_id, timeout,
// max_retries_interval, max_retries, action_id, mandatory, freezer_action.
void render_action_list_item(const db::ActionRecord& action, const std::string& url_project_id,
                             rapidjson::Value& out, Allocator& a);

// Equal definitions, ignoring `_version` and `user_id`, a missing key equal to null.
bool same_freezer_action(const rapidjson::Value& a, const rapidjson::Value& b);

// The stored freezer_action of `action`, parsed.
rapidjson::Document parsed_freezer_action(const db::ActionRecord& action);

}  // namespace freezer::api
