#pragma once
// One table's columns, declared once. The SELECT list, the row mapping both ways (SOCI's
// type_conversion) and the INSERT and UPDATE statements are all made from it, so adding a
// column is one line in the table's declaration (db/sql/rows/tables.h) plus its migration.
#include <soci/soci.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/sql/rows/row_values.h"

namespace freezer::db::sql {

template <typename Record>
struct Column {
  std::string name;
  // The row's identity (id, project_id): the WHERE of an UPDATE, never among what it sets.
  bool identity = false;
  std::function<void(const ColumnReader&, Record&)> read;
  // Empty for a column that is only read (kept by the store's own statements).
  std::function<void(const Record&, soci::values&)> write;
  // What an UPDATE sets it to; empty: its bound value (":name").
  std::string update_value{};
};

template <typename Record>
class Table {
 public:
  Table(std::string name, std::vector<Column<Record>> columns)
      : name_(std::move(name)), columns_(std::move(columns)) {}

  const std::string& name() const { return name_; }

  // "id, project_id, ...": every column, as read.
  std::string column_list() const {
    return joined([](const Column<Record>& c) { return c.name; });
  }
  // "t.id AS p_id, ...": the columns read from the table aliased `t` of a join, as a
  // ColumnReader with prefix `p` finds them.
  std::string aliased_columns(const std::string& t, const std::string& p) const {
    return joined([&](const Column<Record>& c) { return t + "." + c.name + " AS " + p + c.name; });
  }
  // "SELECT <columns> FROM <table> "
  std::string select_from() const { return "SELECT " + column_list() + " FROM " + name_ + " "; }

  // Binds the record (soci::use(record)) and :now.
  std::string insert_statement() const {
    return "INSERT INTO " + name_ + " (" +
           joined([](const Column<Record>& c) { return c.name; }, true) +
           ", created_at, updated_at, deleted) VALUES (" +
           joined([](const Column<Record>& c) { return ":" + c.name; }, true) + ", :now, :now, 0)";
  }
  // Rewrites every column of the live row the record names; binds the record and :now.
  std::string update_statement() const {
    std::string set;
    for (const auto& c : columns_)
      if (!c.identity && c.write)
        set += c.name + " = " + (c.update_value.empty() ? ":" + c.name : c.update_value) + ", ";
    return "UPDATE " + name_ + " SET " + set + "updated_at = :now WHERE " + live_row_condition();
  }
  // "id = :id AND project_id = :project_id AND deleted = 0": the live row a record names.
  std::string live_row_condition() const {
    std::string where;
    for (const auto& c : columns_)
      if (c.identity) where += c.name + " = :" + c.name + " AND ";
    return where + "deleted = 0";
  }

  void read(const ColumnReader& row, Record& record) const {
    for (const auto& c : columns_) c.read(row, record);
  }
  void write(const Record& record, soci::values& row) const {
    for (const auto& c : columns_)
      if (c.write) c.write(record, row);
  }

 private:
  template <typename Part>
  std::string joined(Part part, bool written_only = false) const {
    std::string out;
    for (const auto& c : columns_)
      if (!written_only || c.write) out += (out.empty() ? "" : ", ") + part(c);
    return out;
  }

