#pragma once
// The right-hand side of a check (`project_id:%(project_id)s`): literal text with
// Python-style %(name)s placeholders filled from the target at evaluation time.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/credentials.h"

namespace freezer::policy {

class TargetTemplate {
 public:
  // Accepts %(name)s and %% (a literal percent sign); throws std::invalid_argument on any
  // other use of '%', which Python would reject only when the rule is evaluated.
  static TargetTemplate parse(std::string_view text);
  static TargetTemplate literal(std::string text);

  // nullopt when a placeholder has no value in the target: the check then fails, as in oslo.
  std::optional<std::string> render(const Target& target) const;

 private:
  struct Segment {
    std::string text;  // literal text, or the placeholder name
    bool is_placeholder = false;
  };
  std::vector<Segment> segments_;
};

}  // namespace freezer::policy
