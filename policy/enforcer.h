#pragma once
// The policy decision point: upstream's default rules, overridden by the operator's
// policy file, which is re-read when it changes (like oslo.policy, without a restart).
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "policy/credentials.h"
#include "policy/rule_file.h"

namespace freezer::policy {

class RuleSet;

struct EnforcerOptions {
  std::string policy_file;  // [oslo_policy] policy_file; relative names are under config_dir
  std::string config_dir;   // directory of the service's config file
  std::chrono::milliseconds reload_check_interval{1000};  // how often allowed() may stat
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

  const EnforcerOptions options_;
  const std::filesystem::path policy_path_;  // empty: defaults only

  mutable std::mutex mutex_;
  mutable std::shared_ptr<const RuleSet> rules_;
  mutable FileStamp seen_stamp_;  // the file as it was last looked at, usable or not
  mutable std::chrono::steady_clock::time_point last_check_;
};

}  // namespace freezer::policy
