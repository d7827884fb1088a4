#include "freezer_scheduler/api/request_bodies.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>
#include <vector>

#include "freezer_scheduler/job/report_body.h"

namespace freezer::scheduler {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void string(Writer& w, std::string_view value) {
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void string_list(Writer& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const auto& v : values) string(w, v);
  w.EndArray();
}

// {"<action>": {"job_id": ..., "current_tag": ..., "result": ...}}, result only at the end.
std::string session_action_body(const char* action, const std::string& job_id,
                                long long current_tag, const RunResult* result) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key(action);
  w.StartObject();
  w.Key("job_id");
  string(w, job_id);
  w.Key("current_tag");
  w.Int64(current_tag);
  if (result != nullptr) {
    w.Key("result");
    string(w, wire_name(*result));
  }
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

}  // namespace

std::string client_registration_body(const std::string& client_id, const std::string& hostname,
                                     const CapabilityOptions& capabilities, bool is_central) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("client_id");
  string(w, client_id);
  w.Key("hostname");
  string(w, hostname);
  string_list(w, "supported_actions", capabilities.actions);
  string_list(w, "supported_modes", capabilities.modes);
  string_list(w, "supported_storages", capabilities.storages);
  string_list(w, "supported_engines", capabilities.engines);
  w.Key("is_central");
  w.Bool(is_central);
  w.EndObject();
  return buffer.GetString();
}

std::string job_search_body(const std::string& client_id) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("match_not");
  w.StartArray();
  w.StartObject();
  w.Key("status");
  w.String("completed");
  w.EndObject();
  w.EndArray();
  w.Key("match");
  w.StartArray();
  w.StartObject();
  w.Key("client_id");
  string(w, client_id);
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

std::string session_start_body(const std::string& job_id, long long current_tag) {
  return session_action_body("start", job_id, current_tag, nullptr);
}

std::string session_end_body(const std::string& job_id, long long current_tag, RunResult result) {
  return session_action_body("end", job_id, current_tag, &result);
}

}  // namespace freezer::scheduler
