// freezer-manage: database administration (`db sync` or `db update`, `db version`, `db show`)
// and `credentials rotate-key` (re-encrypts stored trust ids with a new key).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "common/api_option_catalog.h"
#include "common/config.h"
#include "common/credential_cipher.h"
#include "common/log_options.h"
#include "common/logging.h"
#include "common/service_config.h"
#include "db/driver_factory.h"
#include "db/errors.h"

namespace {

using freezer::common::Config;

int db_sync(freezer::db::Driver& driver) {
  auto applied = driver.sync_schema();
  auto status = driver.schema_status();
  if (applied.empty()) {
    std::cout << "Database is up to date at version " << status.current_version << "\n";
  } else {
    std::cout << "Database upgraded to version " << status.current_version << " (applied "
              << applied.size() << " migration" << (applied.size() == 1 ? "" : "s") << ")\n";
  }
  return 0;
}

int db_version(freezer::db::Driver& driver) {
  auto status = driver.schema_status();
  std::cout << status.current_version << "\n";
  if (status.current_version < status.latest_version) {
    std::cerr << "The database is behind this release (latest version " << status.latest_version
              << "): run freezer-manage db sync\n";
  }
  return 0;
}

int db_show(freezer::db::Driver& driver) {
  auto tables = driver.table_names();
  if (tables.empty()) {
    std::cout << "No Tables/Mappings found!\n";
    return 0;
  }
  std::cout << "[";
  for (std::size_t i = 0; i < tables.size(); ++i)
    std::cout << (i ? ", " : "") << '"' << tables[i] << '"';
  std::cout << "]\n";
  return 0;
}

// Adds a new key to the key file, then re-encrypts every stored trust id with it. Services
// keep running: they read the key file again when they meet the new key version.
int credentials_rotate_key(const Config& config, freezer::db::Driver& driver) {
  const auto key_file = freezer::common::api_option_catalog().get_string(
      config, "centralized_scheduler", "credentials_key_file");
  if (key_file.empty()) {
    std::cerr << "freezer-manage: [centralized_scheduler] credentials_key_file is not set\n";
    return 1;
  }
  const int version = freezer::common::CredentialCipher::add_key(key_file);
  freezer::common::CredentialCipher cipher(key_file);
  std::size_t resealed = 0;
  freezer::db::Page page{500, 0, std::nullopt};
  while (true) {
    auto rows = driver.credentials().list(page);
    for (auto row : rows) {
      auto sealed = cipher.seal(cipher.open(row.trust_id, row.decrypt_method));
      row.trust_id = sealed.value;
      row.decrypt_method = sealed.method;
      if (driver.credentials().update(row)) ++resealed;
    }
    if (rows.size() < 500) break;
    page.marker = rows.back().id;
  }
  std::cout << "Credentials re-encrypted with key version " << version << " (" << resealed << " row"
            << (resealed == 1 ? "" : "s") << ")\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Freezer database management"};
  app.set_version_flag("--version", std::string("freezer-manage ") + FREEZER_VERSION);
  const auto& catalog = freezer::common::api_option_catalog();
  freezer::common::ServiceCommandLine line;
  freezer::common::add_service_options(app, line, catalog);
  auto* db = app.add_subcommand("db", "database schema commands");
  db->require_subcommand(1);
  auto* sync = db->add_subcommand("sync", "create or upgrade the schema to the latest version");
  auto* update = db->add_subcommand("update", "alias of sync");
  auto* version = db->add_subcommand("version", "print the schema version");
  auto* show = db->add_subcommand("show", "print the table names as a JSON list");
  auto* credentials = app.add_subcommand("credentials", "stored trust credentials");
  credentials->require_subcommand(1);
  auto* rotate = credentials->add_subcommand(
      "rotate-key", "add a new encryption key and re-encrypt every stored trust id with it");
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);

  try {
    auto loaded =
        freezer::common::load_service_config(line, catalog, {"freezer.conf", "freezer-api.conf"});
    const Config& config = loaded.config;
    auto logging = freezer::common::read_log_settings(
        catalog, config, {"freezer-manage", {"freezer_api.cmd.manage", "freezer_api", "freezer"}});
    // A sync says what it changes (upgrading an upstream database takes several steps); the
    // other commands print their answer and log only problems.
    if (!sync->parsed() && !update->parsed() && logging.level < spdlog::level::warn)
      logging.level = spdlog::level::warn;
    // Standard output carries the commands' answers (db show's JSON): the console log goes to
    // standard error.
    for (auto& handler : logging.handlers)
      if (handler.destination == freezer::common::LogDestination::standard_output)
        handler.destination = freezer::common::LogDestination::standard_error;
    freezer::common::setup_logging(logging, "freezer-manage");
    freezer::common::warn_about_undeclared(loaded.undeclared, "freezer-manage");
    auto driver = freezer::db::make_driver(config, 1);
    if (sync->parsed() || update->parsed()) return db_sync(*driver);
    if (version->parsed()) return db_version(*driver);
    if (show->parsed()) return db_show(*driver);
    if (rotate->parsed()) return credentials_rotate_key(config, *driver);
  } catch (const std::exception& e) {
    std::cerr << "freezer-manage: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
