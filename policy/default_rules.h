#pragma once
// Upstream freezer-api's secure-RBAC defaults (api.md 7.3), declared as data with their
// documentation, and the sample policy.yaml generated from them.
#include <string>
#include <utility>
#include <vector>

namespace freezer::policy {

struct RuleDefault {
  std::string name;
  std::string check;
  std::string description;
  std::vector<std::pair<std::string, std::string>> operations;  // method, path
};

// Base rules first, then every API rule; names and check strings are upstream's exactly.
const std::vector<RuleDefault>& default_rules();

// Every default as a commented-out policy file, like oslopolicy-sample-generator's output.
std::string sample_policy_yaml();

}  // namespace freezer::policy
