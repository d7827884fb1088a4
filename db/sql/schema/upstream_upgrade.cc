#include "db/sql/schema/upstream_upgrade.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "db/errors.h"
#include "db/sql/connection/write_transaction.h"
#include "db/sql/schema/job_actions_normalization.h"

namespace freezer::db::sql {
namespace {

// Upstream's schema history, oldest first. "migrate N" is sqlalchemy-migrate version N (the
// repository freezer-api used up to 13.0.0); the others are alembic revisions.
struct HistoryEntry {
  const char* from;
  const char* to;
  const char* file;
  bool moves_job_actions = false;
};

constexpr HistoryEntry kHistory[] = {
    {"migrate 1", "migrate 2", "legacy_002_rename_mode.sql"},
    {"migrate 2", "migrate 3", "legacy_003_rename_src_file.sql"},
    {"migrate 3", "e74c32f034c5", "legacy_to_e74c32f034c5.sql"},
    {"1333cef214d9", "e74c32f034c5", "e74c32f034c5_modify_src_file.sql"},
    {"e74c32f034c5", "23c8ad2655a6", "23c8ad2655a6_scheduler_capabilities.sql"},
    {"23c8ad2655a6", "29a2fd19eb86", "29a2fd19eb86_user_credentials.sql"},
    {"29a2fd19eb86", "30a3fd20ec97", "30a3fd20ec97_add_is_central_to_clients.sql"},
    {"30a3fd20ec97", "4f8c679a1d3b", "4f8c679a1d3b_remove_user_name_from_backups.sql"},
    {"4f8c679a1d3b", "a1b2c3d4e5f6", "a1b2c3d4e5f6_normalize_job_actions.sql", true},
    {"a1b2c3d4e5f6", "5c9d21e87f34", "5c9d21e87f34_add_status_to_backups.sql"},
    {"5c9d21e87f34", "7a3b9c1d2e4f", "7a3b9c1d2e4f_fix_user_id_column_length.sql"},
};

// Tables that only a freezer-api database has (with or without a version table).
constexpr const char* kFreezerTables[] = {
    "clients", "jobs",           "actions",     "sessions",
    "backups", "action_reports", "job_actions", "user_credentials"};

const common::EmbeddedFile& file_named(std::span<const common::EmbeddedFile> files,
                                       std::string_view name) {
  auto it = std::find_if(files.begin(), files.end(), [&](auto& f) { return f.name == name; });
  if (it == files.end()) throw std::logic_error("missing upstream migration " + std::string(name));
  return *it;
}

// How operators know a version: "sqlalchemy-migrate version 3" or "alembic 23c8ad2655a6".
std::string describe(const std::string& version) {
  return version.rfind("migrate ", 0) == 0 ? "sqlalchemy-migrate version " + version.substr(8)
                                           : "alembic " + version;
}

std::string known_versions() {
  std::string out;
  for (const auto& h : kHistory) out += describe(h.from) + ", ";
  return out + describe(kUpstreamHead);
}

}  // namespace

UpstreamUpgrade::UpstreamUpgrade(std::span<const common::EmbeddedFile> files,
                                 const DialectTraits& dialect)
    : dialect_(dialect),
      adoption_(parse_migration(
          1, file_named(files, std::string("adopt_") + kUpstreamHead + ".sql"), dialect)) {
  for (const auto& h : kHistory)
    steps_.push_back(Step{h.from, h.to, parse_migration(0, file_named(files, h.file), dialect),
                          h.moves_job_actions});
}

std::string UpstreamUpgrade::starting_version(soci::session& sql) {
  if (table_exists(sql, dialect_, "alembic_version")) {
    std::string revision;
    soci::indicator ind = soci::i_null;
    sql << "SELECT version_num FROM alembic_version", soci::into(revision, ind);
    if (!sql.got_data() || ind != soci::i_ok || revision.empty())
      throw Error(Error::Kind::kSchema,
                  "this database has an empty alembic_version table: its upstream freezer-api "
                  "revision is unknown, so db sync will not touch it");
    return revision;
  }
  if (table_exists(sql, dialect_, "migrate_version")) {
    long long version = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT version FROM migrate_version", soci::into(version, ind);
    if (!sql.got_data() || ind != soci::i_ok)
      throw Error(Error::Kind::kSchema,
                  "this database has an empty migrate_version table: its upstream freezer-api "
                  "version is unknown, so db sync will not touch it");
    return "migrate " + std::to_string(version);
  }
  std::string found;
  for (const char* table : kFreezerTables)
    if (table_exists(sql, dialect_, table)) found += std::string(found.empty() ? "" : ", ") + table;
  if (!found.empty())
    throw Error(Error::Kind::kSchema,
                "this database already has freezer tables (" + found +
                    ") but no version table (freezer_schema_migrations, alembic_version or "
                    "migrate_version): db sync does not know what made it and will not touch it");
  return "";
}

void UpstreamUpgrade::record(soci::session& sql, const std::string& version) {
  if (version.rfind("migrate ", 0) == 0) {
    long long number = std::stoll(version.substr(8));
    sql << "UPDATE migrate_version SET version = :v", soci::use(number);
    return;
  }
  if (!table_exists(sql, dialect_, "alembic_version")) {
    sql << std::string(
               "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
               "PRIMARY KEY (version_num)) ") +
               dialect_.table_options;
    sql << "INSERT INTO alembic_version (version_num) VALUES (:v)", soci::use(version);
    return;
  }
  sql << "UPDATE alembic_version SET version_num = :v", soci::use(version);
}

std::string UpstreamUpgrade::known_start(soci::session& sql) {
  const std::string start = starting_version(sql);
  if (start.empty() || start == kUpstreamHead) return start;
  if (std::none_of(steps_.begin(), steps_.end(), [&](auto& s) { return s.from == start; }))
    throw Error(Error::Kind::kSchema, "this database was made by upstream freezer-api at " +
                                          describe(start) +
                                          ", which db sync does not know (it knows " +
                                          known_versions() + "): it was not touched");
  return start;
}

std::string UpstreamUpgrade::recognise(soci::session& sql) {
  const std::string start = known_start(sql);
  return start.empty() ? "" : "upstream freezer-api at " + describe(start);
}

std::string UpstreamUpgrade::to_head(soci::session& sql) {
  const std::string start = known_start(sql);
  if (start.empty() || start == kUpstreamHead) return "";
  auto step_from = [&](const std::string& version) {
    return std::find_if(steps_.begin(), steps_.end(), [&](auto& s) { return s.from == version; });
  };
  spdlog::info("upgrading a database of upstream freezer-api from {} to {}", describe(start),
               describe(kUpstreamHead));
  for (std::string version = start; version != kUpstreamHead;) {
    const Step& step = *step_from(version);
    WriteTransaction tx(sql, dialect_);
    for (const auto& statement : step.migration.statements) sql << statement;
    if (step.moves_job_actions) {
      auto moved = normalize_job_actions(sql);
      spdlog::info(
          "job actions moved to job_actions: {} links, {} actions made from inline "
          "definitions, {} entries skipped",
          moved.links, moved.created_actions, moved.skipped);
    }
    record(sql, step.to);
    tx.commit();
    spdlog::info("upstream schema {} -> {}", describe(step.from), describe(step.to));
    version = step.to;
  }
  return start;
}

}  // namespace freezer::db::sql
