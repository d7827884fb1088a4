#include "freezer_scheduler/config/scheduler_options.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "common/capabilities.h"
#include "common/config_files.h"
#include "common/log_options.h"
#include "common/option_catalog.h"
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

std::optional<std::string> env_default(const common::OptionDecl& decl) {
  for (const auto& name : decl.env)
    if (const char* v = std::getenv(name.c_str()); v != nullptr && *v) return v;
  return std::nullopt;
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

// Reads the resolved values through the catalog: every option read is declared, with its
// default in one place.
class Reader {
 public:
  explicit Reader(const common::Config& resolved)
      : resolved_(resolved), catalog_(scheduler_option_catalog()) {}
  const common::Config& resolved() const { return resolved_; }
  std::string text(const char* group, const char* name) const {
    return catalog_.get_string(resolved_, group, name);
  }
  bool flag(const char* group, const char* name) const {
    return catalog_.get_bool(resolved_, group, name);
  }
  std::vector<std::string> list(const char* group, const char* name) const {
    return catalog_.get_list(resolved_, group, name);
  }
  long at_least(const char* group, const char* name, long minimum) const {
    long v = catalog_.get_int(resolved_, group, name);
    if (v < minimum)
      throw ConfigError(std::string("[") + group + "] " + name + " must be at least " +
                        std::to_string(minimum) + " (got " + std::to_string(v) + ")");
    return v;
  }

 private:
  const common::Config& resolved_;
  const common::OptionCatalog& catalog_;
};

// "publicURL" and the like, as keystoneauth also takes them, without the suffix.
std::string without_url_suffix(std::string interface) {
  if (interface.size() > 3 && interface.compare(interface.size() - 3, 3, "URL") == 0)
    interface.resize(interface.size() - 3);
  return interface;
}

void read_scheduler(const Reader& r, SchedulerOptions& o) {
  const char* S = "scheduler";
  o.client_id = r.text(S, "client_id");
  o.no_api = r.flag(S, "no_api");
  o.jobs_dir = absolute(r.text(S, "jobs_dir"));
  o.interval = std::chrono::seconds(r.at_least(S, "interval", 1));
  o.no_daemon = r.flag(S, "no_daemon");
  o.insecure = r.flag(S, "insecure");
  o.disable_exec = r.flag(S, "disable_exec");
  o.concurrent_jobs = static_cast<int>(r.at_least(S, "concurrent_jobs", 1));
  if (o.concurrent_jobs > 256) throw ConfigError("[scheduler] concurrent_jobs must be at most 256");
  o.trust_cache_size = static_cast<std::size_t>(r.at_least(S, "trust_cache_size", 1));
  if (r.flag(S, "enable_v1_api"))
    throw ConfigError(
        "[scheduler] enable_v1_api: the freezer v1 API no longer exists; remove the "
        "option (the v2 API is used)");
  o.centralized = r.flag(S, "centralized_scheduler");
  o.pid_file = absolute(r.text(S, "pid_file"));
  o.pid_file_explicit = o.pid_file != absolute(default_pid_file());
  o.agent_path = r.text(S, "agent_path");
  if (o.agent_path.find('/') != std::string::npos) o.agent_path = absolute(o.agent_path);
  o.agent_timeout = std::chrono::seconds(r.at_least(S, "agent_timeout", 0));
  o.agent_kill_grace = std::chrono::seconds(r.at_least(S, "agent_kill_grace", 0));
  o.api_timeout = std::chrono::seconds(r.at_least(S, "api_timeout", 1));
  o.api_page_size = static_cast<int>(r.at_least(S, "api_page_size", 1));
}

void read_capabilities(const Reader& r, bool centralized, CapabilityOptions& o) {
  const char* C = "capabilities";
  o.actions = r.list(C, "supported_actions");
  o.modes = r.list(C, "supported_modes");
  o.storages = r.list(C, "supported_storages");
  o.engines = r.list(C, "supported_engines");
  check_members(o.actions, common::all_actions(), "supported_actions");
  check_members(o.modes, common::all_modes(), "supported_modes");
  check_members(o.storages, common::all_storages(), "supported_storages");
  check_members(o.engines, common::all_engines(), "supported_engines");
  if (!centralized) return;
  // A central scheduler acts for every project on its own host: only cinder-native work,
  // which Cinder performs, may run there.
  static const std::vector<std::string> kCentralActions{"backup", "restore", "admin", "info"};
  for (const auto& a : o.actions)
    if (std::find(kCentralActions.begin(), kCentralActions.end(), a) == kCentralActions.end())
      throw ConfigError("[capabilities] supported_actions: '" + a +
                        "' is not allowed with [scheduler] centralized_scheduler = true (a central "
                        "scheduler runs only backup, restore, admin and info actions)");
  for (const auto& m : o.modes)
    if (m != "cindernative")
      throw ConfigError("[capabilities] supported_modes: '" + m +
                        "' is not allowed with [scheduler] centralized_scheduler = true (a central "
                        "scheduler runs only cindernative jobs)");
}

void read_service_auth(const Reader& r, ServiceAuthOptions& a) {
  const char* A = "service_auth";
  a.credentials = common::read_keystone_credentials(
      [&r, A](const std::string& name) { return r.text(A, ("os_" + name).c_str()); });
  a.credentials.token = r.text(A, "os_token");
  a.auth_url = r.text(A, "os_auth_url");
  a.backup_url = r.text(A, "os_backup_url");
  a.region_name = r.text(A, "os_region_name");
  a.cert = absolute(r.text(A, "os_cert"));
  a.cacert = absolute(r.text(A, "os_cacert"));
  a.interface = without_url_suffix(r.text(A, "os_endpoint_type"));
  if (a.interface != "public" && a.interface != "internal" && a.interface != "admin")
    throw ConfigError(
        "[service_auth] os_endpoint_type: '" + a.interface +
        "' is not one of public, internal, admin (or publicURL, internalURL, adminURL)");
  a.auth_type = r.text(A, "auth_type");
  if (a.auth_type.empty())
    a.auth_type =
        a.credentials.username.empty() && !a.credentials.token.empty() ? "token" : "password";
  if (a.auth_type == "v3password") a.auth_type = "password";
  if (a.auth_type == "noauth") a.auth_type = "none";
  if (a.auth_type != "password" && a.auth_type != "token" && a.auth_type != "none")
    throw ConfigError("[service_auth] auth_type: '" + a.auth_type +
                      "' is not one of password, token, none");
}

void read_cinder(const Reader& r, const ServiceAuthOptions& auth, CinderOptions& o) {
  const char* K = "cinder";
  o.interface = without_url_suffix(r.text(K, "interface"));
  if (o.interface.empty()) o.interface = auth.interface;
  o.region_name = r.text(K, "region_name");
  if (o.region_name.empty()) o.region_name = auth.region_name;
  o.endpoint_override = r.text(K, "endpoint_override");
  o.max_microversion = r.text(K, "max_microversion");
  o.poll_interval = std::chrono::seconds(r.at_least(K, "poll_interval", 1));
  o.backup_timeout = std::chrono::seconds(r.at_least(K, "backup_timeout", 1));
  o.restore_timeout = std::chrono::seconds(r.at_least(K, "restore_timeout", 1));
  o.delete_timeout = std::chrono::seconds(r.at_least(K, "delete_timeout", 1));
  o.max_poll_failures = static_cast<int>(r.at_least(K, "max_poll_failures", 1));
}

void read_coordination(const Reader& r, bool centralized, CoordinationOptions& o) {
  o.backend_url = r.text("coordination", "backend_url");
  o.member_id = r.text("coordination", "member_id");
  if (o.backend_url.empty()) return;
  try {
    parse_backend_url(o.backend_url);
  } catch (const BackendUrlError& e) {
    throw ConfigError(std::string("[coordination] backend_url: ") + e.what());
  }
  if (!centralized)
    throw ConfigError(
        "[coordination] backend_url: a pool needs [scheduler] centralized_scheduler = true "
        "(only central schedulers share one client id)");
  if (o.member_id.find('/') != std::string::npos)
    throw ConfigError("[coordination] member_id: '/' is not allowed");
}

void read_logging(const Reader& r, LoggingOptions& o) {
  o.debug = r.flag("DEFAULT", "debug");
  // Upstream's scheduler logs under the freezer.scheduler package.
  o.settings = common::read_log_settings(scheduler_option_catalog(), r.resolved(),
                                         {"freezer-scheduler", {"freezer.scheduler", "freezer"}});
  for (const auto& handler : o.settings.handlers)
    if (handler.destination == common::LogDestination::file) {
      o.log_file = handler.path;
      break;
    }
}

}  // namespace

