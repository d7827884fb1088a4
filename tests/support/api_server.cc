#include "tests/support/api_server.h"

#include <soci/soci.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "common/json.h"
#include "db/connection_url.h"

namespace freezer::testing {

// Runs one statement on a MySQL server named mysql://user:pass@host:port (no database).
void admin_sql(const std::string& server, const std::string& statement) {
  auto url = db::parse_connection_url(server + "/information_schema");
  soci::session sql("mysql", "host=" + url.host + " port=" + std::to_string(url.port) +
                                 " user=" + url.username + " password=" + url.password);
  sql << statement;
}

ApiServer::ApiServer(const std::string& extra_config) : ApiServer(extra_config, {}) {}

ApiServer::ApiServer(const std::string& extra_config, const std::vector<std::string>& before_sync)
    : ApiServer(extra_config, before_sync, 0) {}

ApiServer::ApiServer(const std::string& extra_config, const std::vector<std::string>& before_sync,
                     unsigned short port) {
  char pattern[] = "/tmp/freezer-api-test-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  db_path_ = dir_ / "freezer.db";
  database_url_ = "sqlite:///" + db_path_.string();
  if (const char* mysql = std::getenv("FREEZER_TEST_MYSQL"); mysql != nullptr && *mysql) {
    mysql_server_ = mysql;
    mysql_database_ = "freezer_test_" + std::filesystem::path(dir_).filename().string().substr(17);
    for (auto& c : mysql_database_) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    admin_sql(mysql_server_, "CREATE DATABASE " + mysql_database_ + " CHARACTER SET utf8mb4");
    database_url_ = "mysql+pymysql://" + mysql_server_.substr(std::string("mysql://").size()) +
                    "/" + mysql_database_ + "?charset=utf8mb4";
  }
  auto config = common::Config::parse(
      "[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = 0\n"
      "[api]\nauth_strategy = noauth\nworker_threads = 4\nio_threads = 1\n"
      "[database]\nconnection = " +
      database_url_ + "\n" + extra_config);
  if (!before_sync.empty()) {
    auto sql = open_sql();
    for (const auto& statement : before_sync) *sql << statement;
  }
  service_ = std::make_unique<api::ApiAssembly>(config, dir_.string());
  service_->driver().sync_schema();
  const auto& options = service_->options();
  auto server_options = api::server_options(options);
  server_options.host = "127.0.0.1";
  server_options.port = port;
  auto& app = service_->application();
  server_ = std::make_unique<api::http::Server>(
      server_options, [&app](api::http::Request& r) { return app.handle(r); });
  server_->start();
}

std::unique_ptr<soci::session> ApiServer::open_sql() const {
  auto url = db::parse_connection_url(database_url_);
  return std::make_unique<soci::session>(
      url.dialect == "sqlite" ? "sqlite3" : "mysql",
      url.dialect == "sqlite"
          ? "db=" + url.database
          : "db=" + url.database + " host=" + url.host + " port=" + std::to_string(url.port) +
                " user=" + url.username + " password=" + url.password);
}

ApiServer::~ApiServer() {
  server_->shutdown();
  server_.reset();
  service_.reset();
  if (!mysql_database_.empty()) {
    try {
      admin_sql(mysql_server_, "DROP DATABASE IF EXISTS " + mysql_database_);
    } catch (const std::exception&) {  // the server is gone (fault tests); nothing to clean
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string ApiServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(server_->port());
}

rapidjson::Document parse(const std::string& body) {
  rapidjson::Document doc;
  if (!common::parse_json(body, doc)) throw std::runtime_error("response is not JSON: " + body);
  return doc;
}

}  // namespace freezer::testing
