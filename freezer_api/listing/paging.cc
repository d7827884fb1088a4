#include "freezer_api/listing/paging.h"

#include <cctype>
#include <limits>

#include "common/text.h"
#include "freezer_api/errors.h"

namespace freezer::api {

std::optional<long long> parse_python_int(std::string_view text) {
  text = common::trim_whitespace(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.front() == '_' || text.back() == '_') return std::nullopt;
  long long value = 0;
  char previous = 0;
  for (char c : text) {
    if (c == '_') {
      if (previous == '_') return std::nullopt;
    } else if (c >= '0' && c <= '9') {
      if (value > (std::numeric_limits<long long>::max() - (c - '0')) / 10) return std::nullopt;
      value = value * 10 + (c - '0');
    } else {
      return std::nullopt;
    }
    previous = c;
  }
  return negative ? -value : value;
}

db::Page parse_page(const http::Request& request, long default_limit, long max_limit) {
  db::Page page;
  page.limit = default_limit;
  if (auto text = request.query_param("limit"); text && !text->empty()) {
    auto value = parse_python_int(*text);
    if (!value) throw invalid_parameter("limit", "The value must be an integer.");
    if (*value < 0) throw invalid_parameter("limit", "The value must not be negative.");
    if (*value > 0) page.limit = *value > max_limit ? max_limit : static_cast<long>(*value);
  }
  if (auto text = request.query_param("offset"); text && !text->empty()) {
    auto value = parse_python_int(*text);
    if (!value) throw invalid_parameter("offset", "The value must be an integer.");
    if (*value < 0) throw invalid_parameter("offset", "The value must not be negative.");
    page.offset = static_cast<long>(*value);
  }
  if (auto text = request.query_param("marker"); text && !text->empty()) {
    if (text->size() > 255) throw invalid_parameter("marker", "The value is too long.");
    page.marker = *text;
  }
  return page;
}

}  // namespace freezer::api