  std::string name_;
  std::vector<Column<Record>> columns_;
};

// Each record type's table, declared in db/sql/rows/tables.h.
template <typename Record>
const Table<Record>& table_of();

// The kinds of column. Nullable columns read NULL as nullopt, or as the `fallback` where the
// record field is not optional (rows written by upstream or before a column existed).

template <typename Record>
Column<Record> id_column(std::string Record::*field) {
  return {"id", true, [field](const ColumnReader& row, Record& r) { r.*field = row.text("id"); },
          [field](const Record& r, soci::values& row) { row.set("id", r.*field); }};
}

template <typename Record>
Column<Record> project_column(std::string Record::*field) {
  return {"project_id", true,
          [field](const ColumnReader& row, Record& r) {
            r.*field = row.optional_text("project_id").value_or("");
          },
          [field](const Record& r, soci::values& row) { row.set("project_id", r.*field); }};
}

template <typename Record>
Column<Record> text(std::string name, std::string Record::*field) {
  return {name, false,
          [name, field](const ColumnReader& row, Record& r) { r.*field = row.text(name.c_str()); },
          [name, field](const Record& r, soci::values& row) { row.set(name, r.*field); }};
}

template <typename Record>
Column<Record> text_or(std::string name, std::string Record::*field, std::string fallback) {
  return {name, false,
          [name, field, fallback = std::move(fallback)](const ColumnReader& row, Record& r) {
            r.*field = row.optional_text(name.c_str()).value_or(fallback);
          },
          [name, field](const Record& r, soci::values& row) { row.set(name, r.*field); }};
}

template <typename Record>
Column<Record> optional_text(std::string name, std::optional<std::string> Record::*field) {
  return {name, false,
          [name, field](const ColumnReader& row, Record& r) {
            r.*field = row.optional_text(name.c_str());
          },
          [name, field](const Record& r, soci::values& row) { set_optional(row, name, r.*field); }};
}

template <typename Record>
Column<Record> optional_integer(std::string name, std::optional<long long> Record::*field) {
  return {
      name, false,
      [name, field](const ColumnReader& row, Record& r) { r.*field = row.integer(name.c_str()); },
      [name, field](const Record& r, soci::values& row) { set_optional(row, name, r.*field); }};
}

// A boolean stored as 0/1.
template <typename Record>
Column<Record> flag(std::string name, bool Record::*field) {
  return {name, false,
          [name, field](const ColumnReader& row, Record& r) {
            r.*field = row.integer(name.c_str()).value_or(0) != 0;
          },
          [name, field](const Record& r, soci::values& row) { row.set(name, r.*field ? 1 : 0); }};
}

template <typename Record>
Column<Record> optional_flag(std::string name, std::optional<bool> Record::*field) {
  return {name, false,
          [name, field](const ColumnReader& row, Record& r) {
            auto value = row.integer(name.c_str());
            r.*field = value ? std::optional<bool>(*value != 0) : std::nullopt;
          },
          [name, field](const Record& r, soci::values& row) {
            const auto& value = r.*field;
            set_optional(row, name,
                         value ? std::optional<long long>(*value ? 1 : 0) : std::nullopt);
          }};
}

// A list of strings stored as JSON text (["a", "b"]); NULL or unreadable text reads as
// `fallback()`.
template <typename Record>
Column<Record> string_list(std::string name, std::vector<std::string> Record::*field,
                           const std::vector<std::string>& (*fallback)()) {
  return {name, false,
          [name, field, fallback](const ColumnReader& row, Record& r) {
            auto text = row.optional_text(name.c_str());
            auto list = text ? decode_string_list(*text) : std::nullopt;
            if (list)
              r.*field = std::move(*list);
            else
              r.*field = fallback();
          },
          [name, field](const Record& r, soci::values& row) {
            row.set(name, encode_string_list(r.*field));
          }};
}

// A column only read: written by the store's own statements (a soft delete sets `deleted`).
template <typename Record>
Column<Record> read_only_flag(std::string name, bool Record::*field) {
  return {name,
          false,
          [name, field](const ColumnReader& row, Record& r) {
            r.*field = row.integer(name.c_str()).value_or(0) != 0;
          },
          {}};
}

// A column stamped with a new value at every insert and update (the job change sequence),
// greater than the row's last one whatever the clock of the process that writes it.
template <typename Record>
Column<Record> stamped_integer(std::string name, long long Record::*field,
                               long long (*next_value)()) {
  return {name, false,
          [name, field](const ColumnReader& row, Record& r) {
            r.*field = row.integer(name.c_str()).value_or(0);
          },
          [name, next_value](const Record&, soci::values& row) { row.set(name, next_value()); },
          "CASE WHEN " + name + " >= :" + name + " THEN " + name + " + 1 ELSE :" + name + " END"};
}

// SOCI's mapping of a record type through its table:
//   template <> struct soci::type_conversion<R> : freezer::db::sql::TableConversion<R> {};
template <typename Record>
struct TableConversion {
  using base_type = soci::values;

  static void from_base(const soci::values& row, soci::indicator, Record& record) {
    table_of<Record>().read(ColumnReader(SociValuesRow(row)), record);
  }
  static void to_base(const Record& record, soci::values& row, soci::indicator& ind) {
    table_of<Record>().write(record, row);
    ind = soci::i_ok;
  }
};

}  // namespace freezer::db::sql
