#include "policy/rule_set.h"

#include <spdlog/spdlog.h>

#include <set>
#include <vector>

#include "policy/parser.h"

namespace freezer::policy {

std::shared_ptr<const RuleSet> RuleSet::compile(const RuleTexts& texts) {
  auto rule_set = std::make_shared<RuleSet>();
  for (const auto& [name, text] : texts) rule_set->rules_.emplace(name, parse_rule(name, text));
  rule_set->warn_about_broken_references();
  return rule_set;
}

const Check* RuleSet::find(std::string_view name) const {
  const auto found = rules_.find(name);
  return found == rules_.end() ? nullptr : found->second.get();
}

bool RuleSet::evaluate(std::string_view name, const Target& target,
                       const Credentials& credentials) const {
  const Check* rule = find(name);
  if (rule == nullptr)
    throw PolicyError("policy rule \"" + std::string(name) + "\" is not defined");
  return rule->evaluate(EvaluationContext{target, credentials, *this}, 0);
}

// Both mistakes make a rule silently deny, so an operator editing policy.yaml should hear
// about them when the file is loaded rather than from puzzled users.
void RuleSet::warn_about_broken_references() const {
  std::map<std::string_view, std::vector<std::string>> references;
  for (const auto& [name, check] : rules_) {
    check->collect_rule_references(references[name]);
    for (const std::string& referenced : references[name]) {
      if (!contains(referenced)) {
        spdlog::warn("policy rule \"{}\" refers to undefined rule \"{}\", which always fails", name,
                     referenced);
      }
    }
  }
  for (const auto& [start, direct] : references) {
    std::set<std::string_view> reached;
    std::vector<std::string_view> pending(direct.begin(), direct.end());
    while (!pending.empty()) {
      const std::string_view current = pending.back();
      pending.pop_back();
      if (!reached.insert(current).second) continue;
      if (auto next = references.find(current); next != references.end()) {
        pending.insert(pending.end(), next->second.begin(), next->second.end());
      }
    }
    if (reached.contains(start)) {
      spdlog::warn("policy rule \"{}\" refers back to itself; the loop counts as a failed check",
                   start);
    }
  }
}

}  // namespace freezer::policy
