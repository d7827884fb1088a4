#pragma once
// The write side of jobs, inside one transaction: resolving a job's inline actions to
// stored ones, and checking that the job's client may run them.
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "db/client_record.h"
#include "db/transaction.h"

namespace freezer::api {

// For each job_actions entry, in order: an entry naming an action of the project with the
// same definition reuses it; any other entry creates an action (with the given id when it is
// free, else a new one). 409 when a given id belongs to another project or was deleted.
std::vector<db::ActionRecord> resolve_job_actions(db::Transaction& tx,
                                                  const rapidjson::Value& job_actions,
                                                  const std::string& project_id,
                                                  const std::string& user_id);

// 422 when `client_id` is not a client of the project nor a central one, or when an action
// needs an action, mode, storage or engine (`engine` or `engine_name`) that the client does
// not list in its supported_* capabilities.
db::ClientRecord validate_job_against_client(db::Transaction& tx, const std::string& project_id,
                                             const std::string& client_id,
                                             const std::vector<db::ActionRecord>& actions);

// The live actions of `action_ids` (those of a stored job), in order.
std::vector<db::ActionRecord> stored_job_actions(db::Transaction& tx,
                                                 const std::vector<std::string>& action_ids);

}  // namespace freezer::api
