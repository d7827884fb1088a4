#include "db/sql/migrator.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "db/errors.h"
#include "db/sql/row_values.h"
#include "db/sql/sql_errors.h"
#include "db/sql/upstream_upgrade.h"
#include "db/sql/write_transaction.h"

namespace freezer::db::sql {
namespace {

constexpr const char* kVersionTable = "freezer_schema_migrations";

std::vector<std::string> split_statements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  std::size_t pos = 0;
  while (pos < sql.size()) {
    auto eol = sql.find('\n', pos);
    std::string_view line = sql.substr(pos, eol == std::string_view::npos ? eol : eol - pos);
    pos = eol == std::string_view::npos ? sql.size() : eol + 1;
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line.substr(first, 2) == "--") continue;
    current.append(line);
    current += '\n';
    auto last = line.find_last_not_of(" \t\r");
    if (line[last] == ';') {
      current.erase(current.find_last_of(';'));
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

Migration parse_migration(int version, const common::EmbeddedFile& file,
                          const DialectTraits& dialect) {
  Migration m{version, std::string(file.name), {}};
  for (auto& statement : split_statements(file.content)) {
    // /*mysql*/ and /*sqlite*/ mark statements for one dialect only.
    for (const char* tag : {"/*mysql*/", "/*sqlite*/"}) {
      auto at = statement.find(tag);
      if (at == std::string::npos) continue;
      if (std::string(tag) != std::string("/*") + dialect.name + "*/")
        statement.clear();
      else
        statement.erase(at, std::string(tag).size());
    }
    if (statement.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    replace_all(statement, "/*TABLE_OPTIONS*/", dialect.table_options);
    m.statements.push_back(std::move(statement));
  }
  return m;
}

std::vector<Migration> load_migrations(std::span<const common::EmbeddedFile> files,
                                       const DialectTraits& dialect) {
  std::vector<Migration> out;
  for (const auto& file : files) {
    int version = 0;
    auto [end, ec] =
        std::from_chars(file.name.data(), file.name.data() + file.name.size(), version);
    if (ec != std::errc() || *end != '_' || version <= 0)
      throw std::logic_error("migration file name must start with NNN_: " + std::string(file.name));
    out.push_back(parse_migration(version, file, dialect));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  return out;
}

bool table_exists(soci::session& sql, const DialectTraits& dialect, const std::string& table) {
  std::string name;
  soci::statement st = (sql.prepare << dialect.list_tables, soci::into(name));
  if (st.execute(true)) {
    do {
      if (name == table) return true;
    } while (st.fetch());
  }
  return false;
}

Migrator::Migrator(SessionPool& pool, std::vector<Migration> migrations,
                   std::unique_ptr<UpstreamUpgrade> upstream)
    : pool_(pool), migrations_(std::move(migrations)), upstream_(std::move(upstream)) {}

Migrator::~Migrator() = default;

void Migrator::adopt_upstream_schema(soci::session& sql) {
  if (table_exists(sql, pool_.dialect(), kVersionTable)) return;
  // Brings any recognised upstream database to its head (refusing anything else); a database
  // with no alembic_version after that is an empty one.
  std::string started_at = upstream_->to_head(sql);
  if (!table_exists(sql, pool_.dialect(), "alembic_version")) return;
  spdlog::info("adopting a database of upstream freezer-api (alembic {})", kUpstreamHead);
  // MySQL commits DDL as it goes; SQLite does it all or nothing.
  WriteTransaction tx(sql, pool_.dialect());
  for (const auto& statement : upstream_->adoption().statements) sql << statement;
  sql << std::string("CREATE TABLE ") + kVersionTable +
             " (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, "
             "applied_at DATETIME NULL) " +
             pool_.dialect().table_options;
  const std::string now = utc_now();
  const std::string name =
      "adopted from upstream " + (started_at.empty() ? std::string(kUpstreamHead) : started_at);
  const int version = 1;
  sql << std::string("INSERT INTO ") + kVersionTable +
             " (version, name, applied_at) VALUES (:v, :n, :t)",
      soci::use(version), soci::use(name), soci::use(now);
  tx.commit();
}

int Migrator::latest_version() const {
  return migrations_.empty() ? 0 : migrations_.back().version;
}

std::vector<std::string> Migrator::table_names() {
  return translate_errors([&] {
    SessionPool::Lease sql(pool_);
    std::vector<std::string> names;
    std::string name;
    soci::statement st = (sql->prepare << pool_.dialect().list_tables, soci::into(name));
    if (st.execute(true)) {
      do names.push_back(name);
      while (st.fetch());
    }
    return names;
  });
}

int Migrator::current_version_in(soci::session& sql) {
  if (!table_exists(sql, pool_.dialect(), kVersionTable)) return 0;
  long long version = 0;
  soci::indicator ind = soci::i_ok;
  sql << std::string("SELECT MAX(version) FROM ") + kVersionTable, soci::into(version, ind);
  return ind == soci::i_null ? 0 : static_cast<int>(version);
}

int Migrator::current_version() {
  return translate_errors([&] {
    SessionPool::Lease sql(pool_);
    return current_version_in(*sql);
  });
}

std::vector<int> Migrator::sync() {
  return translate_errors([&] {
    SessionPool::Lease sql(pool_);
    std::vector<int> applied;
    adopt_upstream_schema(*sql);
    *sql << std::string("CREATE TABLE IF NOT EXISTS ") + kVersionTable +
                " (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, "
                "applied_at DATETIME NULL) " +
                pool_.dialect().table_options;
    for (const auto& migration : migrations_) {
      // Checked inside the transaction: a concurrent `db sync` waits, then skips.
      WriteTransaction tx(*sql, pool_.dialect());
      if (current_version_in(*sql) >= migration.version) continue;
      for (const auto& statement : migration.statements) *sql << statement;
      const std::string now = utc_now();
      *sql << std::string("INSERT INTO ") + kVersionTable +
                  " (version, name, applied_at) VALUES (:v, :n, :t)",
          soci::use(migration.version), soci::use(migration.name), soci::use(now);
      tx.commit();
      spdlog::info("applied migration {}", migration.name);
      applied.push_back(migration.version);
    }
    return applied;
  });
}

}  // namespace freezer::db::sql
