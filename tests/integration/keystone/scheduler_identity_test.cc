// The scheduler's identity against the real Keystone: one token reused until shortly before
// it expires, the API's URL from the catalog, and refusals that say what is wrong.
#include <gtest/gtest.h>

#include "freezer_scheduler/api/service_identity.h"
#include "tests/support/keystone_env.h"

namespace freezer::testing {
namespace {

using namespace std::chrono_literals;

class MovableClock final : public common::Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now() + offset;
  }
  std::chrono::seconds offset{0};
};

scheduler::ServiceAuthOptions demo_auth(const KeystoneEnv& ks) {
  scheduler::ServiceAuthOptions auth;
  auth.auth_type = "password";
  auth.auth_url = ks.root_url();
  auth.credentials.username = "demo";
  auth.credentials.password = password_of("demo");
  auth.credentials.project_name = "demo";
  auth.credentials.user_domain_name = "Default";
  auth.credentials.project_domain_name = "Default";
  auth.interface = "public";
  return auth;
}

std::unique_ptr<scheduler::KeystoneIdentity> identity_for(const scheduler::ServiceAuthOptions& auth,
                                                          const common::Clock& clock) {
  return std::make_unique<scheduler::KeystoneIdentity>(
      scheduler::service_credentials(auth), auth.auth_url, scheduler::endpoint_choice(auth),
      common::HttpClientOptions{}, clock);
}

TEST(SchedulerIdentity, OneTokenIsReusedUntilShortlyBeforeItExpires) {
  KeystoneEnv ks;
  MovableClock clock;
  auto owned = identity_for(demo_auth(ks), clock);
  auto& identity = *owned;
  auto first = identity.token();
  EXPECT_EQ(identity.project_id(), ks.id("DEMO_PROJECT_ID"));
  for (int i = 0; i < 20; ++i) EXPECT_EQ(identity.token(), first);
  EXPECT_EQ(identity.tokens_issued(), 1);
  // The test Keystone issues 4-hour tokens: a new one once less than 5 minutes are left.
  clock.offset = 4h - 6min;
  EXPECT_EQ(identity.token(), first);
  clock.offset = 4h - 4min;
  auto second = identity.token();
  EXPECT_NE(second, first);
  EXPECT_EQ(identity.tokens_issued(), 2);
  // A token the API refused is replaced at once.
  identity.invalidate(second);
  EXPECT_NE(identity.token(), second);
  EXPECT_EQ(identity.tokens_issued(), 3);
}

TEST(SchedulerIdentity, TheApiUrlComesFromTheCatalog) {
  KeystoneEnv ks;
  common::SystemClock clock;
  auto auth = demo_auth(ks);
  EXPECT_EQ(identity_for(auth, clock)->api_url(), "http://127.0.0.1:29090");
  auth.region_name = "RegionOne";
  EXPECT_EQ(identity_for(auth, clock)->api_url(), "http://127.0.0.1:29090");
  auth.region_name = "Elsewhere";
  try {
    identity_for(auth, clock)->api_url();
    ADD_FAILURE() << "a region without a backup endpoint was accepted";
  } catch (const common::KeystoneError& e) {
    EXPECT_NE(std::string(e.what()).find("in region Elsewhere"), std::string::npos) << e.what();
  }
  auth.region_name = "";
  auth.backup_url = "http://api.example:9090";
  EXPECT_EQ(identity_for(auth, clock)->api_url(), "http://api.example:9090");
}

TEST(SchedulerIdentity, WrongCredentialsAre401) {
  KeystoneEnv ks;
  common::SystemClock clock;
  auto auth = demo_auth(ks);
  auth.credentials.password = "wrong";
  try {
    identity_for(auth, clock)->token();
    ADD_FAILURE() << "a wrong password was accepted";
  } catch (const common::KeystoneError& e) {
    EXPECT_EQ(e.status(), 401);
  }
}

}  // namespace
}  // namespace freezer::testing
