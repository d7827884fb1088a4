// The Keystone request bodies are JSON whatever the credentials hold, and say them back.
#include "common/keystone_token.h"

#include <gtest/gtest.h>

#include "common/json.h"

namespace freezer::common {
namespace {

const std::string kAwkward = "pa\"ss\\word\n\xc3\xa9";

rapidjson::Document parsed(const std::string& body) {
  rapidjson::Document d;
  EXPECT_TRUE(parse_json(body, d)) << body;
  return d;
}

TEST(KeystoneAuthBody, PasswordAndProjectScopeAreEscaped) {
  KeystoneCredentials c;
  c.username = "svc\"user";
  c.user_domain_name = "Default";
  c.password = kAwkward;
  c.project_name = "proj\\ect";
  c.project_domain_name = "Default";
  auto d = parsed(keystone_auth_body(c));
  const auto& user = d["auth"]["identity"]["password"]["user"];
  EXPECT_EQ(string_member(user, "name"), "svc\"user");
  EXPECT_EQ(string_member(user, "password"), kAwkward);
  EXPECT_EQ(string_member(d["auth"]["scope"]["project"], "name"), "proj\\ect");
}

TEST(KeystoneAuthBody, ATrustScopeNamesTheTrust) {
  KeystoneCredentials c;
  c.username = "svc";
  c.password = "pw";
  c.trust_id = "trust\"1";
  auto d = parsed(keystone_auth_body(c));
  EXPECT_EQ(string_member(d["auth"]["scope"]["OS-TRUST:trust"], "id"), "trust\"1");
}

TEST(KeystoneCredentials, ReadThroughEachBinarysSpelling) {
  auto c = read_keystone_credentials([](const std::string& name) { return "os_" + name; });
  EXPECT_EQ(c.username, "os_username");
  EXPECT_EQ(c.password, "os_password");
  EXPECT_EQ(c.user_domain_id, "os_user_domain_id");
  EXPECT_EQ(c.user_domain_name, "os_user_domain_name");
  EXPECT_EQ(c.project_id, "os_project_id");
  EXPECT_EQ(c.project_name, "os_project_name");
  EXPECT_EQ(c.project_domain_id, "os_project_domain_id");
  EXPECT_EQ(c.project_domain_name, "os_project_domain_name");
  EXPECT_TRUE(c.token.empty());
  EXPECT_TRUE(c.trust_id.empty());
}

}  // namespace
}  // namespace freezer::common
