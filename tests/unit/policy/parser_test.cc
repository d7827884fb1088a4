// The rule-string language: operators, precedence, parentheses and what is rejected.
#include "policy/parser.h"

#include <gtest/gtest.h>

#include <string>

#include "policy/rule_set.h"
#include "tests/unit/policy/policy_test_support.h"

namespace freezer::policy {
namespace {

// Evaluates `rule_text` for a caller holding exactly `roles`.
bool passes_for_roles(const std::string& rule_text, std::vector<std::string> roles,
                      const Target& target = {}) {
  return test_support::rule_passes(rule_text, Credentials{std::move(roles), {}}, target);
}

TEST(PolicyParser, AtAllowsEveryone) {
  EXPECT_TRUE(passes_for_roles("@", {}));
  EXPECT_TRUE(passes_for_roles("@", {"reader"}));
}

TEST(PolicyParser, BangAllowsNoOne) {
  EXPECT_FALSE(passes_for_roles("!", {}));
  EXPECT_FALSE(passes_for_roles("!", {"admin"}));
}

TEST(PolicyParser, EmptyRuleAllowsEveryone) {
  EXPECT_TRUE(passes_for_roles("", {}));
  EXPECT_TRUE(passes_for_roles("", {"reader"}));
}

TEST(PolicyParser, AndNeedsBothSides) {
  EXPECT_TRUE(passes_for_roles("role:a and role:b", {"a", "b"}));
  EXPECT_FALSE(passes_for_roles("role:a and role:b", {"a"}));
  EXPECT_FALSE(passes_for_roles("role:a and role:b", {"b"}));
  EXPECT_FALSE(passes_for_roles("role:a and role:b", {}));
}

TEST(PolicyParser, OrNeedsEitherSide) {
  EXPECT_TRUE(passes_for_roles("role:a or role:b", {"a", "b"}));
  EXPECT_TRUE(passes_for_roles("role:a or role:b", {"a"}));
  EXPECT_TRUE(passes_for_roles("role:a or role:b", {"b"}));
  EXPECT_FALSE(passes_for_roles("role:a or role:b", {"c"}));
}

TEST(PolicyParser, NotInvertsItsOperand) {
  EXPECT_FALSE(passes_for_roles("not role:a", {"a"}));
  EXPECT_TRUE(passes_for_roles("not role:a", {"b"}));
  EXPECT_TRUE(passes_for_roles("not not role:a", {"a"}));
  EXPECT_FALSE(passes_for_roles("not @", {}));
  EXPECT_TRUE(passes_for_roles("not !", {}));
}

TEST(PolicyParser, ChainsOfTheSameOperatorUseEveryOperand) {
  EXPECT_TRUE(passes_for_roles("role:a and role:b and role:c", {"a", "b", "c"}));
  EXPECT_FALSE(passes_for_roles("role:a and role:b and role:c", {"a", "b"}));
  EXPECT_TRUE(passes_for_roles("role:a or role:b or role:c", {"c"}));
  EXPECT_FALSE(passes_for_roles("role:a or role:b or role:c", {"d"}));
}

TEST(PolicyParser, OperatorWordsAreCaseInsensitive) {
  EXPECT_FALSE(passes_for_roles("role:a AND role:b", {"a"}));
  EXPECT_TRUE(passes_for_roles("role:a Or role:b", {"b"}));
  EXPECT_FALSE(passes_for_roles("NOT role:a", {"a"}));
}

TEST(PolicyParser, NotBindsTighterThanAnd) {
  // (not a) and b, not: not (a and b).
  EXPECT_FALSE(passes_for_roles("not role:a and role:b", {"a"}));
  EXPECT_TRUE(passes_for_roles("not role:a and role:b", {"b"}));
}

TEST(PolicyParser, NotBindsTighterThanOr) {
  // (not a) or b, not: not (a or b).
  EXPECT_TRUE(passes_for_roles("not role:a or role:b", {"a", "b"}));
}

TEST(PolicyParser, AndBindsTighterThanOr) {
  // a or (b and c), not: (a or b) and c.
  EXPECT_TRUE(passes_for_roles("role:a or role:b and role:c", {"a"}));
  EXPECT_FALSE(passes_for_roles("role:a or role:b and role:c", {"b"}));
  // (b and c) or a, not: b and (c or a).
  EXPECT_TRUE(passes_for_roles("role:b and role:c or role:a", {"a"}));
}

TEST(PolicyParser, ParenthesesOverridePrecedence) {
  EXPECT_FALSE(passes_for_roles("(role:a or role:b) and role:c", {"a"}));
  EXPECT_TRUE(passes_for_roles("(role:a or role:b) and role:c", {"b", "c"}));
  EXPECT_TRUE(passes_for_roles("not (role:a and role:b)", {"a"}));
  EXPECT_FALSE(passes_for_roles("not (role:a or role:b)", {"b"}));
}

TEST(PolicyParser, NestedParenthesesAreUnwrapped) {
  EXPECT_TRUE(passes_for_roles("((role:a))", {"a"}));
  EXPECT_TRUE(passes_for_roles("(role:x or (role:y and (role:a)))", {"a", "y"}));
  EXPECT_FALSE(passes_for_roles("(role:x or (role:y and (role:a)))", {"a"}));
  EXPECT_TRUE(passes_for_roles("( role:a )", {"a"}));
}

TEST(PolicyParser, ParenthesesOfASubstitutionStayInTheCheck) {
  const Target target{{"project_id", "p"}};
  const auto rules = RuleSet::compile({{"owner", "(role:x or project_id:%(project_id)s)"}});
  EXPECT_TRUE(rules->evaluate("owner", target, Credentials{{}, {{"project_id", "p"}}}));
  EXPECT_FALSE(rules->evaluate("owner", target, Credentials{{}, {{"project_id", "q"}}}));
}

// Each malformed rule must stop the load with the rule's name in the message.
class PolicyParserRejects : public ::testing::TestWithParam<std::string> {};

TEST_P(PolicyParserRejects, MalformedRuleWithItsName) {
  try {
    parse_rule("jobs:typo_rule", GetParam());
    FAIL() << "accepted: " << GetParam();
  } catch (const PolicyError& e) {
    EXPECT_NE(std::string(e.what()).find("jobs:typo_rule"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(BadRuleStrings, PolicyParserRejects,
                         ::testing::Values("(role:a", "role:a)", "((role:a) or role:b", "()",
                                           "role:a and", "or role:a", "role:a and or role:b", "not",
                                           "role:a not role:b", "role:a role:b", "foo",
                                           "role:admin or admin", "role:", ":admin",
                                           "project_id:%(project_id", "project_id:50%",
                                           "project_id:%()s", "   ", "http://policy.example.com"));

TEST(PolicyParser, RuleNestedTooDeeplyIsRejected) {
  const std::string deep = std::string(5000, '(') + "role:a" + std::string(5000, ')');
  EXPECT_THROW(parse_rule("deep", deep), PolicyError);
}

TEST(PolicyParser, RuleSetNamesTheRuleThatFailsToParse) {
  try {
    RuleSet::compile({{"fine", "role:a"}, {"broken:one", "role:a and"}});
    FAIL() << "a broken rule was accepted";
  } catch (const PolicyError& e) {
    EXPECT_NE(std::string(e.what()).find("broken:one"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace freezer::policy