common::Config resolve_option_values(const CommandLine& line, std::vector<std::string>* files_read,
                                     std::vector<std::string>* undeclared) {
  const auto files = common::config_files_to_read({line.config_files, line.config_dirs},
                                                  {"freezer.conf", "scheduler.conf"});
  const common::Config from_files = common::load_config_files(files);
  if (files_read) *files_read = files;
  if (undeclared)
    *undeclared = common::undeclared_options(from_files, {&scheduler_option_catalog()});

  common::Config resolved;
  for (const auto& decl : scheduler_option_catalog().options()) {
    std::optional<std::string> value;
    if (auto cli = line.overrides.find(decl.key()); cli != line.overrides.end()) {
      value = cli->second;
    } else {
      value = common::OptionCatalog::configured(from_files, decl.group, decl);
    }
    if (!value) value = env_default(decl);
    if (!value && !decl.default_value.empty()) value = decl.default_value;
    if (value) resolved.set(decl.group, decl.name, *value);
  }
  return resolved;
}

SchedulerOptions load_scheduler_options(const CommandLine& line) {
  SchedulerOptions o;
  const common::Config resolved =
      resolve_option_values(line, &o.config_files, &o.undeclared_options);
  const Reader r(resolved);
  read_scheduler(r, o);
  read_capabilities(r, o.centralized, o.capabilities);
  read_service_auth(r, o.auth);
  read_cinder(r, o.auth, o.cinder);
  read_coordination(r, o.centralized, o.coordination);
  read_logging(r, o.logging);
  return o;
}

}  // namespace freezer::scheduler
