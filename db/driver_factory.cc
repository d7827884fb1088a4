#include "db/driver_factory.h"

#include <filesystem>
#include <stdexcept>

#include "common/api_option_catalog.h"
#include "db/connection_url.h"
#include "db/sql/sql_driver.h"

namespace freezer::db {

std::unique_ptr<Driver> make_driver(const common::Config& config, std::size_t pool_size) {
  const auto& catalog = common::api_option_catalog();
  // Upstream's stevedore aliases: only the SQL driver exists here.
  const auto driver = catalog.get_string(config, "storage", "driver");
  if (driver != "sqlalchemy" && driver != "sql")
    throw std::invalid_argument("[storage] driver '" + driver +
                                "' is not supported (supported: sqlalchemy)");
  const auto connection = catalog.get_string(config, "database", "connection");
  if (connection.empty()) throw std::invalid_argument("[database] connection is not set");
  ConnectionUrl url = parse_connection_url(connection);

  sql::PoolOptions options;
  options.size = pool_size;
  options.busy_timeout =
      std::chrono::milliseconds(catalog.get_int(config, "database", "busy_timeout_ms"));
  options.acquire_timeout =
      std::chrono::milliseconds(catalog.get_int(config, "database", "pool_timeout") * 1000);
  if (url.dialect == "sqlite") {
    if (url.database.empty())
      throw std::invalid_argument(
          "in-memory sqlite cannot be shared between connections; use sqlite:////path/file.db");
    auto parent = std::filesystem::path(url.database).parent_path();
    if (!parent.empty() && !std::filesystem::exists(parent))
      throw std::invalid_argument("the directory of the sqlite database does not exist: " +
                                  parent.string());
    options.backend = "sqlite3";
    options.dialect = sql::Dialect::kSqlite;
    options.connect_string = "db=\"" + url.database + "\"";
    return std::make_unique<sql::SqlDriver>(std::move(options));
  }
  // mysql+pymysql://user:pass@host:port/db?charset=utf8mb4
  auto quoted = [](const std::string& value) {
    std::string out = "'";
    for (char c : value) {
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    return out + "'";
  };
  const long timeout = catalog.get_int(config, "database", "connection_timeout");
  std::string connect =
      "db=" + quoted(url.database) + " host=" + quoted(url.host.empty() ? "localhost" : url.host);
  if (url.port != 0) connect += " port=" + std::to_string(url.port);
  if (!url.username.empty()) connect += " user=" + quoted(url.username);
  if (!url.password.empty()) connect += " password=" + quoted(url.password);
  auto charset = url.query.find("charset");
  connect += " charset=" + (charset != url.query.end() ? charset->second : std::string("utf8mb4"));
  // A dead server must fail a request quickly (503), not hang it.
  connect +=
      " connect_timeout=" + std::to_string(timeout) +
      " read_timeout=" + std::to_string(catalog.get_int(config, "database", "read_timeout")) +
      " write_timeout=" + std::to_string(catalog.get_int(config, "database", "write_timeout"));
  options.backend = "mysql";
  options.dialect = sql::Dialect::kMysql;
  options.connect_string = connect;
  options.max_retries = static_cast<int>(catalog.get_int(config, "database", "max_retries"));
  options.retry_interval =
      std::chrono::milliseconds(catalog.get_int(config, "database", "retry_interval") * 1000);
  options.connection_recycle_time =
      std::chrono::seconds(catalog.get_int(config, "database", "connection_recycle_time"));
  return std::make_unique<sql::SqlDriver>(std::move(options));
}

}  // namespace freezer::db
