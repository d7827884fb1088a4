#pragma once
// freezer-scheduler's command line, oslo.config style: `[options] ACTION` where ACTION is
// start, stop, restart, status or reload; every option of the catalog under its
// --<group>-<name> spelling and its older aliases; --config-file (repeatable) and
// --config-dir.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace freezer::scheduler {

struct CommandLine {
  std::string action;  // "" when none was given
  std::vector<std::string> config_files;
  std::vector<std::string> config_dirs;
  std::map<std::string, std::string> overrides;  // "group.name" -> value as text
  std::optional<int> exit_code;  // set when parsing already answered (--help, errors)
};

inline const std::vector<std::string> kSchedulerActions{"start", "stop", "restart", "status",
                                                        "reload"};

// Prints help or errors itself; exit_code then says how to leave (0 for --help, 2 for a usage
// error, 65 when no action was given, as upstream).
CommandLine parse_command_line(int argc, const char* const* argv);

}  // namespace freezer::scheduler
