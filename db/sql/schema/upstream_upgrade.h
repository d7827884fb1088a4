#pragma once
// Databases made by upstream freezer-api, from its sqlalchemy-migrate era (13.0.0, Zed) through
// every alembic revision, are recognised by their version tables and brought to upstream's
// newest revision the way upstream's own migrations do, keeping every row. Anything else that
// looks like a freezer database is refused with a message naming what was found.
#include <soci/soci.h>

#include <span>
#include <string>
#include <vector>

#include "common/embedded_file.h"
#include "db/sql/connection/dialect.h"
#include "db/sql/schema/migration.h"

namespace freezer::db::sql {

// The alembic revision of upstream's newest schema (adopt_<head>.sql turns it into ours).
inline constexpr const char* kUpstreamHead = "7a3b9c1d2e4f";

class UpstreamUpgrade {
 public:
  // `files`: db/migrations/upstream/*.sql, compiled in.
  UpstreamUpgrade(std::span<const common::EmbeddedFile> files, const DialectTraits& dialect);

  // Brings an upstream database in `sql` to kUpstreamHead, one recorded step at a time (a
  // failed step leaves the database at the last recorded one). Does nothing to an empty
  // database or one at the head. Throws Error(kSchema) for a database it does not recognise.
  // Returns the version it started from ("" when it did nothing).
  std::string to_head(soci::session& sql);

  // What to_head would start from, described ("upstream freezer-api 13.0.0 (...)"), "" for a
  // database without upstream's tables; reads only. Throws Error(kSchema) as to_head would.
  std::string recognise(soci::session& sql);

  // The statements turning a database at kUpstreamHead into this project's schema version 1.
  const Migration& adoption() const { return adoption_; }

 private:
  struct Step {
    std::string from, to;
    Migration migration;
    bool moves_job_actions;  // jobs.job_actions (JSON) becomes rows of job_actions
  };

  std::string starting_version(soci::session& sql);
  // starting_version, refused (Error(kSchema)) unless it is the head or a step starts there.
  std::string known_start(soci::session& sql);
  void record(soci::session& sql, const std::string& version);

  const DialectTraits& dialect_;
  std::vector<Step> steps_;
  Migration adoption_;
};

}  // namespace freezer::db::sql
