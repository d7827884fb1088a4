#include "db/sql/schema/migration.h"

#include <soci/soci.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace freezer::db::sql {
namespace {

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

}  // namespace freezer::db::sql
