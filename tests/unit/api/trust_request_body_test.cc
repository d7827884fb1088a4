// The trust the API asks Keystone for is JSON whatever the ids and role names hold.
#include <gtest/gtest.h>

#include "common/json.h"
#include "freezer_api/auth/keystone_client.h"

namespace freezer::api {
namespace {

TEST(TrustRequestBody, IdsAndRolesAreEscaped) {
  rapidjson::Document d;
  ASSERT_TRUE(common::parse_json(
      trust_request_body("user\"1", "svc\\2", "proj\n3", {"member", "re\"ader"}), d));
  const auto& trust = d["trust"];
  EXPECT_EQ(common::string_member(trust, "trustor_user_id"), "user\"1");
  EXPECT_EQ(common::string_member(trust, "trustee_user_id"), "svc\\2");
  EXPECT_EQ(common::string_member(trust, "project_id"), "proj\n3");
  EXPECT_FALSE(trust["impersonation"].GetBool());
  EXPECT_FALSE(trust["allow_redelegation"].GetBool());
  ASSERT_EQ(trust["roles"].Size(), 2u);
  EXPECT_EQ(common::string_member(trust["roles"][1], "name"), "re\"ader");
}

}  // namespace
}  // namespace freezer::api
