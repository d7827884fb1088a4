// Jobs: what a client runs and when (job_schedule), made of ordered actions.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <functional>
#include <map>

#include "common/hash_ring.h"
#include "common/json.h"
#include "common/uuid.h"
#include "freezer_api/auth/authorization.h"
#include "freezer_api/call.h"
#include "freezer_api/documents/job_document.h"
#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"
#include "freezer_api/listing/list_response.h"
#include "freezer_api/listing/paging.h"
#include "freezer_api/v2/handlers.h"
#include "freezer_api/workflows/id_claims.h"
#include "freezer_api/workflows/job_assembly.h"
#include "freezer_api/workflows/job_credentials.h"
#include "freezer_api/workflows/posted_documents.h"

namespace freezer::api::v2 {
namespace {

std::vector<std::string> ids_of(const std::vector<db::ActionRecord>& actions) {
  std::vector<std::string> ids;
  for (const auto& a : actions) ids.push_back(a.id);
  return ids;
}

// Hides job_schedule.current_pid from callers who do not own the job's client (as upstream:
// a process id on somebody else's host is not theirs to see).
class PidHider {
 public:
  PidHider(Services& services, const Call& call) : services_(services), call_(call) {}

  void apply(rapidjson::Value& job) {
    auto schedule = job.FindMember("job_schedule");
    if (schedule == job.MemberEnd() || !schedule->value.IsObject()) return;
    // Most jobs are not running: no pid, no policy check, no client to look up.
    if (!schedule->value.HasMember("current_pid") || privileged()) return;
    if (!owns_client(job["client_id"].GetString())) schedule->value.RemoveMember("current_pid");
  }

 private:
  bool privileged() {
    if (!privileged_)
      privileged_ = allowed(services_.policy, "jobs:get_all_projects", call_.context,
                            call_.param("project_id"));
    return *privileged_;
  }

  bool owns_client(const std::string& client_id) {
    auto cached = owned_.find(client_id);
    if (cached != owned_.end()) return cached->second;
    auto client = services_.db.clients().find_visible(call_.param("project_id"), client_id);
    bool owned = client && client->project_id == call_.context.project_id;
    owned_.emplace(client_id, owned);
    return owned;
  }

