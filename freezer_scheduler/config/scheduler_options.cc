#include "freezer_scheduler/config/scheduler_options.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "common/capabilities.h"
#include "freezer_scheduler/config/option_catalog.h"
#include "freezer_scheduler/coordination/backend_url.h"

namespace freezer::scheduler {
namespace {

namespace fs = std::filesystem;
using common::ConfigError;

std::string absolute(const std::string& path) {
  if (path.empty()) return path;
  return fs::absolute(fs::path(path)).lexically_normal().string();
}

std::vector<std::string> config_dir_files(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".conf")
      files.push_back(entry.path().string());
  if (ec) throw ConfigError("cannot read config directory " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

std::string env_default(const OptionSpec& spec) {
  for (const auto& name : spec.env)
    if (const char* v = std::getenv(name.c_str()); v != nullptr && *v) return v;
  return "";
}

void check_members(const std::vector<std::string>& values, const std::vector<std::string>& allowed,
                   const char* option) {
  for (const auto& v : values)
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw ConfigError(std::string("[capabilities] ") + option + ": '" + v + "' is not one of " +
                        list);
    }
}

long positive(const common::Config& c, const char* group, const char* name, long minimum) {
  long v = c.get_int(group, name, 0);
  if (v < minimum)
    throw ConfigError(std::string("[") + group + "] " + name + " must be at least " +
                      std::to_string(minimum) + " (got " + std::to_string(v) + ")");
  return v;
}

}  // namespace

std::vector<std::string> default_config_files() {
  std::vector<std::string> dirs;
  if (const char* home = std::getenv("HOME"); home != nullptr && *home) {
    dirs.push_back(std::string(home) + "/.freezer");
    dirs.push_back(home);
  }
  dirs.push_back("/etc/freezer");
  dirs.push_back("/etc");
  std::vector<std::string> files;
  for (const char* name : {"freezer.conf", "scheduler.conf"})
    for (const auto& dir : dirs) {
      fs::path p = fs::path(dir) / name;
      std::error_code ec;
      if (fs::is_regular_file(p, ec)) {
        files.push_back(p.string());
        break;
      }
    }
  return files;
}

common::Config resolve_option_values(const CommandLine& line,
                                     std::vector<std::string>* files_read) {
  std::vector<std::string> files = line.config_files;
  if (files.empty() && line.config_dirs.empty()) files = default_config_files();
  for (const auto& dir : line.config_dirs) {
    auto more = config_dir_files(dir);
    files.insert(files.end(), more.begin(), more.end());
  }
  common::Config from_files;
  for (const auto& file : files) from_files.merge(common::Config::load_file(file));
  if (files_read) *files_read = files;

  common::Config resolved;
  for (const auto& spec : scheduler_option_specs()) {
    std::optional<std::string> value;
    if (auto cli = line.overrides.find(spec.key()); cli != line.overrides.end()) {
      value = cli->second;
    } else if (auto v = from_files.get(spec.group, spec.name)) {
      value = v;
    } else {
      for (const auto& [group, key] : spec.aliases)
        if ((value = from_files.get(group, key))) break;
    }
    if (!value) {
      std::string env = env_default(spec);
      if (!env.empty()) {
        value = env;
      } else if (spec.has_default) {
        value = spec.default_value;
      }
    }
    if (value) resolved.set(spec.group, spec.name, *value);
  }
  return resolved;
}

SchedulerOptions load_scheduler_options(const CommandLine& line) {
  SchedulerOptions o;
  auto c = resolve_option_values(line, &o.config_files);
  const char* S = "scheduler";
  o.client_id = c.get_string(S, "client_id", "");
  o.no_api = c.get_bool(S, "no_api", false);
  o.jobs_dir = absolute(c.get_string(S, "jobs_dir", ""));
  o.interval = std::chrono::seconds(positive(c, S, "interval", 1));
  o.no_daemon = c.get_bool(S, "no_daemon", false);
  o.insecure = c.get_bool(S, "insecure", false);
  o.disable_exec = c.get_bool(S, "disable_exec", false);
  o.concurrent_jobs = static_cast<int>(positive(c, S, "concurrent_jobs", 1));
  if (o.concurrent_jobs > 256) throw ConfigError("[scheduler] concurrent_jobs must be at most 256");
  if (c.get_bool(S, "enable_v1_api", false))
    throw ConfigError(
        "[scheduler] enable_v1_api: the freezer v1 API no longer exists; remove the "
        "option (the v2 API is used)");
  o.centralized = c.get_bool(S, "centralized_scheduler", false);
  o.pid_file = absolute(c.get_string(S, "pid_file", default_pid_file()));
  o.pid_file_explicit = o.pid_file != absolute(default_pid_file());
  o.agent_path = c.get_string(S, "agent_path", "freezer-agent");
  if (o.agent_path.find('/') != std::string::npos) o.agent_path = absolute(o.agent_path);
  o.agent_timeout = std::chrono::seconds(positive(c, S, "agent_timeout", 0));
  o.agent_kill_grace = std::chrono::seconds(positive(c, S, "agent_kill_grace", 0));
  o.api_timeout = std::chrono::seconds(positive(c, S, "api_timeout", 1));
  o.api_page_size = static_cast<int>(positive(c, S, "api_page_size", 1));

  const char* C = "capabilities";
  o.capabilities.actions = c.get_list(C, "supported_actions", {});
  o.capabilities.modes = c.get_list(C, "supported_modes", {});
  o.capabilities.storages = c.get_list(C, "supported_storages", {});
  o.capabilities.engines = c.get_list(C, "supported_engines", {});
  check_members(o.capabilities.actions, common::all_actions(), "supported_actions");
  check_members(o.capabilities.modes, common::all_modes(), "supported_modes");
  check_members(o.capabilities.storages, common::all_storages(), "supported_storages");
  check_members(o.capabilities.engines, common::all_engines(), "supported_engines");

  if (o.centralized) {
    // A central scheduler acts for every project on its own host: only cinder-native work,
    // which Cinder performs, may run there.
    static const std::vector<std::string> kCentralActions{"backup", "restore", "admin", "info"};
    for (const auto& a : o.capabilities.actions)
      if (std::find(kCentralActions.begin(), kCentralActions.end(), a) == kCentralActions.end())
        throw ConfigError(
            "[capabilities] supported_actions: '" + a +
            "' is not allowed with [scheduler] centralized_scheduler = true (a central "
            "scheduler runs only backup, restore, admin and info actions)");
    for (const auto& m : o.capabilities.modes)
      if (m != "cindernative")
        throw ConfigError(
            "[capabilities] supported_modes: '" + m +
            "' is not allowed with [scheduler] centralized_scheduler = true (a central "
            "scheduler runs only cindernative jobs)");
  }

  const char* A = "service_auth";
  auto& a = o.auth;
  a.username = c.get_string(A, "os_username", "");
  a.password = c.get_string(A, "os_password", "");
  a.project_id = c.get_string(A, "os_project_id", "");
  a.project_name = c.get_string(A, "os_project_name", "");
  a.project_domain_id = c.get_string(A, "os_project_domain_id", "");
  a.project_domain_name = c.get_string(A, "os_project_domain_name", "");
  a.user_domain_id = c.get_string(A, "os_user_domain_id", "");
  a.user_domain_name = c.get_string(A, "os_user_domain_name", "");
  a.auth_url = c.get_string(A, "os_auth_url", "");
  a.backup_url = c.get_string(A, "os_backup_url", "");
  a.region_name = c.get_string(A, "os_region_name", "");
  a.token = c.get_string(A, "os_token", "");
  a.cert = absolute(c.get_string(A, "os_cert", ""));
  a.cacert = absolute(c.get_string(A, "os_cacert", ""));
  std::string interface = c.get_string(A, "os_endpoint_type", "public");
  if (interface.size() > 3 && interface.compare(interface.size() - 3, 3, "URL") == 0)
    interface.resize(interface.size() - 3);
  if (interface != "public" && interface != "internal" && interface != "admin")
    throw ConfigError(
        "[service_auth] os_endpoint_type: '" + interface +
        "' is not one of public, internal, admin (or publicURL, internalURL, adminURL)");
  a.interface = interface;
  a.auth_type = c.get_string(A, "auth_type", "");
  if (a.auth_type.empty())
    a.auth_type = a.username.empty() && !a.token.empty() ? "token" : "password";
  if (a.auth_type == "v3password") a.auth_type = "password";
  if (a.auth_type == "noauth") a.auth_type = "none";
  if (a.auth_type != "password" && a.auth_type != "token" && a.auth_type != "none")
    throw ConfigError("[service_auth] auth_type: '" + a.auth_type +
                      "' is not one of password, token, none");

  const char* K = "cinder";
  o.cinder.interface = c.get_string(K, "interface", a.interface);
  if (o.cinder.interface.size() > 3 &&
      o.cinder.interface.compare(o.cinder.interface.size() - 3, 3, "URL") == 0)
    o.cinder.interface.resize(o.cinder.interface.size() - 3);
  o.cinder.region_name = c.get_string(K, "region_name", a.region_name);
  o.cinder.endpoint_override = c.get_string(K, "endpoint_override", "");
  o.cinder.max_microversion = c.get_string(K, "max_microversion", "3.64");
  o.cinder.poll_interval = std::chrono::seconds(positive(c, K, "poll_interval", 1));
  o.cinder.backup_timeout = std::chrono::seconds(positive(c, K, "backup_timeout", 1));
  o.cinder.restore_timeout = std::chrono::seconds(positive(c, K, "restore_timeout", 1));
  o.cinder.delete_timeout = std::chrono::seconds(positive(c, K, "delete_timeout", 1));
  o.cinder.max_poll_failures = static_cast<int>(positive(c, K, "max_poll_failures", 1));

  o.coordination.backend_url = c.get_string("coordination", "backend_url", "");
  o.coordination.member_id = c.get_string("coordination", "member_id", "");
  if (!o.coordination.backend_url.empty()) {
    try {
      parse_backend_url(o.coordination.backend_url);
    } catch (const BackendUrlError& e) {
      throw ConfigError(std::string("[coordination] backend_url: ") + e.what());
    }
    if (!o.centralized)
      throw ConfigError(
          "[coordination] backend_url: a pool needs [scheduler] centralized_scheduler = true "
          "(only central schedulers share one client id)");
    if (o.coordination.member_id.find('/') != std::string::npos)
      throw ConfigError("[coordination] member_id: '/' is not allowed");
  }

  o.logging.debug = c.get_bool("DEFAULT", "debug", false);
  o.logging.use_stderr = c.get_bool("DEFAULT", "use_stderr", false);
  std::string log_dir = c.get_string("DEFAULT", "log_dir", "");
  std::string log_file = c.get_string("DEFAULT", "log_file", "");
  if (!log_dir.empty())
    log_file =
        (fs::path(log_dir) / (log_file.empty() ? "freezer-scheduler.log" : log_file)).string();
  o.logging.log_file = absolute(log_file);
  return o;
}

}  // namespace freezer::scheduler
