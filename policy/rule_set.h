#pragma once
// A complete, immutable set of parsed rules: what one Enforcer snapshot evaluates against.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "policy/check.h"
#include "policy/credentials.h"

namespace freezer::policy {

using RuleTexts = std::map<std::string, std::string>;  // rule name -> check string

class RuleSet {
 public:
  // Parses every rule; throws PolicyError naming the first rule that does not parse. Rules
  // that refer to undefined rules or to themselves are only logged: oslo accepts them too.
  static std::shared_ptr<const RuleSet> compile(const RuleTexts& texts);

  const Check* find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != nullptr; }

  // Throws PolicyError for a rule name that is not defined.
  bool evaluate(std::string_view name, const Target& target, const Credentials& credentials) const;

 private:
  void warn_about_broken_references() const;

  std::map<std::string, CheckPtr, std::less<>> rules_;
};

}  // namespace freezer::policy
