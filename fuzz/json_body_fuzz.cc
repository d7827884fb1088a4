// Request bodies as the API reads them: depth check, strict parse, NUL check, then schema
// validation against every document schema; and the UTF-8 repair used by error bodies.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "common/json.h"
#include "freezer_api/schema_registry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  static const freezer::api::SchemaRegistry schemas;
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  if (!freezer::common::is_valid_utf8(freezer::common::to_valid_utf8(text)))
    throw std::logic_error("to_valid_utf8 left invalid UTF-8");
  if (freezer::common::json_nesting_depth(text) > 100) return 0;
  rapidjson::Document document;
  if (!freezer::common::parse_json(text, document)) return 0;
  if (freezer::common::contains_nul_string(document)) return 0;
  for (const char* schema : {"job", "job_patch", "action", "action_patch", "backup", "backup_patch",
                             "client", "session", "session_patch"})
    (void)schemas.validate(schema, document);
  (void)freezer::common::to_json(document);
  return 0;
}