  Services& services_;
  const Call& call_;
  std::optional<bool> privileged_;
  std::map<std::string, bool> owned_;
};

using JobWrite = std::function<void(db::Transaction&)>;

// A job for a central client (or any job, with enforce_trusts) runs under a trust from its
// creator. The write is first tried in a transaction that is rolled back, so a job that would
// be refused creates no trust; then the trust is found or created.
std::optional<TrustBroker::Grant> trust_for_job(Services& services, Call& call,
                                                const std::string& client_id,
                                                const JobWrite& write) {
  if (!services.trusts) return std::nullopt;
  TrustBroker& trusts = *services.trusts;
  const auto& project_id = call.param("project_id");
  auto client = services.db.clients().find_visible(project_id, client_id);
  if (!trusts.needed(client && client->is_central)) return std::nullopt;
  {
    auto dry_run = services.db.begin();
    write(*dry_run);
  }
  return trusts.obtain(call.context, project_id);
}

// Writes the job and its credentials together; a trust created for a job that could not be
// written is deleted again.
void write_job(Services& services, Call& call, const JobWrite& write,
               const std::optional<TrustBroker::Grant>& grant, const std::string& job_id) {
  try {
    auto tx = services.db.begin();
    write(*tx);
    if (grant) store_credentials(services, *tx, job_id, *grant);
    tx->commit();
  } catch (...) {
    if (grant && grant->created)
      services.trusts->get().remove(grant->trust_id, call.context.auth_token);
    throw;
  }
}

// all_projects as falcon's get_param_as_bool reads it; anything else is a 400.
bool all_projects_requested(const Call& call) {
  auto value = call.request.query_param("all_projects");
  if (!value || value->empty()) return false;
  for (const char* yes : {"true", "True", "t", "yes", "y", "1", "on"})
    if (*value == yes) return true;
  for (const char* no : {"false", "False", "f", "no", "n", "0", "off"})
    if (*value == no) return false;
  throw invalid_parameter("all_projects",
                          "The value of the parameter must be \"true\" or \"false\".");
}

}  // namespace

// POST /jobs: server-side fields, validation, then actions, client check and the job row in
// one transaction, so a refused job leaves nothing behind.
http::Response create_job(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  const auto& user_id = call.context.user_id;
  auto body = call.object_body();
  expand_action_defaults(body);
  auto& a = body.GetAllocator();
  if (!body.HasMember("job_schedule"))
    body.AddMember("job_schedule", rapidjson::Value(rapidjson::kObjectType), body.GetAllocator());
  if (auto& schedule = body["job_schedule"]; schedule.IsObject()) {
    for (const char* key : {"time_created", "time_started", "time_ended"})
      schedule.RemoveMember(key);
    schedule.AddMember("time_created", static_cast<int64_t>(std::time(nullptr)), a);
    schedule.AddMember("time_started", -1, a);
    schedule.AddMember("time_ended", -1, a);
  }
  const std::string job_id = given_or_new_id(body, "job_id");
  stamp_and_validate(services, call, body, "job", "job_id", job_id);

  const JobWrite write = [&](db::Transaction& tx) {
    claim_new_id(tx.jobs().id_owner(job_id), "Job already registered with ID " + job_id);
    auto actions = resolve_job_actions(tx, body["job_actions"], project_id, user_id);
    auto record = job_from_document(body, job_id, project_id, user_id);
    validate_job_against_client(tx, project_id, record.client_id, actions);
    record.action_ids = ids_of(actions);
    tx.jobs().insert(record);
  };
  // A client-supplied user_credentials is never trusted: only a granted trust is stored.
  auto grant = trust_for_job(services, call, body["client_id"].GetString(), write);
  write_job(services, call, write, grant, job_id);
  return id_response(201, "job_id", job_id);
}

// POST /jobs/{id}: create or replace the whole job (python-freezerclient uses it whenever the
// document carries a job_id).
http::Response replace_job(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  const auto& job_id = call.param("job_id");
  const auto& user_id = call.context.user_id;
  auto body = call.object_body();
  expand_action_defaults(body);
  if (!body.HasMember("job_schedule"))
    body.AddMember("job_schedule", rapidjson::Value(rapidjson::kObjectType), body.GetAllocator());
  stamp_and_validate(services, call, body, "job", "job_id", job_id);

  const JobWrite write = [&](db::Transaction& tx) {
    const bool exists = claim_id_to_replace(tx.jobs().id_owner(job_id), project_id);
    auto actions = resolve_job_actions(tx, body["job_actions"], project_id, user_id);
    auto record = job_from_document(body, job_id, project_id, user_id);
    validate_job_against_client(tx, project_id, record.client_id, actions);
    record.action_ids = ids_of(actions);
    if (exists)
      tx.jobs().update(record);
    else
      tx.jobs().insert(record);
  };
  // A replaced job keeps its trust; one that never had one gets it now.
  std::optional<TrustBroker::Grant> grant;
  if (services.db.credentials().for_jobs({job_id}).empty())
    grant = trust_for_job(services, call, body["client_id"].GetString(), write);
  write_job(services, call, write, grant, job_id);
  return replaced_response("job_id", job_id);
}

// PATCH /jobs/{id}: only the keys sent change (the schedule is kept when absent, the project
// cannot change); a new client or new actions are checked against each other.
http::Response patch_job(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  const auto& job_id = call.param("job_id");
  auto patch = patch_body(call, {"user_id", "job_id", "user_credentials", "project_id"});
  expand_action_defaults(patch);
  services.schemas.require_valid("job_patch", patch);

  auto apply_patch = [&](db::JobRecord& job) {
    job.user_id = call.context.user_id;
    if (auto s = patch.FindMember("job_schedule"); s != patch.MemberEnd())
      job.schedule = common::to_json(s->value);
    if (auto c = patch.FindMember("client_id"); c != patch.MemberEnd())
      job.client_id = c->value.GetString();
    if (auto s = patch.FindMember("session_id"); s != patch.MemberEnd())
      job.session_id =
          s->value.IsString() ? std::optional<std::string>(s->value.GetString()) : std::nullopt;
    if (auto s = patch.FindMember("session_tag"); s != patch.MemberEnd())
      job.session_tag = s->value.GetInt64();
    if (auto d = patch.FindMember("description"); d != patch.MemberEnd())
      job.description =
          d->value.IsString() ? std::optional<std::string>(d->value.GetString()) : std::nullopt;
  };
  const bool new_actions = patch.HasMember("job_actions");
  const bool checks_client = new_actions || patch.HasMember("client_id");
  if (!checks_client && services.db.statements_are_round_trips()) {
    // Nothing to check against the client (the schedulers' status reports, most PATCHes): on
    // a database server the job is read and written back in two statements instead of four,
    // if no one changed it meanwhile; otherwise, as below, in a transaction.
    auto job = services.db.jobs().find(project_id, job_id);
    if (!job) throw not_found("Job not registered with ID " + job_id);
    apply_patch(*job);
    if (services.db.jobs().update_if_unchanged(*job))
      return version_response(200, "job_id", job_id, rapidjson::Value(0));
  }
  auto tx = services.db.begin();
  auto job = tx->jobs().find(project_id, job_id);
  if (!job) throw not_found("Job not registered with ID " + job_id);
  apply_patch(*job);
  if (checks_client) {
    auto actions = new_actions
                       ? resolve_job_actions(*tx, patch["job_actions"], project_id, job->user_id)
                       : stored_job_actions(*tx, job->action_ids);
    validate_job_against_client(*tx, project_id, job->client_id, actions);
    if (new_actions) job->action_ids = ids_of(actions);
  }
  tx->jobs().update(*job);
  tx->commit();
  return version_response(200, "job_id", job_id, rapidjson::Value(0));
}

// POST /jobs/{id}/event {"start"|"stop"|"abort": ...}: asks the job's scheduler to act.
http::Response job_event(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  const auto& job_id = call.param("job_id");
  auto body = call.json_body();
  if (!body.IsObject() || body.MemberCount() == 0) throw bad_request("Bad event request format");
  const std::string event = body.MemberBegin()->name.GetString();
  if (event != "start" && event != "stop" && event != "abort")
    throw bad_request("Bad Action Method");

  auto tx = services.db.begin();
  auto job = tx->jobs().find(project_id, job_id);
  if (!job) throw not_found("Job not registered with ID " + job_id);
  auto schedule = common::stored_object(job->schedule);
  auto current = schedule.FindMember("event");
  if (current != schedule.MemberEnd() && current->value.IsString() &&
      event == current->value.GetString()) {
    return id_response(202, "result", event + " already requested");
  }
  set_string_member(schedule, "event", event);
  if (event == "start") {
    set_string_member(schedule, "status", "");
    set_string_member(schedule, "result", "");
  }
  validate_job_against_client(*tx, project_id, job->client_id,
                              stored_job_actions(*tx, job->action_ids));
  job->schedule = common::to_json(schedule);
  job->user_id = call.context.user_id;
  tx->jobs().update(*job);
  tx->commit();
  return http::Response::json(202, R"({"result":"success"})");
}

http::Response get_job(Services& services, Call& call) {
  auto found = services.db.jobs().find_with_parts(call.param("project_id"), call.param("job_id"));
  if (!found) return http::Response::json(404, "");
  rapidjson::Document doc(rapidjson::kObjectType);
  render_job(found->job, found->actions, doc, doc.GetAllocator());
  if (found->credentials)
    if (auto credentials = open_credentials(services, *found->credentials))
      show_credentials(services, call.context, call.param("project_id"), *credentials, doc,
                       doc.GetAllocator());
  PidHider(services, call).apply(doc);
  return json_response(200, doc);
}

// ?changes_since=N: this API's extension for pollers (docs/scale-out.md), nullopt without it.
std::optional<long long> changes_since_requested(const Call& call) {
  auto value = call.request.query_param("changes_since");
  if (!value) return std::nullopt;
  long long since = -1;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), since);
  if (error != std::errc() || end != value->data() + value->size() || since < 0)
    throw invalid_parameter("changes_since",
                            "The value of the parameter must be a non-negative integer.");
  return since;
}

