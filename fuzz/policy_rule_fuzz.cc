// oslo.policy rule strings, as policy.yaml overrides give them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/credentials.h"
#include "policy/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  try {
    (void)freezer::policy::parse_rule("fuzz", text);
  } catch (const freezer::policy::PolicyError&) {
  }
  return 0;
}
