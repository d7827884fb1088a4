#pragma once
// The policy decision point: upstream's default rules, overridden by the operator's policy
// file and then by the files of the policy directories (each directory's files in name
// order, later ones winning), all re-read when one changes (like oslo.policy, without a
// restart).
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "policy/credentials.h"
#include "policy/rule_file.h"

namespace freezer::policy {

class RuleSet;

struct EnforcerOptions {
  std::string policy_file;  // [oslo_policy] policy_file; relative names are under config_dir
  std::string config_dir;   // directory of the service's config file
  std::chrono::milliseconds reload_check_interval{1000};  // how often allowed() may stat
  std::vector<std::string> policy_dirs = {};  // [oslo_policy] policy_dirs; relative: as above
  // [oslo_policy] enforce_scope: every rule is for project-scoped tokens (scope_types
  // ["project"]), so others are refused.
  bool enforce_scope = false;
};

class Enforcer {
 public:
  // A missing policy file means defaults only (it is picked up if it appears later). Throws
  // PolicyError, naming the rule, when the file exists but cannot be used.
  explicit Enforcer(EnforcerOptions options);
  ~Enforcer();

  // Thread-safe. Throws PolicyError for an unknown rule name: that is a bug in the caller.
  bool allowed(std::string_view rule, const Target& target, const Credentials& credentials) const;
  bool has_rule(std::string_view rule) const;

 private:
  // The rules to decide with, after re-reading the policy file if it changed.
  std::shared_ptr<const RuleSet> current_rules() const;
  void reload_if_changed() const;  // requires mutex_
  std::shared_ptr<const RuleSet> load_rules() const;
  // The override files, in the order they apply, with their stamps now.
  std::vector<std::pair<std::filesystem::path, FileStamp>> override_files() const;

  const EnforcerOptions options_;
  const std::filesystem::path policy_path_;  // empty: none
  const std::vector<std::filesystem::path> policy_dirs_;

  mutable std::mutex mutex_;
  mutable std::shared_ptr<const RuleSet> rules_;
  // The files as they were last looked at, usable or not.
  mutable std::vector<std::pair<std::filesystem::path, FileStamp>> seen_;
  mutable std::chrono::steady_clock::time_point last_check_;
};

}  // namespace freezer::policy
