// [database] connection URLs.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "db/connection_url.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  try {
    (void)freezer::db::parse_connection_url(text);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
