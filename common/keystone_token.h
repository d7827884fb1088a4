#pragma once
// Keystone v3 token issue (POST /v3/auth/tokens), shared by the API (its service user) and
// the scheduler (its service user, and trust-scoped tokens in service mode): the request body
// for password or token authentication with a project, trust or no scope, and what the answer
// says (token, expiry, user, project, service catalog).
#include <rapidjson/document.h>

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/http_client.h"

namespace freezer::common {

// Keystone answered, but not with what was asked.
class KeystoneError : public std::runtime_error {
 public:
  KeystoneError(long status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  long status() const { return status_; }

 private:
  long status_;
};

struct KeystoneCredentials {
  // Password method (a user by id, or by name in a domain given by id or name).
  std::string user_id, username, user_domain_id, user_domain_name, password;
  // Token method, used when there is no password.
  std::string token;
  // Application credential method (keystoneauth's v3applicationcredential), used when its
  // secret is set: by id, or by name with its user (user_id, or username in a domain). The
  // credential carries its own project: no scope is sent.
  std::string application_credential_id, application_credential_name, application_credential_secret;
  // Scope: a trust, else a project (by id, or by name in a domain), else none.
  std::string trust_id;
  std::string project_id, project_name, project_domain_id, project_domain_name;
};

// The user and project-scope options keystoneauth's password plugin names username, password,
// user_domain_id, user_domain_name, project_id, project_name, project_domain_id and
// project_domain_name, each read through `option(name)` (a binary's own section and spelling).
KeystoneCredentials read_keystone_credentials(
    const std::function<std::string(const std::string& name)>& option);

std::string keystone_auth_body(const KeystoneCredentials& credentials);

struct CatalogEndpoint {
  std::string type, interface, region, url;
};

struct IssuedToken {
  std::string token;
  std::chrono::system_clock::time_point expires_at;
  std::string user_id;
  std::string project_id;  // of the scope ("" when unscoped)
  std::vector<CatalogEndpoint> catalog;
};

// Issues a token (`with_catalog` false asks Keystone to leave the catalog out). Throws
// KeystoneError (refused: the status says why) or HttpTransportError.
IssuedToken issue_keystone_token(const HttpClient& http, const std::string& v3_url,
                                 const KeystoneCredentials& credentials, bool with_catalog);

// The URL of a catalog endpoint; `region` "" matches any. nullopt when there is none.
std::optional<std::string> find_endpoint(const std::vector<CatalogEndpoint>& catalog,
                                         const std::string& type, const std::string& interface,
                                         const std::string& region);

// "2026-11-25T18:00:00.000000Z" -> time point (UTC).
std::optional<std::chrono::system_clock::time_point> parse_keystone_time(const std::string& text);

// The id of the object at obj[key] ({"user": {"id": ...}} -> ...); "" when there is none.
std::string member_id(const rapidjson::Value& obj, const char* key);

// auth_url with "/v3" appended unless it ends with it (trailing slashes dropped).
std::string keystone_v3_url(std::string auth_url);

}  // namespace freezer::common
