#include "db/driver_factory.h"

#include <filesystem>
#include <stdexcept>

#include "db/connection_url.h"
#include "db/sql/sql_driver.h"

namespace freezer::db {

std::unique_ptr<Driver> make_driver(const common::Config& config, std::size_t pool_size) {
  // Upstream's stevedore aliases: only the SQL driver exists here.
  const auto driver = config.get_string("storage", "driver", "sqlalchemy");
  if (driver != "sqlalchemy" && driver != "sql")
    throw std::invalid_argument("[storage] driver '" + driver +
                                "' is not supported (supported: sqlalchemy)");
  const auto connection = config.get_string("database", "connection", "");
  if (connection.empty())
    throw std::invalid_argument("[database] connection is not set");
  ConnectionUrl url = parse_connection_url(connection);

  sql::PoolOptions options;
  options.size = pool_size;
  options.busy_timeout =
      std::chrono::milliseconds(config.get_int("database", "busy_timeout_ms", 5000));
  options.acquire_timeout =
      std::chrono::milliseconds(config.get_int("database", "pool_timeout", 10) * 1000);
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
  throw std::invalid_argument("the " + url.dialect +
                              " storage driver is not available in this build yet");
}

}  // namespace freezer::db
