#pragma once
// Standard base64 (RFC 4648, with padding), as Python's base64.b64encode writes it.
#include <optional>
#include <string>
#include <string_view>

namespace freezer::common {

std::string base64_encode(std::string_view raw);
// nullopt when the text is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace freezer::common
