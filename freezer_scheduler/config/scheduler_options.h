#pragma once
// The scheduler's settings, resolved from (in rising precedence) option defaults, the OS_*
// environment, config files (current names before 13.0.0-era [DEFAULT] aliases) and the
// command line, then checked: a bad value stops start-up with a message naming the option.
#include <chrono>
#include <string>
#include <vector>

#include "common/config.h"
#include "common/keystone_token.h"
#include "common/logging.h"
#include "freezer_scheduler/config/command_line.h"

namespace freezer::scheduler {

struct ServiceAuthOptions {
  std::string auth_type;                    // password, token or none
  common::KeystoneCredentials credentials;  // user and password, or token; project scope
  std::string auth_url, backup_url, region_name;
  std::string interface;  // public, internal or admin
  std::string cert, cacert;
};

struct CapabilityOptions {
  std::vector<std::string> actions, modes, storages, engines;
  bool operator==(const CapabilityOptions&) const = default;
};

// Service mode's Cinder calls ([cinder], this implementation's own group).
struct CinderOptions {
  std::string interface;  // "" : [service_auth]'s
  std::string region_name;
  std::string endpoint_override;
  std::string max_microversion = "3.64";
  std::chrono::seconds poll_interval{5};
  std::chrono::seconds backup_timeout{3600};
  std::chrono::seconds restore_timeout{3600};
  std::chrono::seconds delete_timeout{120};
  int max_poll_failures = 3;
};

// A pool of central schedulers (several hosts, one client id) coordinated through ZooKeeper.
struct CoordinationOptions {
  std::string backend_url;  // "" : this scheduler runs alone
  std::string member_id;    // this member in the group; "" : <hostname>-<random>
};

struct LoggingOptions {
  bool debug = false;
  std::string log_file;          // oslo.log's file (log_dir/log_file), "" when none
  common::LogSettings settings;  // every destination (common/log_options.h)
};

struct SchedulerOptions {
  std::string client_id;  // "" : <project id>_<hostname>
  bool no_api = false;
  std::string jobs_dir;
  std::chrono::seconds interval{60};
  bool no_daemon = false;
  bool insecure = false;
  bool disable_exec = false;
  int concurrent_jobs = 1;
  std::size_t trust_cache_size = 1000;  // service mode: trust-scoped clients kept for reuse
  bool centralized = false;
  std::string pid_file;
  bool pid_file_explicit = false;  // set by the operator (the foreground takes it then)
  std::string agent_path = "freezer-agent";
  std::chrono::seconds agent_timeout{0};
  std::chrono::seconds agent_kill_grace{30};
  std::chrono::seconds api_timeout{60};
  int api_page_size = 1000;
  CapabilityOptions capabilities;
  ServiceAuthOptions auth;
  CinderOptions cinder;
  CoordinationOptions coordination;
  LoggingOptions logging;
  std::vector<std::string> config_files;        // what was read, for the start-up log
  std::vector<std::string> undeclared_options;  // set in them but not used, warned about
};

// Throws common::ConfigError. Relative paths are made absolute (the daemon runs in /).
SchedulerOptions load_scheduler_options(const CommandLine& line);

// The merged view of the sources, keyed by catalog group and name (for tests and samples).
// `undeclared`: what the files set that the scheduler does not use ("[section] option").
common::Config resolve_option_values(const CommandLine& line, std::vector<std::string>* files_read,
                                     std::vector<std::string>* undeclared = nullptr);

}  // namespace freezer::scheduler
