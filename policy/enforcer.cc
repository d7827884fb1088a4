#include "policy/enforcer.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "policy/default_rules.h"
#include "policy/rule_set.h"

namespace freezer::policy {
namespace {

std::filesystem::path under_config_dir(const std::string& name, const std::string& config_dir) {
  if (name.empty()) return {};
  std::filesystem::path path(name);
  if (path.is_relative() && !config_dir.empty()) path = config_dir / path;
  return path;
}

std::vector<std::filesystem::path> resolve_dirs(const EnforcerOptions& options) {
  std::vector<std::filesystem::path> dirs;
  for (const auto& dir : options.policy_dirs)
    if (!dir.empty()) dirs.push_back(under_config_dir(dir, options.config_dir));
  return dirs;
}

bool exists(const std::vector<std::pair<std::filesystem::path, FileStamp>>& files) {
  for (const auto& [path, stamp] : files)
    if (stamp.exists) return true;
  return false;
}

}  // namespace

Enforcer::Enforcer(EnforcerOptions options)
    : options_(std::move(options)),
      policy_path_(under_config_dir(options_.policy_file, options_.config_dir)),
      policy_dirs_(resolve_dirs(options_)) {
  seen_ = override_files();
  rules_ = load_rules();
  for (const auto& [path, stamp] : seen_)
    if (stamp.exists) spdlog::info("policy overrides loaded from {}", path.string());
  last_check_ = std::chrono::steady_clock::now();
}

Enforcer::~Enforcer() = default;

bool Enforcer::allowed(std::string_view rule, const Target& target,
                       const Credentials& credentials) const {
  auto rules = current_rules();
  // oslo.policy raises InvalidScope here, which upstream answers 500; a refusal is 403.
  if (options_.enforce_scope) {
    auto project = credentials.attributes.find("project_id");
    if (project == credentials.attributes.end() || project->second.empty()) return false;
  }
  return rules->evaluate(rule, target, credentials);
}

bool Enforcer::has_rule(std::string_view rule) const { return current_rules()->contains(rule); }

std::vector<std::pair<std::filesystem::path, FileStamp>> Enforcer::override_files() const {
  std::vector<std::pair<std::filesystem::path, FileStamp>> files;
  if (!policy_path_.empty()) files.emplace_back(policy_path_, stamp_file(policy_path_));
  for (const auto& dir : policy_dirs_) {
    std::vector<std::filesystem::path> in_dir;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.is_regular_file(ec)) in_dir.push_back(entry.path());
    std::sort(in_dir.begin(), in_dir.end());
    for (auto& path : in_dir) {
      auto stamp = stamp_file(path);
      files.emplace_back(std::move(path), stamp);
    }
  }
  return files;
}

std::shared_ptr<const RuleSet> Enforcer::current_rules() const {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if ((!policy_path_.empty() || !policy_dirs_.empty()) &&
      now - last_check_ >= options_.reload_check_interval) {
    last_check_ = now;
    reload_if_changed();
  }
  // Callers evaluate on their own copy, so a reload never changes rules under them.
  return rules_;
}

void Enforcer::reload_if_changed() const {
  // Stat before reading: an edit landing in between is seen as a change on the next check.
  auto files = override_files();
  if (files == seen_) return;
  const bool had_overrides = exists(seen_);
  seen_ = files;
  if (had_overrides && !exists(files)) {
    // Going back to defaults could open up what the operator had closed, perhaps only for
    // the moment an editor replaces the file; keep the last rules instead.
    spdlog::warn("policy files disappeared; keeping the rules last loaded from them");
    return;
  }
  try {
    rules_ = load_rules();
    spdlog::info("policy files changed; rules reloaded");
  } catch (const PolicyError& e) {
    spdlog::error("policy files changed but cannot be used; keeping the previous rules: {}",
                  e.what());
  }
}

std::shared_ptr<const RuleSet> Enforcer::load_rules() const {
  RuleTexts texts;
  for (const RuleDefault& rule : default_rules()) texts[rule.name] = rule.check;
  for (const auto& [path, stamp] : seen_)
    if (stamp.exists)
      for (auto& [name, check] : read_rule_file(path)) texts[name] = std::move(check);
  return RuleSet::compile(texts);
}

}  // namespace freezer::policy
