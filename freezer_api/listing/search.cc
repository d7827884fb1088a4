#include "freezer_api/listing/search.h"

#include <algorithm>
#include <map>

#include "common/json.h"
#include "freezer_api/errors.h"

namespace freezer::api {
namespace {

using Found = std::map<std::string_view, const rapidjson::Value*>;

void collect(const rapidjson::Value& value, const std::vector<std::string>& keys, Found& found) {
  if (value.IsObject()) {
    for (const auto& m : value.GetObject()) {
      std::string_view name(m.name.GetString(), m.name.GetStringLength());
      auto key = std::find(keys.begin(), keys.end(), name);
      if (key != keys.end()) {
        found[*key] = &m.value;  // the last occurrence wins; not descended into
      } else {
        collect(m.value, keys, found);
      }
    }
  } else if (value.IsArray()) {
    for (const auto& item : value.GetArray()) collect(item, keys, found);
  }
}

void copy_pairs(const rapidjson::Value& source, const char* name, rapidjson::Value& target,
                rapidjson::Document::AllocatorType& alloc) {
  if (!source.IsArray())
    throw bad_request(std::string("Invalid search document: '") + name +
                      "' must be a list of objects");
  for (const auto& item : source.GetArray()) {
    if (!item.IsObject())
      throw bad_request(std::string("Invalid search document: '") + name +
                        "' must be a list of objects");
    target.PushBack(rapidjson::Value(item, alloc), alloc);
  }
}

}  // namespace

SearchFilter::SearchFilter() : match_(rapidjson::kArrayType), match_not_(rapidjson::kArrayType) {}

SearchFilter SearchFilter::from_body(const rapidjson::Value& body) {
  SearchFilter filter;
  auto& alloc = filter.storage_.GetAllocator();
  if (body.IsNull()) return filter;
  if (!body.IsObject()) throw bad_request("Invalid search document: expected a JSON object");

  auto match = body.FindMember("match");
  auto match_not = body.FindMember("match_not");
  const bool has_match = match != body.MemberEnd() && common::python_truthy(match->value);
  const bool has_match_not =
      match_not != body.MemberEnd() && common::python_truthy(match_not->value);
  if (!has_match && !has_match_not) return filter;

  if (has_match && match->value.IsArray() && match->value[0].IsObject()) {
    const auto& first = match->value[0];
    auto all = first.FindMember("_all");
    if (all != first.MemberEnd()) {
      // The `_all` form replaces the whole filter; an undecodable one means no filter.
      rapidjson::Document decoded;
      if (all->value.IsString() &&
          common::parse_json({all->value.GetString(), all->value.GetStringLength()}, decoded) &&
          decoded.IsArray()) {
        copy_pairs(decoded, "_all", filter.match_, alloc);
      }
      for (const auto& pair : filter.match_.GetArray())
        for (const auto& m : pair.GetObject()) filter.keys_.emplace_back(m.name.GetString());
      return filter;
    }
  }
  if (has_match) copy_pairs(match->value, "match", filter.match_, alloc);
  if (has_match_not) copy_pairs(match_not->value, "match_not", filter.match_not_, alloc);
  for (const auto* list : {&filter.match_, &filter.match_not_})
    for (const auto& pair : list->GetArray())
      for (const auto& m : pair.GetObject()) {
        std::string name(m.name.GetString(), m.name.GetStringLength());
        if (std::find(filter.keys_.begin(), filter.keys_.end(), name) == filter.keys_.end())
          filter.keys_.push_back(std::move(name));
      }
  return filter;
}

std::optional<std::string> SearchFilter::required_string(std::string_view key) const {
  for (const auto& pair : match_.GetArray())
    for (const auto& m : pair.GetObject())
      if (std::string_view(m.name.GetString(), m.name.GetStringLength()) == key &&
          m.value.IsString())
        return std::string(m.value.GetString(), m.value.GetStringLength());
  return std::nullopt;
}

bool SearchFilter::matches(const rapidjson::Value& record) const {
  if (empty()) return true;
  Found found;
  collect(record, keys_, found);
  static const rapidjson::Value kNull;
  auto lookup = [&](const rapidjson::Value& name) -> const rapidjson::Value& {
    auto it = found.find(std::string_view(name.GetString(), name.GetStringLength()));
    return it == found.end() ? kNull : *it->second;
  };
  for (const auto& pair : match_.GetArray())
    for (const auto& m : pair.GetObject())
      if (!common::python_equal(m.value, lookup(m.name))) return false;
  for (const auto& pair : match_not_.GetArray())
    for (const auto& m : pair.GetObject())
      if (common::python_equal(m.value, lookup(m.name))) return false;
  return true;
}

}  // namespace freezer::api