// How far behind the newest stamp a poll's cursor stays. Stamps come from each API host's
// clock when its transaction starts, and commit a little later: a change stamped before the
// cursor but committed after the poll read would otherwise be missed. Stamps within the
// margin are listed again by the next poll (pollers compare documents).
constexpr long long kChangesMarginMicros = 30'000'000;

long long now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// GET /jobs?changes_since=N: one page, in id order, of the jobs changed after N: `jobs` the
// live ones (as listed), `deleted_jobs` the ids of deleted ones; `changes_until` is where the
// next poll starts (from its first page), `next_marker` the marker of the next page when the
// page was full. The search filter's client_id and session_id select rows as in a list;
// other terms select among the live jobs.
http::Response list_job_changes(
    Services& services, Call& call, const db::JobQuery& query, const db::Page& page,
    const SearchFilter& filter,
    const std::function<void(const db::JobWithParts&, rapidjson::Value&, Allocator&)>& render) {
  const long long until = now_micros() - kChangesMarginMicros;
  auto rows = services.db.jobs().list(query, page);
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  rapidjson::Value jobs(rapidjson::kArrayType), deleted(rapidjson::kArrayType);
  PidHider pids(services, call);
  for (const auto& row : rows) {
    if (row.job.deleted) {
      deleted.PushBack(json_string(row.job.id, a), a);
      continue;
    }
    rapidjson::Value item(rapidjson::kObjectType);
    render(row, item, a);
    if (!filter.matches(item)) continue;
    pids.apply(item);
    jobs.PushBack(item, a);
  }
  doc.AddMember("jobs", jobs, a);
  doc.AddMember("deleted_jobs", deleted, a);
  doc.AddMember("changes_until", rapidjson::Value(static_cast<int64_t>(std::max(0LL, until))), a);
  if (page.limit && !rows.empty() && rows.size() >= static_cast<std::size_t>(*page.limit))
    doc.AddMember("next_marker", json_string(rows.back().job.id, a), a);
  return json_response(200, doc);
}

