#pragma once
// The test Keystone started by tests/services/keystone.sh: its ids, and tokens for its users.
#include <map>
#include <string>

#include "common/http_client.h"

namespace freezer::testing {

class KeystoneEnv {
 public:
  // Reads $FREEZER_TEST_KS_DIR/ids.env (default /tmp/freezer-test-keystone).
  KeystoneEnv();

  const std::string& id(const std::string& key) const;     // e.g. "DEMO_PROJECT_ID"
  const std::string& url() const { return id("KS_URL"); }  // .../v3
  std::string root_url() const;                            // without /v3
  // A project-scoped token for one of the test users (demo, alt, reader, freezer, svc, admin).
  std::string token(const std::string& user, const std::string& project) const;
  // Token scoped to a trust (password of `user`).
  std::string trust_token(const std::string& user, const std::string& trust_id) const;
  // Keystone REST call with a token; returns the response.
  common::HttpResponse call(const std::string& method, const std::string& path,
                            const std::string& token, const std::string& body = "") const;

  // [api]/[keystone_authtoken] configuration for an ApiServer validating against it.
  std::string api_config() const;

 private:
  std::map<std::string, std::string> ids_;
  common::HttpClient http_;
};

std::string password_of(const std::string& user);

}  // namespace freezer::testing
