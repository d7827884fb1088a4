#include "db/sql/rows/row_values.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <stdexcept>

#include "common/json.h"

namespace freezer::db::sql {

long long parse_integer_text(std::string_view text) {
  long long value = 0;
  const auto* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end)
    throw std::invalid_argument("not an integer: " + std::string(text));
  return value;
}

int SociValuesRow::position(std::string_view name) const {
  for (std::size_t i = 0; i < row_.get_number_of_columns(); ++i)
    if (row_.get_properties(i).get_name() == name) return static_cast<int>(i);
  throw std::out_of_range("no column " + std::string(name) + " in the result");
}

bool SociValuesRow::is_null(int position) const {
  return row_.get_indicator(static_cast<std::size_t>(position)) == soci::i_null;
}

std::string SociValuesRow::text(int position) const {
  if (is_null(position)) return {};
  return row_.get<std::string>(static_cast<std::size_t>(position));
}

std::optional<long long> SociValuesRow::integer(int position) const {
  if (is_null(position)) return std::nullopt;
  const auto at = static_cast<std::size_t>(position);
  switch (row_.get_properties(at).get_data_type()) {
    case soci::dt_integer:
      return row_.get<int>(at);
    case soci::dt_long_long:
      return row_.get<long long>(at);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(row_.get<unsigned long long>(at));
    case soci::dt_double:
      return static_cast<long long>(row_.get<double>(at));
    case soci::dt_string:
      return parse_integer_text(row_.get<std::string>(at));
    default:
      return std::nullopt;
  }
}

int ColumnReader::position(std::string_view column) const {
  if (prefix_.empty()) return row_.position(column);
  // Names are short: built on the stack, not the heap, for every value of every row.
  char name[128];
  if (prefix_.size() + column.size() > sizeof name)
    return row_.position(std::string(prefix_) + std::string(column));
  std::copy(prefix_.begin(), prefix_.end(), name);
  std::copy(column.begin(), column.end(), name + prefix_.size());
  return row_.position(std::string_view(name, prefix_.size() + column.size()));
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
