#pragma once
// A text file compiled into a binary (JSON schemas, SQL migrations).
#include <span>
#include <string_view>

namespace freezer::common {

struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

}  // namespace freezer::common
