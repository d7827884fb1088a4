// Configuration files (oslo.config syntax), and typed reads of whatever they hold.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/api_option_catalog.h"
#include "common/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  try {
    auto config = freezer::common::Config::parse(text);
    const auto& catalog = freezer::common::api_option_catalog();
    (void)catalog.get_int(config, "api", "worker_threads");
    (void)catalog.get_bool(config, "api", "backup_status_in_records");
    (void)catalog.get_string(config, "database", "connection");
  } catch (const freezer::common::ConfigError&) {
  }
  return 0;
}
