#include "freezer_scheduler/run/agent_config.h"

#include <algorithm>
#include <map>

#include "common/json.h"

extern "C" char** environ;

namespace freezer::scheduler {
namespace {

bool writable_key(const std::string& key) {
  if (key.empty() || key.front() == '[' || key.front() == '#' || key.front() == ';') return false;
  return key.find_first_of("=:\n\r") == std::string::npos &&
         key.find_first_not_of(' ') != std::string::npos && key.front() != ' ' && key.back() != ' ';
}

std::string ini_value(const rapidjson::Value& value) {
  std::string text = value.IsString() ? std::string(value.GetString(), value.GetStringLength())
                                      : common::python_repr(value);
  std::string out;
  for (char c : text) {
    if (c == '%') {
      out += "%%";
    } else if (c == '\n') {
      out += "\n\t";  // a continuation line, as configparser writes multi-line values
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string agent_config_ini(const rapidjson::Value& freezer_action, const std::string& trust_id,
                             std::vector<std::string>* skipped) {
  std::string ini = "[action]\n";
  if (freezer_action.IsObject())
    for (const auto& m : freezer_action.GetObject()) {
      std::string key(m.name.GetString(), m.name.GetStringLength());
      if (m.value.IsNull() || (!trust_id.empty() && key == "os_trust_id")) continue;
      if (!writable_key(key)) {
        if (skipped) skipped->push_back(key);
        continue;
      }
      ini += key + " = " + ini_value(m.value) + "\n";
    }
  if (!trust_id.empty()) ini += "os_trust_id = " + trust_id + "\n";
  return ini;
}

std::vector<std::string> current_environment() {
  std::vector<std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) out.emplace_back(*e);
  return out;
}

std::vector<std::string> agent_environment(const std::vector<std::string>& base,
                                           const SchedulerOptions& options,
                                           const std::string& trust_id) {
  std::map<std::string, std::string> env;
  for (const auto& entry : base) {
    auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  const auto& a = options.auth;
  const std::pair<const char*, const std::string*> exported[] = {
      {"OS_USERNAME", &a.credentials.username},
      {"OS_PASSWORD", &a.credentials.password},
      {"OS_PROJECT_ID", &a.credentials.project_id},
      {"OS_PROJECT_NAME", &a.credentials.project_name},
      {"OS_PROJECT_DOMAIN_ID", &a.credentials.project_domain_id},
      {"OS_PROJECT_DOMAIN_NAME", &a.credentials.project_domain_name},
      {"OS_USER_DOMAIN_ID", &a.credentials.user_domain_id},
      {"OS_USER_DOMAIN_NAME", &a.credentials.user_domain_name},
      {"OS_AUTH_URL", &a.auth_url},
      {"OS_BACKUP_URL", &a.backup_url},
      {"OS_REGION_NAME", &a.region_name},
      {"OS_TOKEN", &a.credentials.token},
      {"OS_ENDPOINT_TYPE", &a.interface},
      {"OS_CERT", &a.cert},
      {"OS_CACERT", &a.cacert},
  };
  for (const auto& [name, value] : exported)
    if (!value->empty()) env[name] = *value;
  if (!trust_id.empty()) {
    // A trust-scoped token carries no project scope.
    env["OS_TRUST_ID"] = trust_id;
    for (const char* name :
         {"OS_PROJECT_NAME", "OS_PROJECT_ID", "OS_PROJECT_DOMAIN_NAME", "OS_PROJECT_DOMAIN_ID"})
      env.erase(name);
  }
  if (options.insecure) env["OS_INSECURE"] = "True";
  std::vector<std::string> out;
  out.reserve(env.size());
  for (const auto& [name, value] : env) out.push_back(name + "=" + value);
  return out;
}

}  // namespace freezer::scheduler
