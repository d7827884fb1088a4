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

// Members of an object, read once here. Each is nullopt (or "") when `obj` is not an object,
// or the member is absent or of another type.
// The string at obj[key].
std::optional<std::string> string_member(const JsonValue& obj, const char* key);
// The string at obj[key], "" when there is none.
std::string string_member_or_empty(const JsonValue& obj, const char* key);
// The integer at obj[key].
std::optional<long long> int_member(const JsonValue& obj, const char* key);
// An integer as Python's int() takes it from a decoded value: an integer, a boolean (1 or 0),
// or a string that is wholly an integer ("12"; documents written by hand quote numbers).
std::optional<long long> int_like_member(const JsonValue& obj, const char* key);
// The boolean at obj[key].
std::optional<bool> bool_member(const JsonValue& obj, const char* key);

// Strict parse (UTF-8 validated, iterative so that depth cannot exhaust the stack). Returns
// false on any syntax or encoding error, a raw NUL byte included (RapidJSON would otherwise
// take it for the end of the text and ignore what follows).
bool parse_json(std::string_view text, JsonDocument& out);

// A stored JSON object (a column holding a document): `{}` when the text is not an object.
JsonDocument stored_object(std::string_view text);
// The same, parsed straight into `allocator` (a response's), with no copy to make after.
JsonValue stored_object_in(std::string_view text, JsonDocument::AllocatorType& allocator);

// Sets each member of `patch` in `target` (both objects), replacing members of the same name.
void merge_object(JsonValue& target, const JsonValue& patch, JsonDocument::AllocatorType& a);

// How deeply arrays and objects nest in JSON text (0 for a scalar), without parsing it; for
// refusing bodies whose depth later recursive walks could not afford.
std::size_t json_nesting_depth(std::string_view text);

// Whether a string or member name anywhere in the value holds a NUL character (\u0000),
// which C strings and the database would silently cut.
bool contains_nul_string(const JsonValue& value);

// The text with every byte sequence that is not UTF-8 replaced by U+FFFD, so that it can be
// echoed in a JSON body.
std::string to_valid_utf8(std::string_view text);
bool is_valid_utf8(std::string_view text);

// Python's repr() of the decoded value, as jsonschema and freezer messages print it:
// 'text', 12, True, None, ['a', 1], {'k': 'v'}.
std::string python_repr(const JsonValue& value);

// Python `==` on decoded JSON: numbers compare by value and booleans equal 1/0
// (True == 1 == 1.0), strings exactly, arrays and objects element-wise.
bool python_equal(const JsonValue& a, const JsonValue& b);

// Python truthiness of the decoded value.
bool python_truthy(const JsonValue& value);

}  // namespace freezer::common
