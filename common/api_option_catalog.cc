#include "common/api_option_catalog.h"

#include "common/log_options.h"

namespace freezer::common {
namespace {

using K = OptionKind;

std::vector<OptionDecl> declarations() {
  return {
      // Service and logging.
      {"DEFAULT", "bind_host", K::string, "0.0.0.0",
       "Address the API listens on (also --bind-host)."},
      {"DEFAULT", "bind_port", K::integer, "9090", "Port the API listens on (also --bind-port)."},
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
      {"database", "max_retries", K::integer, "10",
       "Connection attempts at start-up; -1: start without the database (requests that need "
       "it are answered 503) and connect as soon as it is back."},
      {"database", "retry_interval", K::integer, "1",
       "Seconds between connection attempts at start-up."},
      {"database",
       "connection_recycle_time",
       K::integer,
       "3600",
       "Seconds after which a connection is replaced.",
       {{"DATABASE", "idle_timeout"}, {"database", "idle_timeout"}, {"sql", "idle_timeout"}}},
      {"database", "max_pool_size", K::integer, "5",
       "Accepted: the pool holds one connection per worker thread ([api] worker_threads)."},
      {"database", "max_overflow", K::integer, "50", "Accepted; see max_pool_size."},
      {"database", "min_pool_size", K::integer, "1", "Accepted; see max_pool_size."},
      {"database", "pool_timeout", K::integer, "10", "Seconds to wait for a free connection."},
      {"database", "job_cache_size", K::integer, "10000",
       "Jobs whose documents (actions, trust) one process keeps between reads, each checked "
       "against the job's change sequence on every read: an index read instead of a four-table "
       "join. 0: none."},
      {"database", "mysql_sql_mode", K::string, "TRADITIONAL", "Accepted, not used."},
      {"database", "mysql_enable_ndb", K::boolean, "false", "Accepted, not used."},
      {"database", "sqlite_synchronous", K::boolean, "true",
       "Accepted: SQLite runs with synchronous = NORMAL in WAL mode."},
      {"database", "slave_connection", K::string, "", "Accepted, not used."},
      {"database", "connection_debug", K::integer, "0", "Accepted, not used."},
      {"database", "connection_trace", K::boolean, "false", "Accepted, not used."},
      {"database", "use_db_reconnect", K::boolean, "false",
       "Accepted: lost connections are always replaced before reuse."},
      {"database", "db_retry_interval", K::integer, "1", "Accepted, not used."},
      {"database", "db_inc_retry_interval", K::boolean, "true", "Accepted, not used."},
      {"database", "db_max_retry_interval", K::integer, "10", "Accepted, not used."},
      {"database", "db_max_retries", K::integer, "20", "Accepted, not used."},
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
      {"keystone_authtoken", "application_credential_id", K::string, "",
       "auth_type = v3applicationcredential: the credential's id."},
      {"keystone_authtoken", "application_credential_name", K::string, "",
       "auth_type = v3applicationcredential: the credential's name (with username)."},
      {"keystone_authtoken", "application_credential_secret", K::string, "",
       "auth_type = v3applicationcredential: the credential's secret."},
      {"keystone_authtoken", "auth_version", K::string, "",
       "Accepted: Keystone's v3 API is always used."},
      {"keystone_authtoken", "service_type", K::string, "backup", "Accepted, not used."},
      {"keystone_authtoken", "service_token_roles", K::list, "service",
       "Roles an X-Service-Token must carry (any of them) when "
       "service_token_roles_required is set (else a warning)."},
      {"keystone_authtoken", "memcached_servers", K::list, "",
       "memcached servers (host:port, [v6]:port, inet6:[v6]:port, unix:/path) holding token "
       "validations shared by every API instance, in keystonemiddleware's format; empty: each "
       "process caches alone."},
      {"keystone_authtoken", "memcache_security_strategy", K::string, "",
       "MAC (entries signed) or ENCRYPT (signed and AES-encrypted); empty: neither."},
      {"keystone_authtoken", "memcache_secret_key", K::string, "",
       "Secret the memcache_security_strategy keys derive from (required with one)."},
      {"keystone_authtoken", "memcache_use_advanced_pool", K::boolean, "true",
       "Accepted, not used."},
      {"keystone_authtoken", "memcache_pool_socket_timeout", K::integer, "3",
       "Seconds a memcached connect, read or write may take."},
      {"keystone_authtoken", "memcache_pool_maxsize", K::integer, "10",
       "memcached connections per API process."},
      {"keystone_authtoken", "memcache_pool_unused_timeout", K::integer, "60",
       "Accepted, not used."},
      {"keystone_authtoken", "memcache_pool_conn_get_timeout", K::integer, "10",
       "Seconds a request waits for a free memcached connection."},
      {"keystone_authtoken", "memcache_pool_dead_retry", K::integer, "300",
       "Seconds a memcached server that failed is left alone."},
      {"keystone_authtoken", "include_service_catalog", K::boolean, "true", "Accepted, not used."},
      {"keystone_authtoken", "delay_auth_decision", K::boolean, "false", "Accepted, not used."},
      {"keystone_authtoken", "enforce_token_bind", K::string, "permissive", "Accepted, not used."},
      {"keystone_authtoken", "certfile", K::string, "", "Accepted, not used."},
      {"keystone_authtoken", "keyfile", K::string, "", "Accepted, not used."},
      {"keystone_authtoken", "auth_section", K::string, "", "Accepted, not used."},
      {"keystone_authtoken", "system_scope", K::string, "", "Accepted, not used."},
      {"keystone_authtoken", "region_name", K::string, "",
       "Region of the endpoints taken from the catalog."},
      {"keystone_authtoken", "interface", K::string, "internal",
       "Endpoint interface taken from the catalog."},
      {"keystone_authtoken", "cafile", K::string, "", "CA bundle verifying Keystone's TLS."},
      {"keystone_authtoken", "insecure", K::boolean, "false",
       "Do not verify Keystone's TLS certificate."},
      {"keystone_authtoken", "service_token_roles_required", K::boolean, "false",
       "Refuse (401) an X-Service-Token without one of service_token_roles."},
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
      {"oslo_policy", "policy_dirs", K::list, "policy.d",
       "Directories (relative ones under the config file's directory) whose files override "
       "policy_file's rules, each directory's files in name order, later ones winning."},
      {"oslo_policy", "enforce_scope", K::boolean, "false",
       "Refuse tokens that are not scoped to a project (every rule's scope is project) with "
       "403."},
      {"oslo_policy", "enforce_new_defaults", K::boolean, "false",
       "Accepted: no rule has a deprecated default, so old and new defaults are the same."},
      {"oslo_policy", "policy_default_rule", K::string, "default",
       "Accepted: every rule the API checks has a default of its own."},
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
      {"healthcheck", "detailed", K::boolean, "false",
       "GET /healthcheck with Accept: application/json shows the backends' status (database "
       "driver, reachability, schema version, round-trip time; the disable file) to a caller "
       "whose X-Auth-Token carries the admin role; everyone else sees the short answer."},
      {"healthcheck", "disable_by_file_path", K::string, "/etc/freezer/healthcheck_disable",
       "While this file exists /healthcheck answers 503."},
  };
}

}  // namespace

const OptionCatalog& api_option_catalog() {
  static const OptionCatalog catalog("freezer-api", [] {
    auto options = declarations();
    for (auto& option : options)
      if (option.group == "centralized_scheduler" && option.name == "auth_section")
        option.names_a_section = true;  // read like [keystone_authtoken]
    for (auto& option : oslo_log_options()) options.push_back(std::move(option));
    return options;
  }());
  return catalog;
}

}  // namespace freezer::common
