#pragma once
#include <rapidjson/document.h>

#include <optional>
#include <string_view>

#include "common/json.h"
#include "freezer_api/http/message.h"

namespace freezer::api {

using Allocator = rapidjson::Document::AllocatorType;

inline http::Response json_response(int status, const rapidjson::Value& body) {
  return http::Response::json(status, common::to_json(body));
}

// {"<key>": "<value>"}, the shape of every create answer.
http::Response id_response(int status, std::string_view key, std::string_view value);

// {"<key>": "<id>", "version": <version>}: the answer of replace and patch routes.
http::Response version_response(int status, std::string_view key, std::string_view id,
                                const rapidjson::Value& version);

// The answer of a replace: 201 {"<key>": "<id>", "version": "<id>"}, as upstream.
http::Response replaced_response(std::string_view key, std::string_view id);

// 200 with the record rendered by render(record, doc, allocator), or upstream's bare 404
// (empty body) when there is none.
template <typename Record, typename Render>
http::Response document_response(const std::optional<Record>& record, Render&& render) {
  if (!record) return http::Response::json(404, "");
  rapidjson::Document doc(rapidjson::kObjectType);
  render(*record, doc, doc.GetAllocator());
  return json_response(200, doc);
}

// Replaces (or adds) a member of an object.
void set_member(rapidjson::Value& object, const char* key, rapidjson::Value value, Allocator& a);
void set_string_member(rapidjson::Document& doc, const char* key, std::string_view value);

inline rapidjson::Value json_string(std::string_view s, rapidjson::Document::AllocatorType& a) {
  return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
}

}  // namespace freezer::api
