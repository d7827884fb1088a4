#include "freezer_api/json_response.h"

namespace freezer::api {

http::Response id_response(int status, std::string_view key, std::string_view value) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember(json_string(key, a), json_string(value, a), a);
  return json_response(status, doc);
}

}  // namespace freezer::api
