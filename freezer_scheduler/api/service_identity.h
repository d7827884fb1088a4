#pragma once
// Who the scheduler is to the API: a token (issued by Keystone and reused until shortly
// before it expires), the project it is scoped to, and the freezer API's base URL (the
// catalog's `backup` endpoint, or [service_auth] os_backup_url).
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/http_client.h"
#include "common/keystone_token.h"
#include "freezer_scheduler/config/scheduler_options.h"

namespace freezer::scheduler {

class ServiceIdentity {
 public:
  virtual ~ServiceIdentity() = default;
  // Throws common::KeystoneError or common::HttpTransportError when no token can be had.
  virtual std::string token() = 0;
  virtual std::string project_id() = 0;
  virtual std::string api_url() = 0;
  // The API refused `token` (401): the next call gets a new one.
  virtual void invalidate(const std::string& token) = 0;
};

// An HTTP request with the identity's token (as X-Auth-Token, when it has one). A 401 means
// the token expired or was revoked early: it is dropped and the request sent once more with a
// new one. `headers` as "Name: value". Throws what identity.token() and http.request() throw.
common::HttpResponse request_with_token(ServiceIdentity& identity, const common::HttpClient& http,
                                        const std::string& method, const std::string& url,
                                        const std::vector<std::string>& headers,
                                        const std::string& body = "");

// Where the freezer API is: a fixed URL, else the catalog's `backup` endpoint at this interface
// (and region, when one is set).
struct EndpointChoice {
  std::string backup_url;
  std::string interface = "public";
  std::string region;
};

// Keystone v3 authentication with the given credentials: the service user's project scope, or
// (service mode) a trust scope acting for a job's owner.
class KeystoneIdentity final : public ServiceIdentity {
 public:
  KeystoneIdentity(common::KeystoneCredentials credentials, const std::string& auth_url,
                   EndpointChoice endpoints, const common::HttpClientOptions& http,
                   const common::Clock& clock);
  std::string token() override;
  std::string project_id() override;
  std::string api_url() override;
  void invalidate(const std::string& token) override;
  // The URL of the first catalog entry of one of `types` at `interface` (and `region`).
  // Throws common::KeystoneError when there is none.
  std::string catalog_url(const std::vector<std::string>& types, const std::string& interface,
                          const std::string& region);
  // Asks Keystone (with `validator`, a token allowed to validate others) whether the token
  // kept here is still valid, and forgets it when it is not: a deleted trust's tokens are
  // revoked, yet services that cache validations would go on accepting them for minutes.
  void drop_if_revoked(const std::string& validator);
  // Tokens issued so far (tests count Keystone traffic).
  long tokens_issued() const { return issued_count_; }

 private:
  const common::IssuedToken& current();  // with mutex_ held

  common::KeystoneCredentials credentials_;
  EndpointChoice endpoints_;
  common::HttpClient http_;
  const common::Clock& clock_;
  std::string v3_url_;
  std::mutex mutex_;
  std::optional<common::IssuedToken> token_;
  std::chrono::seconds refresh_margin_{0};
  std::atomic<long> issued_count_{0};
};

// No Keystone ([service_auth] auth_type = none, for an API in noauth mode): a fixed URL and
// project, and os_token when one is configured.
class StaticIdentity final : public ServiceIdentity {
 public:
  StaticIdentity(std::string api_url, std::string project_id, std::string token)
      : api_url_(std::move(api_url)),
        project_id_(std::move(project_id)),
        token_(std::move(token)) {}
  std::string token() override { return token_; }
  std::string project_id() override { return project_id_; }
  std::string api_url() override { return api_url_; }
  void invalidate(const std::string&) override {}

 private:
  std::string api_url_, project_id_, token_;
};

// Throws common::ConfigError when the options do not say how to authenticate.
std::unique_ptr<ServiceIdentity> make_service_identity(const SchedulerOptions& options,
                                                       const common::Clock& clock);

// The service user's credentials ([service_auth]), scoped to its project.
common::KeystoneCredentials service_credentials(const ServiceAuthOptions& auth);
EndpointChoice endpoint_choice(const ServiceAuthOptions& auth);

common::HttpClientOptions http_options_for(const SchedulerOptions& options);

// A token is reused until this long before it expires (at most half its lifetime).
std::chrono::seconds token_refresh_margin(std::chrono::seconds lifetime);

}  // namespace freezer::scheduler
