#pragma once
// limit / offset / marker query parameters of every list route.
#include <optional>
#include <string_view>

#include "db/page.h"
#include "freezer_api/http/message.h"

namespace freezer::api {

// Python int() semantics, as falcon's get_param_as_int: surrounding whitespace, a sign,
// and single underscores between digits are accepted.
std::optional<long long> parse_python_int(std::string_view text);

// limit: absent, blank or 0 -> default_limit; above max_limit -> max_limit; negative or not
// an integer -> 400. offset: absent -> 0; negative or not an integer -> 400.
// marker: the id of the last item of the previous page.
db::Page parse_page(const http::Request& request, long default_limit, long max_limit);

}  // namespace freezer::api
