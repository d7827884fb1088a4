#include "policy/check.h"

#include <algorithm>
#include <cctype>

#include "policy/rule_set.h"

namespace freezer::policy {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

void Check::collect_rule_references(std::vector<std::string>& /*names*/) const {}

bool AlwaysCheck::evaluate(const EvaluationContext& /*context*/, int /*depth*/) const {
  return true;
}

bool NeverCheck::evaluate(const EvaluationContext& /*context*/, int /*depth*/) const {
  return false;
}

NotCheck::NotCheck(CheckPtr operand) : operand_(std::move(operand)) {}

bool NotCheck::evaluate(const EvaluationContext& context, int depth) const {
  return !operand_->evaluate(context, depth);
}

void NotCheck::collect_rule_references(std::vector<std::string>& names) const {
  operand_->collect_rule_references(names);
}

AndCheck::AndCheck(std::vector<CheckPtr> operands) : operands_(std::move(operands)) {}

bool AndCheck::evaluate(const EvaluationContext& context, int depth) const {
  return std::all_of(operands_.begin(), operands_.end(),
                     [&](const CheckPtr& operand) { return operand->evaluate(context, depth); });
}

void AndCheck::collect_rule_references(std::vector<std::string>& names) const {
  for (const CheckPtr& operand : operands_) operand->collect_rule_references(names);
}

OrCheck::OrCheck(std::vector<CheckPtr> operands) : operands_(std::move(operands)) {}

bool OrCheck::evaluate(const EvaluationContext& context, int depth) const {
  return std::any_of(operands_.begin(), operands_.end(),
                     [&](const CheckPtr& operand) { return operand->evaluate(context, depth); });
}

void OrCheck::collect_rule_references(std::vector<std::string>& names) const {
  for (const CheckPtr& operand : operands_) operand->collect_rule_references(names);
}

RuleCheck::RuleCheck(std::string rule_name) : rule_name_(std::move(rule_name)) {}

bool RuleCheck::evaluate(const EvaluationContext& context, int depth) const {
  if (depth >= kMaxDepth) return false;
  const Check* rule = context.rules.find(rule_name_);
  return rule != nullptr && rule->evaluate(context, depth + 1);
}

void RuleCheck::collect_rule_references(std::vector<std::string>& names) const {
  names.push_back(rule_name_);
}

RoleCheck::RoleCheck(TargetTemplate role) : role_(std::move(role)) {}

bool RoleCheck::evaluate(const EvaluationContext& context, int /*depth*/) const {
  const std::optional<std::string> role = role_.render(context.target);
  if (!role) return false;
  const std::vector<std::string>& held = context.credentials.roles;
  return std::any_of(held.begin(), held.end(),
                     [&](const std::string& name) { return equals_ignoring_case(name, *role); });
}

GenericCheck::GenericCheck(std::string credential_key, TargetTemplate expected)
    : credential_key_(std::move(credential_key)), expected_(std::move(expected)) {}

bool GenericCheck::evaluate(const EvaluationContext& context, int /*depth*/) const {
  const std::optional<std::string> expected = expected_.render(context.target);
  if (!expected) return false;
  if (credential_key_ == "roles") {
    const std::vector<std::string>& held = context.credentials.roles;
    return std::find(held.begin(), held.end(), *expected) != held.end();
  }
  const auto& attributes = context.credentials.attributes;
  const auto actual = attributes.find(credential_key_);
  return actual != attributes.end() && actual->second == *expected;
}

LiteralMatchCheck::LiteralMatchCheck(std::string literal, TargetTemplate value)
    : literal_(std::move(literal)), value_(std::move(value)) {}

bool LiteralMatchCheck::evaluate(const EvaluationContext& context, int /*depth*/) const {
  const std::optional<std::string> value = value_.render(context.target);
  return value && *value == literal_;
}

}  // namespace freezer::policy
