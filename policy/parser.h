#pragma once
// oslo.policy's rule-string language: `@`, `!`, `rule:NAME`, `role:NAME`, `KEY:VALUE`,
// `and` / `or` / `not` (not binds tighter than and, and tighter than or) and parentheses.
#include <string_view>

#include "policy/check.h"

namespace freezer::policy {

// The empty string means "always". Throws PolicyError naming `rule_name` where oslo would
// log "Failed to understand rule" and deny: a typo should stop the service, not lock out.
CheckPtr parse_rule(std::string_view rule_name, std::string_view rule_text);

}  // namespace freezer::policy
