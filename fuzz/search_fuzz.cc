// The search document of list requests: parsing and matching against a record.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/json.h"
#include "freezer_api/errors.h"
#include "freezer_api/listing/search.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  static rapidjson::Document record = [] {
    rapidjson::Document d;
    freezer::common::parse_json(
        R"({"job_id": "j1", "description": "nightly", "client_id": "c1", "job_schedule":
           {"status": "scheduled", "event": "start"}, "job_actions": [{"freezer_action":
           {"action": "backup", "path_to_backup": "/etc", "max_level": 3}}], "flag": true,
           "size": 1.5, "none": null})",
        d);
    return d;
  }();
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  if (freezer::common::json_nesting_depth(text) > 100) return 0;
  rapidjson::Document body;
  if (!freezer::common::parse_json(text, body)) return 0;
  try {
    auto filter = freezer::api::SearchFilter::from_body(body);
    (void)filter.matches(record);
    (void)filter.required_string("job_id");
  } catch (const freezer::api::ApiError&) {
  }
  return 0;
}
