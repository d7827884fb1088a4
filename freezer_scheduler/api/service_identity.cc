#include "freezer_scheduler/api/service_identity.h"

#include <spdlog/spdlog.h>

#include "common/secret_fingerprint.h"

namespace freezer::scheduler {

using namespace std::chrono_literals;

std::chrono::seconds token_refresh_margin(std::chrono::seconds lifetime) {
  return std::min<std::chrono::seconds>(300s, lifetime / 2);
}

common::HttpResponse request_with_token(ServiceIdentity& identity, const common::HttpClient& http,
                                        const std::string& method, const std::string& url,
                                        const std::vector<std::string>& headers,
                                        const std::string& body) {
  for (int attempt = 0;; ++attempt) {
    std::string token = identity.token();
    std::vector<std::string> with_token = headers;
    if (!token.empty()) with_token.push_back("X-Auth-Token: " + token);
    auto response = http.request(method, url, with_token, body);
    if (response.status != 401 || attempt > 0 || token.empty()) return response;
    identity.invalidate(token);
  }
}

common::HttpClientOptions http_options_for(const SchedulerOptions& options) {
  common::HttpClientOptions http;
  http.connect_timeout =
      std::chrono::milliseconds(std::min<long long>(10000, options.api_timeout.count() * 1000));
  http.timeout = options.api_timeout;
  http.verify_tls = !options.insecure;
  http.ca_file = options.auth.cacert;
  return http;
}

common::KeystoneCredentials service_credentials(const ServiceAuthOptions& auth) {
  common::KeystoneCredentials c = auth.credentials;
  if (auth.auth_type != "token") c.token.clear();  // os_token serves only auth_type = token
  return c;
}

EndpointChoice endpoint_choice(const ServiceAuthOptions& auth) {
  return EndpointChoice{auth.backup_url, auth.interface, auth.region_name};
}

KeystoneIdentity::KeystoneIdentity(common::KeystoneCredentials credentials,
                                   const std::string& auth_url, EndpointChoice endpoints,
                                   const common::HttpClientOptions& http,
                                   const common::Clock& clock)
    : credentials_(std::move(credentials)),
      endpoints_(std::move(endpoints)),
      http_(http),
      clock_(clock),
      v3_url_(common::keystone_v3_url(auth_url)) {}

const common::IssuedToken& KeystoneIdentity::current() {
  auto now = clock_.now();
  if (token_ && now < token_->expires_at - refresh_margin_) return *token_;
  spdlog::debug("Requesting a Keystone token for {}",
                credentials_.trust_id.empty()
                    ? "the service user"
                    : "trust " + common::secret_fingerprint(credentials_.trust_id));
  token_ = common::issue_keystone_token(http_, v3_url_, credentials_, true);
  ++issued_count_;
  auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(token_->expires_at - now);
  refresh_margin_ = token_refresh_margin(lifetime);
  if (credentials_.trust_id.empty()) {
    spdlog::debug("Keystone issued a token for project {} (expires in {} s)", token_->project_id,
                  lifetime.count());
  } else {
    spdlog::debug("Keystone issued a token for trust {} (project {}, expires in {} s)",
                  common::secret_fingerprint(credentials_.trust_id), token_->project_id,
                  lifetime.count());
  }
  return *token_;
}

std::string KeystoneIdentity::token() {
  std::lock_guard lock(mutex_);
  return current().token;
}

std::string KeystoneIdentity::project_id() {
  std::lock_guard lock(mutex_);
  return current().project_id;
}

std::string KeystoneIdentity::api_url() {
  if (!endpoints_.backup_url.empty()) return endpoints_.backup_url;
  return catalog_url({"backup"}, endpoints_.interface, endpoints_.region);
}

std::string KeystoneIdentity::catalog_url(const std::vector<std::string>& types,
                                          const std::string& interface, const std::string& region) {
  std::lock_guard lock(mutex_);
  const auto& t = current();
  for (const auto& type : types)
    if (auto url = common::find_endpoint(t.catalog, type, interface, region)) return *url;
  std::string names;
  for (const auto& type : types) names += (names.empty() ? "'" : " or '") + type + "'";
  throw common::KeystoneError(
      0, "the service catalog has no " + interface + " endpoint of type " + names +
             (region.empty() ? "" : " in region " + region) +
             (types.front() == "backup" ? " (set [service_auth] os_backup_url)" : ""));
}

void KeystoneIdentity::drop_if_revoked(const std::string& validator) {
  std::string subject;
  {
    std::lock_guard lock(mutex_);
    if (!token_) return;
    subject = token_->token;
  }
  auto response = http_.request("GET", v3_url_ + "/auth/tokens?nocatalog",
                                {"X-Auth-Token: " + validator, "X-Subject-Token: " + subject});
  if (response.status == 404) {
    spdlog::warn("The token of trust {} was revoked: a new one is needed",
                 common::secret_fingerprint(credentials_.trust_id));
    invalidate(subject);
  }
}

void KeystoneIdentity::invalidate(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (token_ && token_->token == token) token_.reset();
}

std::unique_ptr<ServiceIdentity> make_service_identity(const SchedulerOptions& options,
                                                       const common::Clock& clock) {
  const auto& auth = options.auth;
  if (auth.auth_type == "none") {
    if (auth.backup_url.empty() || auth.credentials.project_id.empty())
      throw common::ConfigError(
          "[service_auth] auth_type = none needs os_backup_url and os_project_id");
    return std::make_unique<StaticIdentity>(auth.backup_url, auth.credentials.project_id,
                                            auth.credentials.token);
  }
  if (auth.auth_url.empty())
    throw common::ConfigError("[service_auth] os_auth_url (or OS_AUTH_URL) is required");
  if (auth.auth_type == "password" &&
      (auth.credentials.username.empty() || auth.credentials.password.empty()))
    throw common::ConfigError(
        "[service_auth] os_username and os_password (or OS_USERNAME and "
        "OS_PASSWORD) are required");
  if (auth.auth_type == "token" && auth.credentials.token.empty())
    throw common::ConfigError("[service_auth] os_token is required with auth_type = token");
  return std::make_unique<KeystoneIdentity>(service_credentials(auth), auth.auth_url,
                                            endpoint_choice(auth), http_options_for(options),
                                            clock);
}

}  // namespace freezer::scheduler
