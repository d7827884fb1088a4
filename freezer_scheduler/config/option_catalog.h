#pragma once
// Every freezer-scheduler option, declared once as data: its group and name (as written in a
// config file), type, default, the environment variable that supplies the default, its
// command-line spellings and the older names operators' files still use. The command line,
// the config loader and the sample file are all driven by this table.
#include <string>
#include <utility>
#include <vector>

namespace freezer::scheduler {

enum class OptionType { string, integer, boolean, list };

struct OptionSpec {
  std::string group;  // "scheduler", "capabilities", "service_auth" or "DEFAULT"
  std::string name;   // the key in [group]
  OptionType type;
  std::string default_value;  // "" with has_default false: unset
  bool has_default;
  std::vector<std::string> env;  // the first non-empty variable is the default
  std::vector<std::string> cli;  // "-c", "--scheduler-client-id", "--client-id"; booleans
                                 // also take "--<group>-no<name>" spellings ("!" prefixed)
  std::vector<std::pair<std::string, std::string>> aliases;  // older (group, key) spellings
  std::string help;

  std::string key() const { return group + "." + name; }
};

const std::vector<OptionSpec>& scheduler_option_specs();
// scheduler.conf.sample: every option at its default, with its help and older spellings.
std::string scheduler_config_sample();
// The upstream pid file: <TMPDIR or /tmp>/freezer_sched_<basename of $HOME>.pid.
std::string default_pid_file();

}  // namespace freezer::scheduler
