#pragma once
// A real freezer-api server for tests, listening on an ephemeral port on 127.0.0.1; noauth
// unless the extra configuration says otherwise. Built by the same ApiAssembly as the
// freezer-api binary. Storage: SQLite in a fresh temporary directory, or, when the
// environment names a MySQL server (FREEZER_TEST_MYSQL=mysql://user:pass@host:port), a fresh
// database on it that is dropped afterwards.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <soci/soci.h>

#include <filesystem>
#include <memory>
#include <string>

#include "common/config.h"
#include "db/driver.h"
#include "freezer_api/assembly.h"
#include "freezer_api/http/server.h"
#include "tests/support/http_client.h"

namespace freezer::testing {

class ApiServer {
 public:
  // `extra_config` is appended to the generated INI configuration (later values win).
  explicit ApiServer(const std::string& extra_config = "");
  // `before_sync` runs SQL statements on the fresh, empty database before db sync (e.g. to
  // load an upstream-created schema).
  ApiServer(const std::string& extra_config, const std::vector<std::string>& before_sync);
  // On a given port (0: any free one), e.g. to bring an API back where a client expects it.
  ApiServer(const std::string& extra_config, const std::vector<std::string>& before_sync,
            unsigned short port);
  ~ApiServer();

  std::string base_url() const;
  const std::filesystem::path& database_path() const { return db_path_; }
  bool on_sqlite() const { return mysql_database_.empty(); }
  // The [database] connection URL the server uses.
  const std::string& database_url() const { return database_url_; }
  // A direct connection to the server's database (tests that inspect the schema).
  std::unique_ptr<soci::session> open_sql() const;
  db::Driver& driver() { return service_->driver(); }
  api::ContextBuilder& auth() { return service_->auth(); }
  api::Application& application() { return service_->application(); }
  const std::filesystem::path& directory() const { return dir_; }
  std::unique_ptr<HttpClient> client() const { return std::make_unique<HttpClient>(base_url()); }

 private:
  std::filesystem::path dir_;
  std::filesystem::path db_path_;
  std::string mysql_server_;    // mysql://user:pass@host:port, or empty
  std::string mysql_database_;  // created for this server
  std::string database_url_;
  std::unique_ptr<api::ApiAssembly> service_;
  std::unique_ptr<api::http::Server> server_;
};

// Skips the current test unless the server runs on SQLite (tests that reach into the file).
#define SKIP_UNLESS_SQLITE(server) \
  if (!(server).on_sqlite()) GTEST_SKIP() << "SQLite only"

// Parses a response body; fails the test (by throwing) when it is not JSON.
rapidjson::Document parse(const std::string& body);

}  // namespace freezer::testing
