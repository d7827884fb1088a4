#include "db/driver_factory.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "common/api_option_catalog.h"
#include "db/connection_url.h"
#include "db/mysql_option_file.h"
#include "db/sql/sql_driver.h"

namespace freezer::db {
namespace {

constexpr const char* kSystemCaBundle = "/etc/ssl/certs/ca-certificates.crt";

std::string lower_case(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// TLS to the server (OpenStack-Ansible's galera_use_ssl) from PyMySQL's query arguments:
// ssl_ca, ssl_cert and ssl_key (a client certificate, for servers that ask for one), and
// ssl_verify_cert. MariaDB Connector/C verifies the server's certificate chain whenever it has a
// CA, which is PyMySQL's ssl_verify_cert; with ssl_verify_cert and no ssl_ca, the system's CA
// bundle is that CA, as PyMySQL uses the default verify paths.
template <typename Setting, typename Quote>
std::string tls_arguments(Setting setting, Quote quoted) {
  std::string out;
  std::string ca = setting("", {"ssl_ca", "ssl-ca"});
  const std::string verify = lower_case(setting("", {"ssl_verify_cert"}));
  const bool verify_cert = verify == "true" || verify == "1" || verify == "yes" || verify == "on";
  if (!verify.empty() && !verify_cert && verify != "false" && verify != "0" && verify != "no" &&
      verify != "off")
    throw std::invalid_argument("[database] connection: ssl_verify_cert='" + verify +
                                "' is not true or false");
  if (verify_cert && ca.empty()) {
    ca = kSystemCaBundle;
    if (!std::filesystem::exists(ca))
      throw std::invalid_argument(
          "[database] connection: ssl_verify_cert needs ssl_ca (no system CA bundle at " + ca +
          ")");
  }
  if (!ca.empty()) out += " sslca=" + quoted(ca);
  if (auto cert = setting("", {"ssl_cert", "ssl-cert"}); !cert.empty())
    out += " sslcert=" + quoted(cert);
  if (auto key = setting("", {"ssl_key", "ssl-key"}); !key.empty()) out += " sslkey=" + quoted(key);
  return out;
}

}  // namespace

namespace {

// [database] job_cache_size.
std::size_t job_cache_size(const common::Config& config) {
  const long size = common::api_option_catalog().get_int(config, "database", "job_cache_size");
  if (size < 0) throw std::invalid_argument("[database] job_cache_size cannot be negative");
  return static_cast<std::size_t>(size);
}

}  // namespace

std::unique_ptr<Driver> make_driver(const common::Config& config, std::size_t pool_size) {
  const auto& catalog = common::api_option_catalog();
  // Upstream's stevedore aliases: only the SQL driver exists here.
  // [storage] chose upstream's driver (elasticsearch before sqlalchemy); the database of
  // [database] connection is the only one here, whatever it says.
  const auto driver = catalog.get_string(config, "storage", "driver");
  if (driver != "sqlalchemy" && driver != "sql")
    spdlog::warn(
        "[storage] driver = {} is ignored: the SQL database of [database] connection "
        "is used",
        driver);
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
    return std::make_unique<sql::SqlDriver>(std::move(options), job_cache_size(config));
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
  // The URL's query arguments as PyMySQL and mysqlclient take them; read_default_file's
  // [client] group fills what the URL leaves out, as those drivers do.
  std::map<std::string, std::string> defaults;
  if (auto file = url.query.find("read_default_file"); file != url.query.end())
    defaults = read_mysql_client_options(file->second, url.query.contains("read_default_group")
                                                           ? url.query["read_default_group"]
                                                           : std::string("client"));
  auto setting = [&](const std::string& value, std::initializer_list<const char*> names) {
    if (!value.empty()) return value;
    for (const char* name : names) {
      if (auto q = url.query.find(name); q != url.query.end()) return q->second;
      if (auto d = defaults.find(name); d != defaults.end()) return d->second;
    }
    return std::string();
  };
  const std::string host = setting(url.host, {"host"});
  const std::string port = url.port != 0 ? std::to_string(url.port) : setting("", {"port"});
  const std::string socket = setting("", {"unix_socket", "socket"});
  const std::string user = setting(url.username, {"user"});
  const std::string password = setting(url.password, {"password", "passwd"});
  const std::string charset = setting("", {"charset", "default_character_set"});
  const long timeout = catalog.get_int(config, "database", "connection_timeout");
  std::string connect =
      "db=" + quoted(url.database) + " host=" + quoted(host.empty() ? "localhost" : host);
  if (!port.empty()) connect += " port=" + port;
  if (!socket.empty()) connect += " unix_socket=" + quoted(socket);
  if (!user.empty()) connect += " user=" + quoted(user);
  if (!password.empty()) connect += " password=" + quoted(password);
  connect += " charset=" + (charset.empty() ? std::string("utf8mb4") : charset);
  connect += tls_arguments(setting, quoted);
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
  return std::make_unique<sql::SqlDriver>(std::move(options), job_cache_size(config));
}

}  // namespace freezer::db
