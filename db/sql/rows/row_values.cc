#include "db/sql/rows/row_values.h"

#include <rapidjson/document.h>

#include <ctime>

#include "common/json.h"

namespace freezer::db::sql {

std::optional<std::string> optional_string(const soci::values& row, const std::string& column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return row.get<std::string>(column);
}

std::optional<long long> optional_integer(const soci::values& row, const std::string& column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(column);
    case soci::dt_long_long:
      return row.get<long long>(column);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(row.get<unsigned long long>(column));
    case soci::dt_double:
      return static_cast<long long>(row.get<double>(column));
    case soci::dt_string:
      return std::stoll(row.get<std::string>(column));
    default:
      return std::nullopt;
  }
}

void set_optional(soci::values& row, const std::string& column,
                  const std::optional<std::string>& value) {
  static const std::string kEmpty;
  row.set(column, value ? *value : kEmpty, value ? soci::i_ok : soci::i_null);
}

void set_optional(soci::values& row, const std::string& column,
                  const std::optional<long long>& value) {
  row.set(column, value.value_or(0), value ? soci::i_ok : soci::i_null);
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[20];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

std::string encode_string_list(const std::vector<std::string>& items) {
  rapidjson::Value item;
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    item.SetString(items[i].data(), static_cast<rapidjson::SizeType>(items[i].size()));
    out += common::to_json(item);
  }
  out += "]";
  return out;
}

std::optional<std::vector<std::string>> decode_string_list(const std::string& text) {
  rapidjson::Document doc;
  if (!common::parse_json(text, doc) || !doc.IsArray()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : doc.GetArray()) {
    if (!item.IsString()) return std::nullopt;
    out.emplace_back(item.GetString(), item.GetStringLength());
  }
  return out;
}

}  // namespace freezer::db::sql
