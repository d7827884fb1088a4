#pragma once
// What a policy decision is made about: who asks (credentials) and on what (target).
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace freezer::policy {

struct Credentials {
  std::vector<std::string> roles;                 // lower-cased role names
  std::map<std::string, std::string> attributes;  // user_id, project_id, is_admin ("True")...
};

// Values a rule can substitute with %(name)s, e.g. {"project_id": "<project in the URL>"}.
using Target = std::map<std::string, std::string>;

// A rule string, policy file or rule name that cannot be used; the message names the rule.
class PolicyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace freezer::policy
