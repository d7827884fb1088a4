#pragma once
// What a freezer-agent run is given: its action as a private INI file (the agent reads it
// with Python's configparser) and its environment (the scheduler's own, plus the service
// credentials as OS_* variables, as upstream exports them).
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "freezer_scheduler/config/scheduler_options.h"

namespace freezer::scheduler {

// One [action] section, a `key = value` line per freezer_action entry: null entries are
// left out, booleans are True/False, strings verbatim with `%` doubled (configparser
// interpolates) and new lines continued, other values as Python prints them. `trust_id`, when
// set, is added as os_trust_id. Entries whose key cannot be written are skipped and named in
// `skipped`.
std::string agent_config_ini(const rapidjson::Value& freezer_action, const std::string& trust_id,
                             std::vector<std::string>* skipped = nullptr);

// `base`: the scheduler's environment ("NAME=value" entries).
std::vector<std::string> agent_environment(const std::vector<std::string>& base,
                                           const SchedulerOptions& options,
                                           const std::string& trust_id);

// This process's environment as "NAME=value" entries.
std::vector<std::string> current_environment();

}  // namespace freezer::scheduler
