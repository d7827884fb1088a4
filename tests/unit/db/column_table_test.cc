// A column table (db/sql/rows/column_table.h) makes every statement and the row mapping of its
// table: a column added to the table's declaration (one line) and to the schema (a migration) is
// written, rewritten and read back with nothing else changed.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "db/sql/rows/select.h"
#include "db/sql/rows/table_rows.h"

namespace {

using freezer::db::IdOwner;
using namespace freezer::db::sql;

// One table at two schema versions: NoteV2 is NoteV1 with a `colour` column.
struct NoteV1 {
  std::string id, project_id, text;
  std::optional<long long> stars;
};
struct NoteV2 {
  std::string id, project_id, text;
  std::optional<long long> stars;
  std::optional<std::string> colour;
};

}  // namespace

namespace freezer::db::sql {

template <>
const Table<NoteV1>& table_of<NoteV1>() {
  static const std::vector<Column<NoteV1>> columns = {
      id_column(&NoteV1::id),
      project_column(&NoteV1::project_id),
      text("text", &NoteV1::text),
      optional_integer("stars", &NoteV1::stars),
  };
  static const Table<NoteV1> table("notes", columns);
  return table;
}

template <>
const Table<NoteV2>& table_of<NoteV2>() {
  static const std::vector<Column<NoteV2>> columns = {
      id_column(&NoteV2::id),
      project_column(&NoteV2::project_id),
      text("text", &NoteV2::text),
      optional_integer("stars", &NoteV2::stars),
      optional_text("colour", &NoteV2::colour),  // the added column: this line
  };
  static const Table<NoteV2> table("notes", columns);
  return table;
}

}  // namespace freezer::db::sql

template <>
struct soci::type_conversion<NoteV1> : TableConversion<NoteV1> {};
template <>
struct soci::type_conversion<NoteV2> : TableConversion<NoteV2> {};

namespace {

const char* kMigration1 =
    "CREATE TABLE notes (id VARCHAR(36) PRIMARY KEY, project_id VARCHAR(36), text TEXT NOT NULL, "
    "stars INTEGER, created_at DATETIME, updated_at DATETIME, deleted_at DATETIME, "
    "deleted INTEGER NOT NULL DEFAULT 0)";
const char* kMigration2 = "ALTER TABLE notes ADD COLUMN colour VARCHAR(32)";

template <typename Record>
std::vector<Record> all_rows(soci::session& sql) {
  std::vector<Record> out;
  soci::rowset<Record> rows =
      (sql.prepare << table_of<Record>().select_from() + "WHERE deleted = 0 ORDER BY id");
  for (const auto& row : rows) out.push_back(row);
  return out;
}

TEST(ColumnTable, StatementsComeFromTheColumns) {
  const auto& notes = table_of<NoteV2>();
  EXPECT_EQ(notes.column_list(), "id, project_id, text, stars, colour");
  EXPECT_EQ(notes.select_from(), "SELECT id, project_id, text, stars, colour FROM notes ");
  EXPECT_EQ(notes.aliased_columns("n", "n_"),
            "n.id AS n_id, n.project_id AS n_project_id, n.text AS n_text, n.stars AS n_stars, "
            "n.colour AS n_colour");
  EXPECT_EQ(notes.insert_statement(),
            "INSERT INTO notes (id, project_id, text, stars, colour, created_at, updated_at, "
            "deleted) VALUES (:id, :project_id, :text, :stars, :colour, :now, :now, 0)");
  EXPECT_EQ(notes.update_statement(),
            "UPDATE notes SET text = :text, stars = :stars, colour = :colour, updated_at = :now "
            "WHERE id = :id AND project_id = :project_id AND deleted = 0");
}

TEST(ColumnTable, AnAddedColumnIsWrittenAndReadWithNothingElseChanged) {
  soci::session sql(*soci::factory_sqlite3(), ":memory:");
  sql << kMigration1;
  insert_row(sql, NoteV1{"a", "p1", "first", 3}, "2026-01-01 00:00:00");
  insert_row(sql, NoteV1{"b", "p1", "second", std::nullopt}, "2026-01-01 00:00:00");

  sql << kMigration2;
  insert_row(sql, NoteV2{"c", "p2", "third", 5, "blue"}, "2026-01-02 00:00:00");
  EXPECT_TRUE(update_row(sql, NoteV2{"a", "p1", "first, edited", 4, "red"}, "2026-01-03 00:00:00"));
  EXPECT_FALSE(update_row(sql, NoteV2{"a", "p2", "not p2's", 1, "red"}, "2026-01-03 00:00:00"))
      << "the project is part of a row's identity";
  EXPECT_FALSE(update_row(sql, NoteV2{"zz", "p1", "missing", 1, "red"}, "2026-01-03 00:00:00"));

  auto rows = all_rows<NoteV2>(sql);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].text, "first, edited");
  EXPECT_EQ(rows[0].stars, 4);
  EXPECT_EQ(rows[0].colour, "red");
  EXPECT_EQ(rows[1].stars, std::nullopt);
  EXPECT_EQ(rows[1].colour, std::nullopt) << "rows written before the column read NULL";
  EXPECT_EQ(rows[2].project_id, "p2");
  EXPECT_EQ(rows[2].colour, "blue");

  // The older mapping still reads the table (it selects its own columns only).
  auto old_rows = all_rows<NoteV1>(sql);
  ASSERT_EQ(old_rows.size(), 3u);
  EXPECT_EQ(old_rows[2].text, "third");
}

TEST(ColumnTable, UnchangedRewritesStillMatchAndSoftDeletesKeepTheIdTaken) {
  soci::session sql(*soci::factory_sqlite3(), ":memory:");
  sql << kMigration1;
  sql << kMigration2;
  const NoteV2 note{"a", "p1", "same", 1, "red"};
  insert_row(sql, note, "2026-01-01 00:00:00");
  EXPECT_TRUE(update_row(sql, note, "2026-01-01 00:00:00")) << "a rewrite with the same values";

  EXPECT_FALSE(soft_delete_row(sql, "notes", "p2", "a", "2026-01-02 00:00:00"));
  EXPECT_TRUE(soft_delete_row(sql, "notes", "p1", "a", "2026-01-02 00:00:00"));
  EXPECT_FALSE(update_row(sql, note, "2026-01-03 00:00:00")) << "deleted rows are not rewritten";
  EXPECT_TRUE(all_rows<NoteV2>(sql).empty());
  const IdOwner owner = id_owner_in(sql, "notes", "a");
  EXPECT_EQ(owner.state, IdOwner::State::kDeleted);
  EXPECT_EQ(owner.project_id, "p1");
  EXPECT_EQ(id_owner_in(sql, "notes", "b").state, IdOwner::State::kFree);
}

}  // namespace
