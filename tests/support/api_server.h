#pragma once
// A real freezer-api server for tests: SQLite database in a fresh temporary directory,
// noauth, listening on an ephemeral port on 127.0.0.1.
#include <rapidjson/document.h>

#include <filesystem>
#include <memory>
#include <string>

#include "common/config.h"
#include "db/driver.h"
#include "freezer_api/application.h"
#include "freezer_api/auth/noauth_context_builder.h"
#include "freezer_api/http/server.h"
#include "freezer_api/schema_registry.h"
#include "tests/support/http_client.h"

namespace freezer::testing {

class ApiServer {
 public:
  // `extra_config` is appended to the generated INI configuration.
  explicit ApiServer(const std::string& extra_config = "");
  ~ApiServer();

  std::string base_url() const;
  const std::filesystem::path& database_path() const { return db_path_; }
  db::Driver& driver() { return *driver_; }
  std::unique_ptr<HttpClient> client() const { return std::make_unique<HttpClient>(base_url()); }

 private:
  std::filesystem::path dir_;
  std::filesystem::path db_path_;
  common::Config config_;
  api::ApiOptions options_;
  std::unique_ptr<db::Driver> driver_;
  api::SchemaRegistry schemas_;
  api::NoAuthContextBuilder auth_;
  std::unique_ptr<api::Application> app_;
  std::unique_ptr<api::http::Server> server_;
};

// Parses a response body; fails the test (by throwing) when it is not JSON.
rapidjson::Document parse(const std::string& body);

}  // namespace freezer::testing
