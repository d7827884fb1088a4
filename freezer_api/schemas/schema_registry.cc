#include "freezer_api/schemas/schema_registry.h"

#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>

#include <stdexcept>

#include "common/embedded_file.h"
#include "common/json.h"
#include "freezer_api/errors.h"

namespace freezer::api {

std::span<const common::EmbeddedFile> embedded_schemas();

namespace {

using common::python_repr;

std::string pointer_text(const rapidjson::Pointer& pointer) {
  rapidjson::StringBuffer buffer;
  pointer.Stringify(buffer);
  return buffer.GetString();
}

// "/client/supported_modes/0" -> "client.supported_modes.0"
std::string field_path(const std::string& pointer, std::string_view child = {}) {
  std::string out;
  for (char c : pointer) out += c == '/' ? '.' : c;
  if (!out.empty() && out.front() == '.') out.erase(0, 1);
  if (!child.empty()) {
    if (!out.empty()) out += '.';
    out += child;
  }
  return out;
}

std::string quoted(std::string_view s) {
  rapidjson::Value v(rapidjson::StringRef(s.data(), s.size()));
  return python_repr(v);
}

std::string type_names(const rapidjson::Value& type) {
  if (type.IsString()) return quoted(type.GetString());
  std::string out;
  for (const auto& t : type.GetArray()) {
    if (!out.empty()) out += ", ";
    out += quoted(t.GetString());
  }
  return out;
}

std::string pattern_repr(std::string_view pattern) {
  // python-jsonschema prints the pattern's repr: backslashes come out doubled.
  std::string doubled;
  for (char c : pattern) {
    if (c == '\\') doubled += '\\';
    doubled += c;
  }
  return "'" + doubled + "'";
}

std::string describe(const rapidjson::Value& schema_root, const rapidjson::Value& doc,
                     const rapidjson::Pointer& schema_ptr, std::string_view keyword,
                     const rapidjson::Pointer& doc_ptr) {
  const rapidjson::Value* schema = schema_ptr.Get(schema_root);
  const rapidjson::Value* value = doc_ptr.Get(doc);
  const std::string where = pointer_text(doc_ptr);
  auto with_field = [](std::string message, const std::string& field) {
    if (field.empty()) return message;
    return message + " (field: " + field + ")";
  };
  if (schema == nullptr || value == nullptr)
    return with_field("Invalid document (" + std::string(keyword) + ")", field_path(where));

  if (keyword == "required" && value->IsObject()) {
    for (const auto& name : (*schema)["required"].GetArray()) {
      if (!value->HasMember(name)) {
        std::string_view missing(name.GetString(), name.GetStringLength());
        return with_field(quoted(missing) + " is a required property", field_path(where, missing));
      }
    }
  }
  if (keyword == "additionalProperties" && doc_ptr.GetTokenCount() > 0) {
    // RapidJSON points at the unexpected property itself.
    rapidjson::Pointer parent(doc_ptr.GetTokens(), doc_ptr.GetTokenCount() - 1);
    const auto& token = doc_ptr.GetTokens()[doc_ptr.GetTokenCount() - 1];
    const rapidjson::Value* object = parent.Get(doc);
    const auto props = schema->FindMember("properties");
    std::string_view extra(token.name, token.length);
    if (object != nullptr && object->IsObject() &&
        (props == schema->MemberEnd() ||
         !props->value.HasMember(rapidjson::Value(rapidjson::StringRef(token.name, token.length)))))
      return with_field(
          "Additional properties are not allowed (" + quoted(extra) + " was unexpected)",
          field_path(pointer_text(parent), extra));
  }
  if (keyword == "additionalProperties" && value->IsObject()) {
    const auto props = schema->FindMember("properties");
    for (const auto& m : value->GetObject()) {
      if (props == schema->MemberEnd() || !props->value.HasMember(m.name)) {
        std::string_view extra(m.name.GetString(), m.name.GetStringLength());
        return with_field(
            "Additional properties are not allowed (" + quoted(extra) + " was unexpected)",
            field_path(where, extra));
      }
    }
  }
  const std::string field = field_path(where);
  const std::string repr = python_repr(*value);
  if (keyword == "type") {
    return with_field(repr + " is not of type " + type_names((*schema)["type"]), field);
  }
  if (keyword == "enum") {
    return with_field(repr + " is not one of " + python_repr((*schema)["enum"]), field);
  }
  if (keyword == "pattern") {
    const auto& p = (*schema)["pattern"];
    return with_field(
        repr + " does not match " + pattern_repr({p.GetString(), p.GetStringLength()}), field);
  }
  if (keyword == "maxLength") return with_field(repr + " is too long", field);
  if (keyword == "minLength") return with_field(repr + " is too short", field);
  if (keyword == "maxItems") return with_field(repr + " is too long", field);
  if (keyword == "minimum") return with_field(repr + " is less than the minimum", field);
  if (keyword == "maximum") return with_field(repr + " is greater than the maximum", field);
  return with_field(repr + " is not valid under the schema keyword '" + std::string(keyword) + "'",
                    field);
}

// std::regex (RapidJSON's pattern engine here) recurses once per character matched: a long
// enough value overflows a worker's stack. Every pattern therefore gets a maxLength, checked
// first, unless its schema has one already; no Freezer value with a pattern comes near it.
constexpr unsigned kLongestPatternInput = 1024;

void bound_pattern_inputs(rapidjson::Value& schema, rapidjson::Document::AllocatorType& a) {
  if (schema.IsArray()) {
    for (auto& item : schema.GetArray()) bound_pattern_inputs(item, a);
    return;
  }
  if (!schema.IsObject()) return;
  if (schema.HasMember("pattern") && schema["pattern"].IsString() && !schema.HasMember("maxLength"))
    schema.AddMember("maxLength", kLongestPatternInput, a);
  for (auto& member : schema.GetObject()) bound_pattern_inputs(member.value, a);
}

}  // namespace

SchemaRegistry::SchemaRegistry() {
  // definitions.json is not a schema of its own: its definitions are merged into every
  // schema, so each one resolves "#/definitions/..." locally.
  rapidjson::Document shared;
  for (const auto& file : embedded_schemas()) {
    if (file.name == "definitions.json" &&
        (!common::parse_json(file.content, shared) || !shared.HasMember("definitions")))
      throw std::logic_error("definitions.json is not valid");
  }
  for (const auto& file : embedded_schemas()) {
    if (file.name == "definitions.json") continue;
    std::string name(file.name);
    if (auto dot = name.rfind(".json"); dot != std::string::npos) name.erase(dot);
    Compiled compiled;
    auto& source = compiled.source;
    if (!common::parse_json(file.content, source) || !source.IsObject())
      throw std::logic_error("schema " + std::string(file.name) + " is not valid JSON");
    if (shared.IsObject()) {
      auto& a = source.GetAllocator();
      if (!source.HasMember("definitions"))
        source.AddMember("definitions", rapidjson::Value(rapidjson::kObjectType), a);
      auto& definitions = source["definitions"];
      for (const auto& d : shared["definitions"].GetObject())
        if (!definitions.HasMember(d.name))
          definitions.AddMember(rapidjson::Value(d.name, a), rapidjson::Value(d.value, a), a);
    }
    bound_pattern_inputs(source, source.GetAllocator());
    compiled.schema = std::make_unique<rapidjson::SchemaDocument>(source);
    schemas_.emplace(std::move(name), std::move(compiled));
  }
}

std::optional<std::string> SchemaRegistry::validate(std::string_view schema,
                                                    const rapidjson::Value& doc) const {
  auto it = schemas_.find(schema);
  if (it == schemas_.end()) throw std::logic_error("unknown schema " + std::string(schema));
  rapidjson::SchemaValidator validator(*it->second.schema);
  if (doc.Accept(validator)) return std::nullopt;
  return describe(it->second.source, doc, validator.GetInvalidSchemaPointer(),
                  validator.GetInvalidSchemaKeyword(), validator.GetInvalidDocumentPointer());
}

void SchemaRegistry::require_valid(std::string_view schema, const rapidjson::Value& doc) const {
  if (auto error = validate(schema, doc)) throw bad_request(*error);
}

}  // namespace freezer::api
