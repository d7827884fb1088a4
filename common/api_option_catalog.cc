#include "common/api_option_catalog.h"

namespace freezer::common {
namespace {

using K = OptionKind;

std::vector<OptionDecl> declarations() {
  return {
      // Service and logging.
      {"DEFAULT", "bind_host", K::string, "0.0.0.0",
       "Address the API listens on (also --bind-host)."},
      {"DEFAULT", "bind_port", K::integer, "9090", "Port the API listens on (also --bind-port)."},
      {"DEFAULT", "debug", K::boolean, "false", "Log at debug level."},
      {"DEFAULT", "log_file", K::string, "",
       "Log to this file instead of standard error (oslo.log's line format)."},
      {"DEFAULT", "use_stderr", K::boolean, "false", "Also log to standard error."},
      // HTTP and API behaviour.
      {"api", "auth_strategy", K::string, "keystone",
       "keystone: validate X-Auth-Token with Keystone. noauth: trust the X-User-Id, X-Project-Id "
       "and X-Roles headers (development only)."},
      {"api", "allow_noauth_on_public_address", K::boolean, "false",
       "Let auth_strategy = noauth listen on an address other than loopback."},
      {"api", "io_threads", K::integer, "2", "Threads doing socket I/O and HTTP parsing."},
      {"api", "worker_threads", K::integer, "8",
       "Threads running request handlers (database and Keystone calls); also the database "
       "connection pool size."},
      {"api", "default_limit", K::integer, "10",
       "Page size of a list when the request asks for none (or 0)."},
      {"api", "max_limit", K::integer, "1000", "Larger pages are cut to this size."},
      {"api", "backup_status_in_records", K::boolean, "false",
       "Also show a backup's status in its record, as upstream master does (the published API "
       "tests expect the four-key record)."},
      {"oslo_middleware", "max_request_body_size", K::integer, "1048576",
       "Larger request bodies are refused with 413."},
      {"ssl", "cert_file", K::string, "",
       "PEM certificate (chain) to serve HTTPS with; with key_file. Unset: plain HTTP."},
      {"ssl", "key_file", K::string, "", "PEM private key of cert_file."},
      {"ssl", "ca_file", K::string, "",
       "When set, clients must present a certificate signed by a CA in this PEM file."},
      {"oslo_middleware", "enable_proxy_headers_parsing", K::boolean, "false",
       "Take the scheme, host and path prefix of links from a proxy's Forwarded or "
       "X-Forwarded-Proto/-Host/-Prefix headers. Only behind a proxy that sets them: otherwise "
       "clients choose the links."},
      {"api", "max_connections", K::integer, "1000",
       "Open client connections one process serves; more are answered 503 and closed."},
      {"api", "max_header_line", K::integer, "16384",
       "Longest request line or header line, in bytes (414 or 431 beyond it); the request line "
       "and headers together may take 4 times this."},
      {"api", "request_header_timeout", K::integer, "20",
       "Seconds from a request's first byte to the end of its headers; slower clients get 408."},
      {"api", "request_body_timeout", K::integer, "60",
       "Seconds from the end of a request's headers to the end of its body; slower clients get "
       "408."},
      {"api", "client_socket_timeout", K::integer, "900",
       "Seconds a kept-alive connection may wait for its next request before it is closed."},
      // Storage.
      {"storage", "driver", K::string, "sqlalchemy",
       "Kept for compatibility: the SQL driver (SQLite or MySQL) is the only one."},
      {"storage", "backend", K::string, "sqlalchemy", "Kept for compatibility; not used."},
      {"database", "connection", K::string, "",
       "SQLAlchemy-style URL of the database: sqlite:////abs/path.db, sqlite:///relative.db, or "
       "mysql+pymysql://user:password@host:port/database?charset=utf8mb4."},
      {"database", "busy_timeout_ms", K::integer, "5000",
       "How long a SQLite write waits for a lock before the request fails with 503."},
      {"database", "pool_timeout", K::integer, "10", "Seconds to wait for a free connection."},
      {"database", "max_retries", K::integer, "10", "Connection attempts at start-up."},
      {"database", "retry_interval", K::integer, "1",
       "Seconds between connection attempts at start-up."},
      {"database", "connection_recycle_time", K::integer, "3600",
       "Seconds after which a connection is replaced."},
      {"database", "connection_timeout", K::integer, "5", "MySQL connect timeout in seconds."},
      {"database", "read_timeout", K::integer, "30",
       "MySQL read timeout in seconds: a dead server fails requests with 503 instead of hanging "
       "them."},
      {"database", "write_timeout", K::integer, "30", "MySQL write timeout in seconds."},
      // Keystone (keystonemiddleware's names). Also the layout of the section that
      // [centralized_scheduler] auth_section names.
      {"keystone_authtoken",
       "www_authenticate_uri",
       K::string,
       "",
       "Keystone's public endpoint, announced in WWW-Authenticate.",
       {{"keystone_authtoken", "auth_uri"}}},
      {"keystone_authtoken", "auth_url", K::string, "",
       "Keystone endpoint the service user authenticates against (default: "
       "www_authenticate_uri)."},
      {"keystone_authtoken", "auth_type", K::string, "password",
       "Authentication plugin of the service user: password (v3password is accepted)."},
      {"keystone_authtoken", "username", K::string, "", "The service user's name."},
      {"keystone_authtoken", "password", K::string, "", "The service user's password."},
      {"keystone_authtoken", "project_name", K::string, "", "The service user's project."},
      {"keystone_authtoken", "project_id", K::string, "", "The service user's project, by id."},
      {"keystone_authtoken", "user_domain_name", K::string, "Default", "The user's domain."},
      {"keystone_authtoken", "user_domain_id", K::string, "", "The user's domain, by id."},
      {"keystone_authtoken", "project_domain_name", K::string, "Default", "The project's domain."},
      {"keystone_authtoken", "project_domain_id", K::string, "", "The project's domain, by id."},
      {"keystone_authtoken", "region_name", K::string, "",
       "Region of the endpoints taken from the catalog."},
      {"keystone_authtoken", "interface", K::string, "internal",
       "Endpoint interface taken from the catalog."},
      {"keystone_authtoken", "cafile", K::string, "", "CA bundle verifying Keystone's TLS."},
      {"keystone_authtoken", "insecure", K::boolean, "false",
       "Do not verify Keystone's TLS certificate."},
      {"keystone_authtoken", "service_token_roles_required", K::boolean, "false",
       "Require the service role on X-Service-Token."},
      {"keystone_authtoken", "token_cache_time", K::integer, "300",
       "Seconds a token validation is reused (never beyond the token's expiry)."},
      {"keystone_authtoken", "token_cache_size", K::integer, "10000",
       "Token validations kept; the least recently used go first."},
      {"keystone_authtoken", "http_connect_timeout", K::integer, "3",
       "Keystone connect timeout in seconds."},
      {"keystone_authtoken", "http_request_timeout", K::integer, "10",
       "Keystone request timeout in seconds."},
      // Policy.
      {"oslo_policy", "policy_file", K::string, "policy.yaml",
       "YAML or JSON policy overrides, relative to the config file's directory; re-read within a "
       "second when it changes."},
      // Central scheduler support.
      {"centralized_scheduler", "enabled", K::boolean, "true",
       "Create a Keystone trust for each job of a central client."},
      {"centralized_scheduler", "enforce_trusts", K::boolean, "false",
       "Create a trust for every job, whatever its client."},
      {"centralized_scheduler", "auth_section", K::string, "keystone_authtoken",
       "Section holding the trustee's credentials (keystone_authtoken's option names)."},
      {"centralized_scheduler", "trusts_delegated_roles", K::list, "member",
       "Roles delegated by each trust."},
      {"centralized_scheduler", "credentials_key_file", K::string, "",
       "File of AES-256-GCM keys (<version>:<base64> lines) encrypting stored trust ids; "
       "freezer-manage credentials rotate-key adds one. Unset: trust ids are stored as they "
       "are."},
      {"healthcheck", "disable_by_file_path", K::string, "/etc/freezer/healthcheck_disable",
       "While this file exists /healthcheck answers 503."},
  };
}

}  // namespace

const OptionCatalog& api_option_catalog() {
  static const OptionCatalog catalog("freezer-api", declarations());
  return catalog;
}

}  // namespace freezer::common
