#pragma once
// What the scheduler keeps of a job document (an item of GET /v2/{p}/jobs): its ids, the
// actions to run, the trust, the job_schedule as the API last showed it, and a fingerprint of
// what defines the job (schedule, actions, session) to notice edits. Kept compact: a
// scheduler holds every job of its client in memory.
#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace freezer::scheduler {

class JobDocumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ActionSpec {
  std::string action_id;
  long long max_retries = 0;
  long long max_retries_interval = 60;  // seconds; upstream's fallback when absent
  bool mandatory = false;
  std::string freezer_action;  // the freezer_action object, compact JSON
  // Read from freezer_action for capability checks and logs ("" when absent or null).
  std::string action, mode, storage, engine_name, engine;
};

struct JobDocument {
  std::string job_id;
  std::string project_id;  // where the job's API calls go: never "" once parsed with a project
  std::string user_id;
  std::string client_id;
  std::string description;
  std::string session_id;
  long long session_tag = 0;
  std::string schedule;               // job_schedule, compact JSON
  std::string scheduler_keys;         // job_schedule's scheduler-owned keys only, compact JSON
  std::string status, event, result;  // job_schedule's, "" when absent
  std::vector<ActionSpec> actions;
  std::string trust_id;  // user_credentials.trust_id, "" without one
  std::string trustor_user_id;
  std::uint64_t definition = 0;  // fingerprint of schedule definition, actions, session, client
  std::uint64_t content = 0;     // fingerprint of the whole document
};

// Throws JobDocumentError when `doc` is not an object with a string job_id, or its
// job_schedule or job_actions have the wrong type. `default_project` is the job's project
// when the document names none (job files of no-api mode, hand-written documents): the
// scheduler's own.
JobDocument parse_job_document(const rapidjson::Value& doc, const std::string& default_project);

// The job_schedule keys the scheduler writes; everything else in job_schedule is the user's.
bool is_scheduler_owned_key(std::string_view key);

// `schedule` (a job_schedule object) with only the keys the scheduler writes, compact JSON:
// all a report needs to tell whether it would change anything ("{}" for a non-object).
std::string scheduler_owned_json(const rapidjson::Value& schedule);

}  // namespace freezer::scheduler
