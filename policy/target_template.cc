#include "policy/target_template.h"

#include <stdexcept>

namespace freezer::policy {
namespace {

constexpr std::string_view kTargetPrefix = "target.";

// oslo.policy lets rules say %(target.x)s as well as %(x)s for the same target value.
const std::string* find_target_value(const Target& target, const std::string& name) {
  if (auto found = target.find(name); found != target.end()) return &found->second;
  if (name.starts_with(kTargetPrefix)) {
    if (auto found = target.find(name.substr(kTargetPrefix.size())); found != target.end()) {
      return &found->second;
    }
  }
  return nullptr;
}

}  // namespace

TargetTemplate TargetTemplate::parse(std::string_view text) {
  TargetTemplate result;
  std::string pending_literal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      pending_literal += text[i];
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '%') {
      pending_literal += '%';
      ++i;
      continue;
    }
    const std::size_t close = text.find(")s", i);
    if (i + 1 >= text.size() || text[i + 1] != '(' || close == std::string_view::npos ||
        close == i + 2) {
      throw std::invalid_argument("bad substitution in \"" + std::string(text) +
                                  "\" (expected %(name)s)");
    }
    if (!pending_literal.empty()) result.segments_.push_back({std::move(pending_literal), false});
    pending_literal.clear();
    result.segments_.push_back({std::string(text.substr(i + 2, close - i - 2)), true});
    i = close + 1;
  }
  if (!pending_literal.empty()) result.segments_.push_back({std::move(pending_literal), false});
  return result;
}

TargetTemplate TargetTemplate::literal(std::string text) {
  TargetTemplate result;
  result.segments_.push_back({std::move(text), false});
  return result;
}

std::optional<std::string> TargetTemplate::render(const Target& target) const {
  std::string rendered;
  for (const Segment& segment : segments_) {
    if (!segment.is_placeholder) {
      rendered += segment.text;
      continue;
    }
    const std::string* value = find_target_value(target, segment.text);
    if (value == nullptr) return std::nullopt;
    rendered += *value;
  }
  return rendered;
}

}  // namespace freezer::policy
