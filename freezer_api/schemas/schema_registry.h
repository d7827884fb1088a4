#pragma once
// The JSON Schema contracts (freezer_api/schemas/*.json, compiled in), validated with
// RapidJSON's draft-4 SchemaValidator. Messages follow python-jsonschema's wording and name
// the failing field.
#include <rapidjson/document.h>
#include <rapidjson/schema.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace freezer::api {

class SchemaRegistry {
 public:
  // Loads every embedded schema; throws std::logic_error if one is not valid JSON.
  SchemaRegistry();

  // nullopt when `doc` is valid, else the message for the first failure.
  std::optional<std::string> validate(std::string_view schema, const rapidjson::Value& doc) const;
  // Throws a 400 "Bad request format" ApiError carrying the message.
  void require_valid(std::string_view schema, const rapidjson::Value& doc) const;

 private:
  struct Compiled {
    rapidjson::Document source;
    std::unique_ptr<rapidjson::SchemaDocument> schema;
  };
  std::map<std::string, Compiled, std::less<>> schemas_;
};

}  // namespace freezer::api
