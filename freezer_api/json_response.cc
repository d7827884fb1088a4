#include "freezer_api/json_response.h"

namespace freezer::api {

http::Response id_response(int status, std::string_view key, std::string_view value) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember(json_string(key, a), json_string(value, a), a);
  return json_response(status, doc);
}

http::Response replaced_response(std::string_view key, std::string_view id) {
  rapidjson::Value version(id.data(), static_cast<rapidjson::SizeType>(id.size()));
  return version_response(201, key, id, version);
}

http::Response version_response(int status, std::string_view key, std::string_view id,
                                const rapidjson::Value& version) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember(json_string(key, a), json_string(id, a), a);
  doc.AddMember("version", rapidjson::Value(version, a), a);
  return json_response(status, doc);
}

void set_member(rapidjson::Value& object, const char* key, rapidjson::Value value, Allocator& a) {
  object.RemoveMember(key);
  object.AddMember(rapidjson::StringRef(key), value, a);
}

void set_string_member(rapidjson::Document& doc, const char* key, std::string_view value) {
  auto& a = doc.GetAllocator();
  set_member(doc, key, json_string(value, a), a);
}

}  // namespace freezer::api
