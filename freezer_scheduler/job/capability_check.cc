#include "freezer_scheduler/job/capability_check.h"

#include <algorithm>

namespace freezer::scheduler {
namespace {

bool allowed(const std::string& value, const std::vector<std::string>& list) {
  return value.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::string unsupported_capability(const JobDocument& job, const CapabilityOptions& c) {
  for (const auto& a : job.actions) {
    const std::pair<const std::string*, std::pair<const char*, const std::vector<std::string>*>>
        checks[] = {
            {&a.action, {"action", &c.actions}},    {&a.mode, {"mode", &c.modes}},
            {&a.storage, {"storage", &c.storages}}, {&a.engine_name, {"engine_name", &c.engines}},
            {&a.engine, {"engine", &c.engines}},
        };
    for (const auto& [value, what] : checks)
      if (!allowed(*value, *what.second)) {
        std::string list_name =
            std::string(what.first) == "engine_name" || std::string(what.first) == "engine"
                ? "supported_engines"
                : "supported_" + std::string(what.first) + "s";
        return std::string(what.first) + " '" + *value + "' is not in [capabilities] " + list_name;
      }
  }
  return "";
}

}  // namespace freezer::scheduler
