#include "common/json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace freezer::common {

std::string to_json(const JsonValue& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool parse_json(std::string_view text, JsonDocument& out) {
  if (text.find('\0') != std::string_view::npos) return false;
  // Without kParseStopWhenDoneFlag, anything but whitespace after the value is an error.
  out.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(text.data(),
                                                                                    text.size());
  return !out.HasParseError();
}

JsonDocument stored_object(std::string_view text) {
  JsonDocument doc;
  if (!parse_json(text, doc) || !doc.IsObject()) doc.SetObject();
  return doc;
}

JsonValue stored_object_in(std::string_view text, JsonDocument::AllocatorType& allocator) {
  JsonDocument doc(&allocator);
  JsonValue out(rapidjson::kObjectType);
  // Moved, not copied: its memory is already the allocator's.
  if (parse_json(text, doc) && doc.IsObject()) out = static_cast<JsonValue&>(doc);
  return out;
}

void merge_object(JsonValue& target, const JsonValue& patch, JsonDocument::AllocatorType& a) {
  for (const auto& m : patch.GetObject()) {
    target.RemoveMember(m.name);
    target.AddMember(JsonValue(m.name, a), JsonValue(m.value, a), a);
  }
}

std::size_t json_nesting_depth(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

bool contains_nul_string(const JsonValue& value) {
  auto has_nul = [](const JsonValue& s) {
    return std::string_view(s.GetString(), s.GetStringLength()).find('\0') !=
           std::string_view::npos;
  };
  if (value.IsString()) return has_nul(value);
  if (value.IsArray()) {
    for (const auto& item : value.GetArray())
      if (contains_nul_string(item)) return true;
  } else if (value.IsObject()) {
    for (const auto& member : value.GetObject())
      if (has_nul(member.name) || contains_nul_string(member.value)) return true;
  }
  return false;
}

namespace {

// The length of the UTF-8 sequence starting at text[i], or 0 when it is not one (overlong
// forms, surrogates and code points beyond U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead == 0xE0)
    length = 3, low = 0xA0;
  else if (lead == 0xED)
    length = 3, high = 0x9F;
  else if (lead >= 0xE1 && lead <= 0xEF)
    length = 3;
  else if (lead == 0xF0)
    length = 4, low = 0x90;
  else if (lead == 0xF4)
    length = 4, high = 0x8F;
  else if (lead >= 0xF1 && lead <= 0xF3)
    length = 4;
  else
    return 0;
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return length;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

namespace {

void repr_string(std::string_view s, std::string& out) {
  // Python prefers single quotes unless the text contains one and no double quote.
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  out += quote;
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c == quote) {
          out += '\\';
          out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += quote;
}

void repr(const JsonValue& v, std::string& out) {
  switch (v.GetType()) {
    case rapidjson::kNullType:
      out += "None";
      break;
    case rapidjson::kFalseType:
      out += "False";
      break;
    case rapidjson::kTrueType:
      out += "True";
      break;
    case rapidjson::kStringType:
      repr_string({v.GetString(), v.GetStringLength()}, out);
      break;
    case rapidjson::kNumberType:
      if (v.IsInt64()) {
        out += std::to_string(v.GetInt64());
      } else if (v.IsUint64()) {
        out += std::to_string(v.GetUint64());
      } else {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", v.GetDouble());
        out += buf;
      }
      break;
    case rapidjson::kArrayType: {
      out += '[';
      bool first = true;
      for (const auto& item : v.GetArray()) {
        if (!first) out += ", ";
        first = false;
        repr(item, out);
      }
      out += ']';
      break;
    }
    case rapidjson::kObjectType: {
      out += '{';
      bool first = true;
      for (const auto& m : v.GetObject()) {
        if (!first) out += ", ";
        first = false;
        repr_string({m.name.GetString(), m.name.GetStringLength()}, out);
        out += ": ";
        repr(m.value, out);
      }
      out += '}';
      break;
    }
  }
}

bool is_numeric(const JsonValue& v) { return v.IsNumber() || v.IsBool(); }

double numeric(const JsonValue& v) {
  if (v.IsBool()) return v.GetBool() ? 1.0 : 0.0;
  return v.GetDouble();
}

}  // namespace

std::string python_repr(const JsonValue& value) {
  std::string out;
  repr(value, out);
  return out;
}

bool python_equal(const JsonValue& a, const JsonValue& b) {
  if (is_numeric(a) && is_numeric(b)) {
    if (a.IsInt64() && b.IsInt64()) return a.GetInt64() == b.GetInt64();
    return numeric(a) == numeric(b);
  }
  if (a.GetType() != b.GetType()) return false;
  switch (a.GetType()) {
    case rapidjson::kNullType:
      return true;
    case rapidjson::kStringType:
      return a.GetStringLength() == b.GetStringLength() &&
             std::string_view(a.GetString(), a.GetStringLength()) ==
                 std::string_view(b.GetString(), b.GetStringLength());
    case rapidjson::kArrayType: {
      if (a.Size() != b.Size()) return false;
      for (rapidjson::SizeType i = 0; i < a.Size(); ++i)
        if (!python_equal(a[i], b[i])) return false;
      return true;
    }
    case rapidjson::kObjectType: {
      if (a.MemberCount() != b.MemberCount()) return false;
      for (const auto& m : a.GetObject()) {
        auto other = b.FindMember(m.name);
        if (other == b.MemberEnd() || !python_equal(m.value, other->value)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

bool python_truthy(const JsonValue& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
    case rapidjson::kFalseType:
      return false;
    case rapidjson::kTrueType:
      return true;
    case rapidjson::kStringType:
      return value.GetStringLength() > 0;
    case rapidjson::kNumberType:
      return value.GetDouble() != 0.0;
    case rapidjson::kArrayType:
      return !value.Empty();
    case rapidjson::kObjectType:
      return value.MemberCount() > 0;
  }
  return false;
}

namespace {

const JsonValue* member(const JsonValue& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(key);
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

}  // namespace

std::optional<std::string> string_member(const JsonValue& obj, const char* key) {
  const auto* v = member(obj, key);
  if (v == nullptr || !v->IsString()) return std::nullopt;
  return std::string(v->GetString(), v->GetStringLength());
}

std::string string_member_or_empty(const JsonValue& obj, const char* key) {
  return string_member(obj, key).value_or("");
}

std::optional<long long> int_member(const JsonValue& obj, const char* key) {
  const auto* v = member(obj, key);
  if (v == nullptr || !v->IsInt64()) return std::nullopt;
  return v->GetInt64();
}

std::optional<long long> int_like_member(const JsonValue& obj, const char* key) {
  const auto* v = member(obj, key);
  if (v == nullptr) return std::nullopt;
  if (v->IsInt64()) return v->GetInt64();
  if (v->IsBool()) return v->GetBool() ? 1 : 0;
  if (v->IsString()) {
    long long n = 0;
    const char* begin = v->GetString();
    const char* end = begin + v->GetStringLength();
    if (begin != end && *begin == '+') ++begin;  // int("+3") as Python reads it
    auto [stop, ec] = std::from_chars(begin, end, n);
    if (ec == std::errc() && stop == end && begin != end) return n;
  }
  return std::nullopt;
}

std::optional<bool> bool_member(const JsonValue& obj, const char* key) {
  const auto* v = member(obj, key);
  if (v == nullptr || !v->IsBool()) return std::nullopt;
  return v->GetBool();
}

}  // namespace freezer::common
