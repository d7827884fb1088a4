#pragma once
// Helpers for mapping rows to records in SOCI type_conversion specialisations.
#include <soci/values.h>

#include <optional>
#include <string>
#include <vector>

namespace freezer::db::sql {

std::optional<std::string> optional_string(const soci::values& row, const std::string& column);
// Integer-like columns (INTEGER, BOOLEAN) whatever width the backend reports them in.
std::optional<long long> optional_integer(const soci::values& row, const std::string& column);

// The columns of one table in a row, by name. In a join each table's columns carry an alias
// prefix (see Table::aliased_columns), so one mapping reads a table alone or joined.
class ColumnReader {
 public:
  explicit ColumnReader(const soci::values& row, std::string prefix = {})
      : row_(row), prefix_(std::move(prefix)) {}

  std::string text(const char* column) const { return row_.get<std::string>(name(column)); }
  std::optional<std::string> optional_text(const char* column) const {
    return optional_string(row_, name(column));
  }
  std::optional<long long> integer(const char* column) const {
    return optional_integer(row_, name(column));
  }
  bool is_null(const char* column) const {
    return row_.get_indicator(name(column)) == soci::i_null;
  }
  // The same row, read with another prefix (another table of a join).
  ColumnReader with_prefix(std::string prefix) const {
    return ColumnReader(row_, std::move(prefix));
  }

 private:
  std::string name(const char* column) const { return prefix_.empty() ? column : prefix_ + column; }

  const soci::values& row_;
  std::string prefix_;
};

void set_optional(soci::values& row, const std::string& column,
                  const std::optional<std::string>& value);
void set_optional(soci::values& row, const std::string& column,
                  const std::optional<long long>& value);

// Naive UTC timestamp 'YYYY-MM-DD HH:MM:SS', as upstream stores created_at/updated_at.
std::string utc_now();

// JSON list of strings in Python's json.dumps layout (["a", "b"]), the stored format of
// clients.supported_*.
std::string encode_string_list(const std::vector<std::string>& items);
// nullopt when the text is not a JSON list of strings.
std::optional<std::vector<std::string>> decode_string_list(const std::string& text);

}  // namespace freezer::db::sql
