#pragma once
// Reading a row's columns by name into records, and the value formats of stored columns.
#include <soci/values.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/sql/rows/row_view.h"

namespace freezer::db::sql {

// A RowView of SOCI's dynamic row (rows read with soci::into(record), outside the
// statement cache).
class SociValuesRow final : public RowView {
 public:
  explicit SociValuesRow(const soci::values& row) : row_(row) {}
  int position(std::string_view name) const override;
  bool is_null(int position) const override;
  std::string text(int position) const override;
  std::optional<long long> integer(int position) const override;

 private:
  const soci::values& row_;
};

// The columns of one table in a row, by name. In a join each table's columns carry an alias
// prefix (see Table::aliased_columns), so one mapping reads a table alone or joined.
class ColumnReader {
 public:
  // `prefix` is a literal ("j_"): it is kept as a view.
  explicit ColumnReader(const RowView& row, std::string_view prefix = {})
      : row_(row), prefix_(prefix) {}

  std::string text(const char* column) const { return row_.text(position(column)); }
  std::optional<std::string> optional_text(const char* column) const {
    const int at = position(column);
    if (row_.is_null(at)) return std::nullopt;
    return row_.text(at);
  }
  std::optional<long long> integer(const char* column) const {
    return row_.integer(position(column));
  }
  bool is_null(const char* column) const { return row_.is_null(position(column)); }
  // The same row, read with another prefix (another table of a join).
  ColumnReader with_prefix(std::string_view prefix) const { return ColumnReader(row_, prefix); }

 private:
  int position(std::string_view column) const;

  const RowView& row_;
  std::string_view prefix_;
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
