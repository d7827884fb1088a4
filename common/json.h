#pragma once
// JSON helpers shared by the API and the scheduler (RapidJSON).
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace freezer::common {

using JsonValue = rapidjson::Value;
using JsonDocument = rapidjson::Document;

// Compact serialization.
std::string to_json(const JsonValue& value);

// The string at obj[key]; nullopt when `obj` is not an object or the member is absent or not a
// string.
std::optional<std::string> string_member(const JsonValue& obj, const char* key);

// Strict parse (UTF-8 validated). Returns false on any syntax or encoding error.
bool parse_json(std::string_view text, JsonDocument& out);

// Python's repr() of the decoded value, as jsonschema and freezer messages print it:
// 'text', 12, True, None, ['a', 1], {'k': 'v'}.
std::string python_repr(const JsonValue& value);

// Python `==` on decoded JSON: numbers compare by value and booleans equal 1/0
// (True == 1 == 1.0), strings exactly, arrays and objects element-wise.
bool python_equal(const JsonValue& a, const JsonValue& b);

// Python truthiness of the decoded value.
bool python_truthy(const JsonValue& value);

}  // namespace freezer::common
