#pragma once
// The parsed form of a rule string (oslo.policy's _checks): a tree of checks evaluated
// against a target and the caller's credentials.
#include <memory>
#include <string>
#include <vector>

#include "policy/credentials.h"
#include "policy/target_template.h"

namespace freezer::policy {

class RuleSet;

struct EvaluationContext {
  const Target& target;
  const Credentials& credentials;
  const RuleSet& rules;  // resolves rule:NAME
};

class Check {
 public:
  virtual ~Check() = default;
  // `depth` counts the rule:NAME hops taken so far; a rule that refers to itself fails
  // instead of recursing forever.
  virtual bool evaluate(const EvaluationContext& context, int depth) const = 0;
  // Names of the rules this check refers to through rule:NAME, for load-time warnings.
  virtual void collect_rule_references(std::vector<std::string>& names) const;
};

using CheckPtr = std::unique_ptr<const Check>;

// `@`, and the empty rule string.
class AlwaysCheck final : public Check {
 public:
  bool evaluate(const EvaluationContext& context, int depth) const override;
};

// `!`
class NeverCheck final : public Check {
 public:
  bool evaluate(const EvaluationContext& context, int depth) const override;
};

class NotCheck final : public Check {
 public:
  explicit NotCheck(CheckPtr operand);
  bool evaluate(const EvaluationContext& context, int depth) const override;
  void collect_rule_references(std::vector<std::string>& names) const override;

 private:
  CheckPtr operand_;
};

class AndCheck final : public Check {
 public:
  explicit AndCheck(std::vector<CheckPtr> operands);
  bool evaluate(const EvaluationContext& context, int depth) const override;
  void collect_rule_references(std::vector<std::string>& names) const override;

 private:
  std::vector<CheckPtr> operands_;
};

class OrCheck final : public Check {
 public:
  explicit OrCheck(std::vector<CheckPtr> operands);
  bool evaluate(const EvaluationContext& context, int depth) const override;
  void collect_rule_references(std::vector<std::string>& names) const override;

 private:
  std::vector<CheckPtr> operands_;
};

// `rule:NAME`: the named rule's result; an undefined rule is false, as in oslo.
class RuleCheck final : public Check {
 public:
  static constexpr int kMaxDepth = 32;

  explicit RuleCheck(std::string rule_name);
  bool evaluate(const EvaluationContext& context, int depth) const override;
  void collect_rule_references(std::vector<std::string>& names) const override;

 private:
  std::string rule_name_;
};

// `role:NAME`: the caller holds the role; role names compare case-insensitively.
class RoleCheck final : public Check {
 public:
  explicit RoleCheck(TargetTemplate role);
  bool evaluate(const EvaluationContext& context, int depth) const override;

 private:
  TargetTemplate role_;
};

// `KEY:VALUE`: the credential attribute KEY equals VALUE (a literal or %(name)s from the
// target). `roles:VALUE` matches any one role, as oslo matches any element of a list.
class GenericCheck final : public Check {
 public:
  GenericCheck(std::string credential_key, TargetTemplate expected);
  bool evaluate(const EvaluationContext& context, int depth) const override;

 private:
  std::string credential_key_;
  TargetTemplate expected_;
};

// `'LITERAL':VALUE`: oslo compares a quoted left-hand side with the value itself, which lets
// a rule test the target alone (e.g. `'project':%(target.kind)s`).
class LiteralMatchCheck final : public Check {
 public:
  LiteralMatchCheck(std::string literal, TargetTemplate value);
  bool evaluate(const EvaluationContext& context, int depth) const override;

 private:
  std::string literal_;
  TargetTemplate value_;
};

}  // namespace freezer::policy
