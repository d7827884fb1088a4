#include "freezer_api/documents/session_document.h"

#include "common/json.h"
#include "freezer_api/json_response.h"

namespace freezer::api {
namespace {

rapidjson::Value integer(const std::optional<long long>& v) {
  return v ? rapidjson::Value(static_cast<int64_t>(*v)) : rapidjson::Value();
}

rapidjson::Value text(const std::optional<std::string>& v, Allocator& a) {
  return v ? json_string(*v, a) : rapidjson::Value();
}

rapidjson::Value stored_json(const std::optional<std::string>& v, Allocator& a) {
  rapidjson::Document doc;
  if (!v || !common::parse_json(*v, doc)) return rapidjson::Value();
  return rapidjson::Value(doc, a);
}

// One session field by its upstream name; `project_id` is passed in because list elements
// carry the URL's project.
rapidjson::Value field(const db::SessionRecord& s, std::string_view name,
                       const std::string& project_id, Allocator& a) {
  if (name == "project_id") return json_string(project_id, a);
  if (name == "session_id") return json_string(s.id, a);
  if (name == "user_id") return json_string(s.user_id, a);
  if (name == "description") return text(s.description, a);
  if (name == "session_tag") return integer(s.session_tag);
  if (name == "result") return text(s.result, a);
  if (name == "hold_off") return integer(s.hold_off);
  if (name == "status") return text(s.status, a);
  if (name == "time_ended") return integer(s.time_ended);
  if (name == "time_started") return integer(s.time_started);
  if (name == "time_end") return integer(s.time_end);
  if (name == "time_start") return integer(s.time_start);
  return stored_json(s.schedule, a);  // "schedule"
}

template <std::size_t N>
void render(const db::SessionRecord& s, const char* const (&order)[N],
            const std::string& project_id, rapidjson::Value& out, Allocator& a) {
  for (const char* name : order)
    out.AddMember(rapidjson::StringRef(name), field(s, name, project_id, a), a);
  // Present once jobs were written; a replace without jobs stores (and shows) null.
  if (s.jobs) out.AddMember("jobs", stored_json(s.jobs, a), a);
}

// Upstream's key orders: GET item and list elements differ.
constexpr const char* kItemOrder[] = {
    "project_id", "session_id", "user_id",      "description", "session_tag", "result",  "hold_off",
    "status",     "time_ended", "time_started", "time_end",    "time_start",  "schedule"};
constexpr const char* kListOrder[] = {
    "project_id", "user_id",    "session_id", "description",  "session_tag", "result",  "hold_off",
    "status",     "time_ended", "time_end",   "time_started", "time_start",  "schedule"};

}  // namespace

void render_session(const db::SessionRecord& s, rapidjson::Value& out, Allocator& a) {
  render(s, kItemOrder, s.project_id, out, a);
}

void render_session_list_item(const db::SessionRecord& s, const std::string& url_project_id,
                              rapidjson::Value& out, Allocator& a) {
  render(s, kListOrder, url_project_id, out, a);
}

rapidjson::Document session_jobs(const db::SessionRecord& s) {
  return common::stored_object(s.jobs.value_or("{}"));
}

}  // namespace freezer::api
