// Request bodies as the API reads them: depth check, strict parse, NUL check, then schema
// validation against every document schema; and the UTF-8 repair used by error bodies.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "common/json.h"
#include "freezer_api/call.h"
#include "freezer_api/errors.h"
#include "freezer_api/request_context.h"
#include "freezer_api/schemas/schema_registry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  static const freezer::api::SchemaRegistry schemas;
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  if (!freezer::common::is_valid_utf8(freezer::common::to_valid_utf8(text)))
    throw std::logic_error("to_valid_utf8 left invalid UTF-8");
  freezer::api::http::Request request;
  request.body.assign(text);
  const freezer::api::http::PathParams params;
  const freezer::api::RequestContext context;
  const freezer::api::Call call{request, params, context};
  rapidjson::Document document;
  try {
    document = call.json_body();  // depth, strict parse, NUL checks: as the routes read bodies
  } catch (const freezer::api::ApiError&) {
    return 0;
  }
  for (const char* schema : {"job", "job_patch", "action", "action_patch", "backup", "backup_patch",
                             "client", "session", "session_patch"})
    (void)schemas.validate(schema, document);
  (void)freezer::common::to_json(document);
  return 0;
}
