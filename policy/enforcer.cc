#include "policy/enforcer.h"

#include <spdlog/spdlog.h>

#include "policy/default_rules.h"
#include "policy/rule_set.h"

namespace freezer::policy {
namespace {

std::filesystem::path resolve_policy_path(const EnforcerOptions& options) {
  if (options.policy_file.empty()) return {};
  std::filesystem::path path(options.policy_file);
  if (path.is_relative() && !options.config_dir.empty()) path = options.config_dir / path;
  return path;
}

}  // namespace

Enforcer::Enforcer(EnforcerOptions options)
    : options_(std::move(options)), policy_path_(resolve_policy_path(options_)) {
  if (!policy_path_.empty()) seen_stamp_ = stamp_file(policy_path_);
  rules_ = load_rules();
  if (seen_stamp_.exists) spdlog::info("policy overrides loaded from {}", policy_path_.string());
  last_check_ = std::chrono::steady_clock::now();
}

Enforcer::~Enforcer() = default;

bool Enforcer::allowed(std::string_view rule, const Target& target,
                       const Credentials& credentials) const {
  return current_rules()->evaluate(rule, target, credentials);
}

bool Enforcer::has_rule(std::string_view rule) const { return current_rules()->contains(rule); }

std::shared_ptr<const RuleSet> Enforcer::current_rules() const {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!policy_path_.empty() && now - last_check_ >= options_.reload_check_interval) {
    last_check_ = now;
    reload_if_changed();
  }
  // Callers evaluate on their own copy, so a reload never changes rules under them.
  return rules_;
}

void Enforcer::reload_if_changed() const {
  // Stat before reading: an edit landing in between is seen as a change on the next check.
  const FileStamp stamp = stamp_file(policy_path_);
  if (stamp == seen_stamp_) return;
  seen_stamp_ = stamp;
  if (!stamp.exists) {
    // Going back to defaults could open up what the operator had closed, perhaps only for
    // the moment an editor replaces the file; keep the last rules instead.
    spdlog::warn("policy file {} disappeared; keeping the rules last loaded from it",
                 policy_path_.string());
    return;
  }
  try {
    rules_ = load_rules();
    spdlog::info("policy file {} changed; rules reloaded", policy_path_.string());
  } catch (const PolicyError& e) {
    spdlog::error("policy file {} changed but cannot be used; keeping the previous rules: {}",
                  policy_path_.string(), e.what());
  }
}

std::shared_ptr<const RuleSet> Enforcer::load_rules() const {
  RuleTexts texts;
  for (const RuleDefault& rule : default_rules()) texts[rule.name] = rule.check;
  if (seen_stamp_.exists) {
    for (auto& [name, check] : read_rule_file(policy_path_)) texts[name] = std::move(check);
  }
  return RuleSet::compile(texts);
}

}  // namespace freezer::policy
