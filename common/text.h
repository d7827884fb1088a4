#pragma once
// Small text helpers shared by the parsers (configuration files, my.cnf, logging files, cron
// fields, query parameters).
#include <cctype>
#include <string_view>

namespace freezer::common {

// `text` without leading and trailing whitespace (as Python's str.strip()).
inline std::string_view trim_whitespace(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

}  // namespace freezer::common
