#pragma once
// Small text helpers of HTTP header handling (ASCII only, as header syntax is).
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace freezer::api::http {

// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
inline std::string_view trim_whitespace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

inline std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace freezer::api::http
