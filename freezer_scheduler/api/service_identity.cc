#include "freezer_scheduler/api/service_identity.h"

#include <spdlog/spdlog.h>

namespace freezer::scheduler {

using namespace std::chrono_literals;

std::chrono::seconds token_refresh_margin(std::chrono::seconds lifetime) {
  return std::min<std::chrono::seconds>(300s, lifetime / 2);
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

KeystoneIdentity::KeystoneIdentity(const ServiceAuthOptions& auth,
                                   const common::HttpClientOptions& http,
                                   const common::Clock& clock)
    : auth_(auth), http_(http), clock_(clock), v3_url_(common::keystone_v3_url(auth.auth_url)) {}

const common::IssuedToken& KeystoneIdentity::current() {
  auto now = clock_.now();
  if (token_ && now < token_->expires_at - refresh_margin_) return *token_;
  common::KeystoneCredentials c;
  c.username = auth_.username;
  c.user_domain_id = auth_.user_domain_id;
  c.user_domain_name = auth_.user_domain_name;
  c.password = auth_.password;
  if (auth_.auth_type == "token") c.token = auth_.token;
  c.project_id = auth_.project_id;
  c.project_name = auth_.project_name;
  c.project_domain_id = auth_.project_domain_id;
  c.project_domain_name = auth_.project_domain_name;
  token_ = common::issue_keystone_token(http_, v3_url_, c, true);
  ++issued_count_;
  refresh_margin_ = token_refresh_margin(
      std::chrono::duration_cast<std::chrono::seconds>(token_->expires_at - now));
  spdlog::debug("Keystone issued a token for project {} (expires in {} s)", token_->project_id,
                std::chrono::duration_cast<std::chrono::seconds>(token_->expires_at - now).count());
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
  if (!auth_.backup_url.empty()) return auth_.backup_url;
  std::lock_guard lock(mutex_);
  const auto& t = current();
  auto url = common::find_endpoint(t.catalog, "backup", auth_.interface, auth_.region_name);
  if (!url)
    throw common::KeystoneError(
        0, "the service catalog has no " + auth_.interface + " endpoint of type 'backup'" +
               (auth_.region_name.empty() ? "" : " in region " + auth_.region_name) +
               " (set [service_auth] os_backup_url)");
  return *url;
}

void KeystoneIdentity::invalidate(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (token_ && token_->token == token) token_.reset();
}

std::unique_ptr<ServiceIdentity> make_service_identity(const SchedulerOptions& options,
                                                       const common::Clock& clock) {
  const auto& auth = options.auth;
  if (auth.auth_type == "none") {
    if (auth.backup_url.empty() || auth.project_id.empty())
      throw common::ConfigError(
          "[service_auth] auth_type = none needs os_backup_url and os_project_id");
    return std::make_unique<StaticIdentity>(auth.backup_url, auth.project_id, auth.token);
  }
  if (auth.auth_url.empty())
    throw common::ConfigError("[service_auth] os_auth_url (or OS_AUTH_URL) is required");
  if (auth.auth_type == "password" && (auth.username.empty() || auth.password.empty()))
    throw common::ConfigError(
        "[service_auth] os_username and os_password (or OS_USERNAME and "
        "OS_PASSWORD) are required");
  if (auth.auth_type == "token" && auth.token.empty())
    throw common::ConfigError("[service_auth] os_token is required with auth_type = token");
  return std::make_unique<KeystoneIdentity>(auth, http_options_for(options), clock);
}

}  // namespace freezer::scheduler
