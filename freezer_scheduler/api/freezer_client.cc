#include "freezer_scheduler/api/freezer_client.h"

#include <spdlog/spdlog.h>

#include <unordered_set>

#include "common/json.h"
#include "freezer_scheduler/api/request_bodies.h"

namespace freezer::scheduler {
namespace {

rapidjson::Document parse_or_throw(const common::HttpResponse& response, const char* what) {
  rapidjson::Document doc;
  if (!common::parse_json(response.body, doc) || !doc.IsObject())
    throw ApiError(response.status, std::string("unreadable answer to ") + what);
  return doc;
}

// Strips a "/v2..." suffix some catalogs carry: URLs are always built as <root>/v2/<p>/...
std::string api_root(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto v2 = base.find("/v2");
  if (v2 != std::string::npos && (v2 + 3 == base.size() || base[v2 + 3] == '/')) base.resize(v2);
  return base;
}

}  // namespace

std::string api_error_description(const common::HttpResponse& response) {
  rapidjson::Document doc;
  if (common::parse_json(response.body, doc) && doc.IsObject()) {
    for (const char* key : {"description", "title"})
      if (auto it = doc.FindMember(key);
          it != doc.MemberEnd() && it->value.IsString() && it->value.GetStringLength() > 0)
        return it->value.GetString();
    if (auto it = doc.FindMember("error"); it != doc.MemberEnd() && it->value.IsObject() &&
                                           it->value.HasMember("message") &&
                                           it->value["message"].IsString())
      return it->value["message"].GetString();
  }
  return response.body.empty() ? "(no body)" : response.body.substr(0, 300);
}

FreezerClient::FreezerClient(ServiceIdentity& identity, const common::HttpClientOptions& http)
    : identity_(identity), http_(http) {}

std::string FreezerClient::url(const std::string& project_id, const std::string& path) {
  return api_root(identity_.api_url()) + "/v2/" + project_id + "/" + path;
}

common::HttpResponse FreezerClient::call(const std::string& method, const std::string& project_id,
                                         const std::string& path, const std::string& body) {
  std::vector<std::string> headers{"Accept: application/json"};
  if (!body.empty()) headers.push_back("Content-Type: application/json");
  return request_with_token(identity_, http_, method, url(project_id, path), headers, body);
}

long FreezerClient::register_client(const std::string& body) {
  auto response = call("POST", own_project(), "clients/", body);
  if (response.status == 201 || response.status == 409) return response.status;
  throw ApiError(response.status, api_error_description(response));
}

std::size_t FreezerClient::list_jobs(const std::string& client_id, bool all_projects, int page_size,
                                     const std::function<void(const rapidjson::Value&)>& each,
                                     const std::function<void()>& page_done,
                                     const std::optional<PoolShareQuery>& share) {
  const std::string search = job_search_body(client_id);
  std::string share_query;
  if (share) {
    auto joined = [](const std::vector<std::string>& list) {
      std::string out;
      for (const auto& m : list) out += (out.empty() ? "" : ",") + m;
      return common::url_escape(out);
    };
    share_query = "&pool_members=" + joined(share->members) +
                  "&pool_member=" + common::url_escape(share->member);
    if (!share->members_before.empty())
      share_query += "&pool_members_before=" + joined(share->members_before);
  }
  std::string project = own_project();
  std::unordered_set<std::string> seen;
  std::string marker;
  std::optional<std::size_t> full_page;  // the most the API gives per page
  while (true) {
    bool by_marker = !marker.empty() && !markers_ignored_;
    std::string query =
        "jobs/?limit=" + std::to_string(page_size) +
        (by_marker ? "&marker=" + marker : "&offset=" + std::to_string(seen.size())) +
        "&all_projects=" + (all_projects ? "True" : "False") + share_query;
    auto response = call("GET", project, query, search);
    if (response.status != 200) throw ApiError(response.status, api_error_description(response));
    // In place: a page of a thousand jobs is a megabyte or two, better not copied again.
    rapidjson::Document doc;
    doc.ParseInsitu<rapidjson::kParseValidateEncodingFlag>(response.body.data());
    if (doc.HasParseError() || !doc.IsObject())
      throw ApiError(response.status, "unreadable answer to the job list");
    auto jobs = doc.FindMember("jobs");
    if (jobs == doc.MemberEnd() || !jobs->value.IsArray())
      throw ApiError(response.status, "the job list has no 'jobs' list");
    auto& page = jobs->value;
    std::size_t count = page.Size();
    if (by_marker && count > 0 && page[0].IsObject() && page[0].HasMember("job_id") &&
        page[0]["job_id"].IsString() && seen.count(page[0]["job_id"].GetString())) {
      spdlog::info("The API ignores list markers: paging with offsets");
      markers_ignored_ = true;
      continue;
    }
    spdlog::debug("Fetched {} jobs from API after {}", count,
                  by_marker ? marker : std::to_string(seen.size()));
    for (const auto& job : page.GetArray()) {
      if (job.IsObject() && job.HasMember("job_id") && job["job_id"].IsString()) {
        if (!seen.insert(job["job_id"].GetString()).second) continue;  // listed twice while paging
        marker = job["job_id"].GetString();
      }
      each(job);
    }
    page_done();
    // A page shorter than asked is the last one, unless the API caps pages below the size
    // asked for: then only a page shorter than the cap (or an empty one) ends the list.
    bool shorter_than_cap = full_page && count < *full_page;
    if (count == 0 || (count < static_cast<std::size_t>(page_size) && shorter_than_cap)) break;
    full_page = std::max(full_page.value_or(0), count);
  }
  return seen.size();
}

namespace {

// A page of a change listing, parsed in place; nullopt when the answer is a plain list.
struct ChangePage {
  rapidjson::Document doc;
  long long until = 0;
  std::optional<std::string> next_marker;
};

std::optional<ChangePage> read_change_page(common::HttpResponse& response) {
  if (response.status != 200) throw ApiError(response.status, api_error_description(response));
  ChangePage page;
  page.doc.ParseInsitu<rapidjson::kParseValidateEncodingFlag>(response.body.data());
  if (page.doc.HasParseError() || !page.doc.IsObject())
    throw ApiError(response.status, "unreadable answer to the job change list");
  auto until = page.doc.FindMember("changes_until");
  if (until == page.doc.MemberEnd() || !until->value.IsInt64()) return std::nullopt;
  page.until = until->value.GetInt64();
  auto jobs = page.doc.FindMember("jobs");
  auto deleted = page.doc.FindMember("deleted_jobs");
  if (jobs == page.doc.MemberEnd() || !jobs->value.IsArray() || deleted == page.doc.MemberEnd() ||
      !deleted->value.IsArray())
    throw ApiError(response.status, "the job change list has no 'jobs' or 'deleted_jobs' list");
  auto marker = page.doc.FindMember("next_marker");
  if (marker != page.doc.MemberEnd() && marker->value.IsString())
    page.next_marker = marker->value.GetString();
  return page;
}

}  // namespace

std::optional<long long> FreezerClient::list_job_changes(
    bool all_projects, int page_size, long long since,
    const std::function<void(const rapidjson::Value&)>& each,
    const std::function<void(const std::string&)>& deleted,
    const std::function<void()>& page_done) {
  const std::string project = own_project();
  std::optional<long long> next_cursor;  // from the first page: the earliest
  std::string marker;
  for (;;) {
    auto response = call("GET", project,
                         "jobs/?limit=" + std::to_string(page_size) +
                             "&changes_since=" + std::to_string(since) +
                             "&all_projects=" + (all_projects ? "True" : "False") +
                             (marker.empty() ? "" : "&marker=" + marker));
    auto page = read_change_page(response);
    if (!page) return std::nullopt;
    if (!next_cursor) next_cursor = page->until;
    for (const auto& job : page->doc["jobs"].GetArray()) each(job);
    for (const auto& id : page->doc["deleted_jobs"].GetArray())
      if (id.IsString()) deleted(id.GetString());
    page_done();
    if (!page->next_marker || *page->next_marker == marker) break;
    marker = *page->next_marker;
  }
  return next_cursor;
}

std::optional<long long> FreezerClient::change_cursor(bool all_projects) {
  // Changes after the end of time: no rows, only where a listing would start.
  auto response = call("GET", own_project(),
                       "jobs/?limit=1&changes_since=9000000000000000000&all_projects=" +
                           std::string(all_projects ? "True" : "False"));
  auto page = read_change_page(response);
  if (!page) return std::nullopt;
  return page->until;
}

std::optional<rapidjson::Document> FreezerClient::get_job(const std::string& project_id,
                                                          const std::string& job_id) {
  auto response = call("GET", project_id, "jobs/" + job_id);
  if (response.status == 404) return std::nullopt;
  if (response.status != 200) throw ApiError(response.status, api_error_description(response));
  return parse_or_throw(response, "a job read");
}

void FreezerClient::update_job(const std::string& project_id, const std::string& job_id,
                               const std::string& body) {
  auto response = call("PATCH", project_id, "jobs/" + job_id, body);
  if (response.status != 200) throw ApiError(response.status, api_error_description(response));
}

std::string FreezerClient::create_backup(const std::string& project_id,
                                         const std::string& metadata) {
  auto response = call("POST", project_id, "backups/", metadata);
  if (response.status != 201) throw ApiError(response.status, api_error_description(response));
  auto doc = parse_or_throw(response, "a backup upload");
  return doc.HasMember("backup_id") && doc["backup_id"].IsString() ? doc["backup_id"].GetString()
                                                                   : "";
}

SessionAnswer FreezerClient::session_action(const std::string& project_id,
                                            const std::string& session_id,
                                            const std::string& body) {
  auto response = call("POST", project_id, "sessions/" + session_id + "/action", body);
  if (response.status != 202 && response.status != 200)
    throw ApiError(response.status, api_error_description(response));
  auto doc = parse_or_throw(response, "a session action");
  SessionAnswer answer;
  if (doc.HasMember("result") && doc["result"].IsString())
    answer.result = doc["result"].GetString();
  if (doc.HasMember("session_tag") && doc["session_tag"].IsInt64())
    answer.session_tag = doc["session_tag"].GetInt64();
  return answer;
}

std::optional<rapidjson::Document> FreezerClient::get_session(const std::string& project_id,
                                                              const std::string& session_id) {
  auto response = call("GET", project_id, "sessions/" + session_id);
  if (response.status == 404) return std::nullopt;
  if (response.status != 200) throw ApiError(response.status, api_error_description(response));
  return parse_or_throw(response, "a session read");
}

}  // namespace freezer::scheduler