// ?pool_members=a,b,c&pool_member=b: only the jobs that tooz's hash ring of those members gives
// to `b` (this API's extension: a pool of central schedulers lists each member's share, not
// every job of the cloud; docs/scale-out.md). With &pool_members_before=a,b,c,d: only those of
// them the ring of the earlier members gave to another member (the jobs that move to `b` when
// the pool changes). nullopt without it.
struct PoolShareRequest {
  common::HashRing ring;
  std::string member;
  std::optional<common::HashRing> before;

  bool contains(const std::string& job_id) const {
    return ring.owner(job_id) == member && (!before || before->owner(job_id) != member);
  }
};
std::optional<PoolShareRequest> pool_share_requested(const Call& call) {
  auto members = call.request.query_param_list("pool_members");
  auto member = call.request.query_param("pool_member");
  auto before = call.request.query_param_list("pool_members_before");
  if (members.empty() && !member && before.empty()) return std::nullopt;
  auto blank = [](const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [](const std::string& m) { return m.empty(); });
  };
  if (members.empty() || blank(members) || !member || member->empty())
    throw invalid_parameter(members.empty() || blank(members) ? "pool_members" : "pool_member",
                            "pool_members and pool_member go together, and are not empty.");
  if (std::find(members.begin(), members.end(), *member) == members.end())
    throw invalid_parameter("pool_member", "The member must be one of pool_members.");
  if (blank(before))
    throw invalid_parameter("pool_members_before", "A member name cannot be empty.");
  PoolShareRequest share{common::HashRing(members), *member, std::nullopt};
  if (!before.empty()) share.before.emplace(before);
  return share;
}

http::Response list_jobs(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  auto page = parse_page(call.request, services.options.default_limit, services.options.max_limit);
  auto filter = SearchFilter::from_body(call.json_body());
  db::JobQuery query;
  // Every project's jobs only when asked, and only for callers allowed to (upstream decided
  // by role alone and ignored the parameter).
  if (all_projects_requested(call)) {
    require(services.policy, "jobs:get_all_projects", call.context, project_id);
  } else {
    query.project_id = project_id;
  }
  query.client_id = filter.required_string("client_id");
  query.session_id = filter.required_string("session_id");
  auto render = [&](const db::JobWithParts& j, rapidjson::Value& out, Allocator& a) {
    render_job(j.job, j.actions, out, a);
    if (j.credentials)
      if (auto credentials = open_credentials(services, *j.credentials))
        show_credentials(services, call.context, project_id, *credentials, out, a);
  };
  if (auto since = changes_since_requested(call)) {
    query.changed_after = *since;
    return list_job_changes(services, call, query, page, filter, render);
  }
  PidHider pids(services, call);
  auto id = [](const db::JobWithParts& j) -> const std::string& { return j.job.id; };
  auto finish = [&](rapidjson::Value& item, Allocator&) { pids.apply(item); };
  if (auto share = pool_share_requested(call)) {
    // The ids of every job (an index read), and the documents of the share's only: a member
    // reads a third of a million documents of a million, not all of them.
    auto fetch_share = [&](const db::Page& p) {
      PickedBatch<db::JobWithParts> batch;
      auto ids = services.db.jobs().list_ids(query, p);
      batch.rows_read = static_cast<long>(ids.size());
      if (!ids.empty()) batch.last_row_id = ids.back();
      std::erase_if(ids, [&](const std::string& job_id) { return !share->contains(job_id); });
      batch.records = services.db.jobs().find_many_with_parts(ids);
      return batch;
    };
    return list_response("jobs", page, filter, fetch_share, id, render, finish);
  }
  return list_response(
      "jobs", page, filter, [&](const db::Page& p) { return services.db.jobs().list(query, p); },
      id, render, finish);
}

// DELETE /jobs/{id}: the job and its credentials go; so does its trust, once unused.
http::Response delete_job(Services& services, Call& call) {
  const auto& project_id = call.param("project_id");
  const auto& job_id = call.param("job_id");
  std::optional<db::CredentialRecord> credentials;
  {
    auto tx = services.db.begin();
    if (!tx->jobs().find(project_id, job_id)) return http::Response::no_content();
    auto rows = tx->credentials().for_jobs({job_id});
    if (!rows.empty()) credentials = rows.front();
    tx->jobs().soft_delete(project_id, job_id);
    tx->commit();
  }
  if (credentials) release_trust(services, *credentials, call.context, project_id);
  return http::Response::no_content();
}

}  // namespace freezer::api::v2
