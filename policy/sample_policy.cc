// sample_policy_yaml(), declared in default_rules.h: the documentation side of the defaults.
#include <string>

#include "policy/default_rules.h"

namespace freezer::policy {
namespace {

// Check strings go out as YAML double-quoted scalars, so an operator can uncomment a line
// and get exactly the default back.
std::string double_quoted(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string sample_policy_yaml() {
  std::string yaml;
  for (const RuleDefault& rule : default_rules()) {
    if (!rule.description.empty()) yaml += "# " + rule.description + "\n";
    for (const auto& [method, path] : rule.operations) yaml += "# " + method + " " + path + "\n";
    yaml += "#" + double_quoted(rule.name) + ": " + double_quoted(rule.check) + "\n\n";
  }
  return yaml;
}

}  // namespace freezer::policy
