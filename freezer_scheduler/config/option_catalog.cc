#include "freezer_scheduler/config/option_catalog.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "common/capabilities.h"
#include "common/log_options.h"
#include "common/option_catalog.h"

namespace freezer::scheduler {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::string default_jobs_dir() {
  const char* env = std::getenv("FREEZER_SCHEDULER_CONF_D");
  return env != nullptr && *env ? env : "/etc/freezer/scheduler/conf.d";
}

using common::OptionDecl;
using K = common::OptionKind;

std::string dashed(std::string name) {
  for (auto& c : name)
    if (c == '_') c = '-';
  return name;
}

OptionDecl scheduler_opt(const std::string& name, K kind, std::string default_value,
                         std::vector<std::string> cli, std::string help) {
  // Upstream 13.0.0 read these from [DEFAULT], under the dashed or the underscored name.
  return OptionDecl{"scheduler",
                    name,
                    kind,
                    std::move(default_value),
                    std::move(help),
                    {{"DEFAULT", name}, {"DEFAULT", dashed(name)}},
                    {},
                    std::move(cli)};
}

// An option of another group, set by command-line flags only (besides config files).
OptionDecl group_opt(const std::string& group, const std::string& name, K kind,
                     std::string default_value, std::vector<std::string> cli, std::string help,
                     std::vector<std::pair<std::string, std::string>> deprecated_names = {}) {
  return OptionDecl{group,
                    name,
                    kind,
                    std::move(default_value),
                    std::move(help),
                    std::move(deprecated_names),
                    {},
                    std::move(cli)};
}

// [service_auth] option `os_<suffix>`: default from OS_<SUFFIX>, CLI --service_auth-<suffix>
// and --os-<suffix>, [DEFAULT] os_<suffix> (13.0.0), and keystoneauth's own spelling.
OptionDecl auth_opt(const std::string& suffix, const std::string& keystoneauth_name,
                    std::string help, std::vector<std::string> extra_env = {}) {
  std::string upper = "OS_";
  for (char c : suffix) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::vector<std::string> env{upper};
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  OptionDecl decl{"service_auth",
                  "os_" + suffix,
                  K::string,
                  "",
                  std::move(help),
                  {{"DEFAULT", "os_" + suffix}, {"DEFAULT", "os-" + dashed(suffix)}},
                  env,
                  {"--service_auth-" + dashed(suffix), "--os-" + dashed(suffix)}};
  if (!keystoneauth_name.empty())
    decl.deprecated_names.insert(decl.deprecated_names.begin(),
                                 {"service_auth", keystoneauth_name});
  return decl;
}

std::vector<OptionDecl> declarations() {
  using T = K;
  std::vector<OptionDecl> specs;
  specs.push_back(
      scheduler_opt("client_id", T::string, "", {"-c", "--scheduler-client-id", "--client-id"},
                    "The client_id this scheduler registers and polls jobs for. Default: "
                    "<project id>_<hostname>."));
  specs.push_back(
      scheduler_opt("no_api", T::boolean, "false",
                    {"-n", "--scheduler-no-api", "--no-api", "!--scheduler-nono-api"},
                    "Never contact the API: run the jobs found in jobs_dir at start-up."));
  specs.push_back(scheduler_opt(
      "jobs_dir", T::string, default_jobs_dir(), {"-f", "--scheduler-jobs-dir", "--conf"},
      "Jobs directory: the no-api job source, and in API mode a cache of each job "
      "(job_<id>.conf, mode 0600). Default: $FREEZER_SCHEDULER_CONF_D or "
      "/etc/freezer/scheduler/conf.d."));
  specs.back().deprecated_names.push_back({"DEFAULT", "conf"});
  specs.push_back(scheduler_opt("interval", T::integer, "60",
                                {"-i", "--scheduler-interval", "--interval"},
                                "Seconds between two polls of the API."));
  specs.push_back(
      scheduler_opt("no_daemon", T::boolean, "false",
                    {"--scheduler-no-daemon", "--no-daemon", "!--scheduler-nono-daemon"},
                    "Run in the foreground (as systemd units do)."));
  specs.push_back(scheduler_opt(
      "insecure", T::boolean, "false",
      {"--scheduler-insecure", "--insecure", "!--scheduler-noinsecure"},
      "Do not verify TLS certificates (also exports OS_INSECURE=True to the agent)."));
  specs.push_back(
      scheduler_opt("disable_exec", T::boolean, "false",
                    {"--scheduler-disable-exec", "--disable-exec", "!--scheduler-nodisable-exec"},
                    "Refuse jobs with an exec action: they fail without running."));
  specs.push_back(
      scheduler_opt("concurrent_jobs", T::integer, "1",
                    {"--scheduler-concurrent-jobs", "--concurrent_jobs", "--concurrent-jobs"},
                    "How many jobs may run at the same time."));
  specs.push_back(scheduler_opt(
      "trust_cache_size", T::integer, "1000", {"--scheduler-trust-cache-size"},
      "Service mode: how many trust-scoped clients (each with its Keystone token) are kept for "
      "reuse; the least recently used beyond it are let go and fetch a new token when needed."));
  specs.push_back(scheduler_opt("enable_v1_api", T::boolean, "false",
                                {"--scheduler-enable-v1-api", "--enable-v1-api"},
                                "Legacy: the v1 API no longer exists, so true is refused."));
  specs.push_back(scheduler_opt(
      "centralized_scheduler", T::boolean, "false",
      {"--scheduler-centralized-scheduler", "!--scheduler-nocentralized-scheduler"},
      "Service mode: register as a central client and serve the jobs of every project through "
      "Keystone trusts."));
  specs.push_back(
      scheduler_opt("pid_file", T::string, default_pid_file(), {"--scheduler-pid-file"},
                    "Pid file of the daemon (start, stop, status, reload use it). Taken "
                    "in the foreground only when set explicitly."));
  specs.push_back(scheduler_opt("agent_path", T::string, "freezer-agent",
                                {"--scheduler-agent-path"},
                                "The freezer-agent executable (looked up on PATH unless a path)."));
  specs.push_back(scheduler_opt("agent_timeout", T::integer, "0", {"--scheduler-agent-timeout"},
                                "Seconds an agent run may take before it is stopped and the action "
                                "counts as aborted; 0: no limit."));
  specs.push_back(scheduler_opt("agent_kill_grace", T::integer, "30",
                                {"--scheduler-agent-kill-grace"},
                                "Seconds between SIGTERM and SIGKILL when an agent is stopped."));
  specs.push_back(scheduler_opt("api_timeout", T::integer, "60", {"--scheduler-api-timeout"},
                                "Seconds an API or Keystone request may take."));
  specs.push_back(scheduler_opt("api_page_size", T::integer, "1000", {"--scheduler-api-page-size"},
                                "Jobs asked for per page when polling."));

  for (auto [name, all] : {std::pair{"supported_actions", &common::all_actions()},
                           std::pair{"supported_modes", &common::all_modes()},
                           std::pair{"supported_storages", &common::all_storages()},
                           std::pair{"supported_engines", &common::all_engines()}}) {
    specs.push_back(group_opt("capabilities", name, T::list, joined(*all),
                              {"--capabilities-" + dashed(name)},
                              "Comma-separated list registered with the API; jobs needing "
                              "anything else are refused."));
  }

  auto cinder = [&specs](const std::string& name, K kind, std::string default_value,
                         std::string help) {
    specs.push_back(group_opt("cinder", name, kind, std::move(default_value),
                              {"--cinder-" + dashed(name)}, std::move(help)));
  };
  cinder("interface", T::string, "",
         "Catalog interface of Cinder (volumev3 / block-storage) in service mode; default: "
         "[service_auth] os_endpoint_type.");
  cinder("region_name", T::string, "",
         "Region of Cinder's endpoint; default: [service_auth] os_region_name.");
  cinder("endpoint_override", T::string, "",
         "Cinder's URL (with or without the project), instead of the catalog's.");
  cinder("max_microversion", T::string, "3.64",
         "Highest block-storage microversion asked for (the server's maximum when lower).");
  cinder("poll_interval", T::integer, "5",
         "Seconds between two reads of a backup, restore or deletion.");
  cinder("backup_timeout", T::integer, "3600", "Seconds a backup may take to become available.");
  cinder("restore_timeout", T::integer, "3600", "Seconds a restore may take.");
  cinder("delete_timeout", T::integer, "120", "Seconds a backup may take to be deleted.");
  cinder("max_poll_failures", T::integer, "3",
         "Consecutive failed reads (Cinder unreachable) after which an action fails.");

  specs.push_back(group_opt("coordination", "backend_url", T::string, "",
                            {"--coordination-backend-url"},
                            "A pool of central schedulers sharing one client id: the "
                            "coordination service, tooz-style (zookeeper://host:2181,host:2181"
                            "?timeout=10). Unset: this scheduler runs alone."));
  specs.push_back(group_opt("coordination", "member_id", T::string, "",
                            {"--coordination-member-id"},
                            "This scheduler's name in the pool; default: <hostname>-<random>, "
                            "new at each start."));

  specs.push_back(auth_opt("username", "username", "User name (default: $OS_USERNAME)."));
  specs.push_back(auth_opt("password", "password", "Password (default: $OS_PASSWORD)."));
  specs.push_back(
      auth_opt("project_id", "project_id", "Project id to scope to (default: $OS_PROJECT_ID)."));
  specs.push_back(auth_opt("project_name", "project_name",
                           "Project name to scope to (default: $OS_PROJECT_NAME)."));
  specs.push_back(auth_opt("project_domain_id", "project_domain_id", "Domain id of the project."));
  specs.push_back(
      auth_opt("project_domain_name", "project_domain_name", "Domain name of the project."));
  specs.push_back(auth_opt("user_domain_id", "user_domain_id", "Domain id of the user."));
  specs.push_back(auth_opt("user_domain_name", "user_domain_name", "Domain name of the user."));
  specs.push_back(auth_opt("auth_url", "auth_url", "Keystone URL (default: $OS_AUTH_URL)."));
  specs.push_back(
      auth_opt("backup_url", "", "Freezer API URL; default: the catalog's `backup` endpoint."));
  specs.push_back(auth_opt("region_name", "region_name", "Region of the catalog endpoints."));
  specs.push_back(auth_opt("token", "token", "An existing token, used when there is no password."));
  specs.push_back(auth_opt("endpoint_type", "interface",
                           "Catalog interface: public, internal or admin (or publicURL, ...).",
                           {"OS_INTERFACE"}));
  specs.back().default_value = "public";
  specs.push_back(auth_opt("cert", "certfile", "Client certificate for TLS."));
  specs.push_back(auth_opt("cacert", "cafile", "CA bundle verifying TLS servers."));
  specs.push_back(group_opt("service_auth", "auth_type", T::string, "",
                            {"--service_auth-auth-type"},
                            "password (the default with a user name), token (the default with "
                            "only a token) or none (an API in noauth mode: needs os_backup_url "
                            "and os_project_id)."));

  for (auto& option : common::oslo_log_options()) specs.push_back(std::move(option));
  return specs;
}

}  // namespace

std::string default_pid_file() {
  const char* tmp = std::getenv("TMPDIR");
  std::string dir = tmp != nullptr && *tmp ? tmp : "/tmp";
  std::string home;
  if (const char* h = std::getenv("HOME"); h != nullptr && *h) {
    home = h;
  } else if (const passwd* pw = getpwuid(getuid()); pw != nullptr && pw->pw_dir != nullptr) {
    home = pw->pw_dir;
  }
  while (home.size() > 1 && home.back() == '/') home.pop_back();
  return dir + "/freezer_sched_" + std::filesystem::path(home).filename().string() + ".pid";
}

const common::OptionCatalog& scheduler_option_catalog() {
  static const common::OptionCatalog catalog("freezer-scheduler", declarations());
  return catalog;
}

}  // namespace freezer::scheduler
