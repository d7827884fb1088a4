// Upstream's secure-RBAC defaults: exact check strings (api.md 7.3) and the effective
// matrix they give each kind of caller on the project P in the URL.
#include "policy/default_rules.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "policy/enforcer.h"
#include "tests/unit/policy/policy_test_support.h"

namespace freezer::policy {
namespace {

using namespace test_support;

TEST(PolicyDefaults, CheckStringsAreUpstreams) {
  const std::map<std::string, std::string> upstream{
      {"context_is_admin", "role:admin"},
      {"admin_or_owner", "rule:context_is_admin or rule:project_member"},
      {"admin_or_owner_or_service", "rule:admin_or_service or rule:project_member"},
      {"admin_or_service", "role:admin or role:service"},
      {"project_member", "role:member and project_id:%(project_id)s"},
      {"project_reader", "role:reader and project_id:%(project_id)s"},
      {"admin_or_reader_or_service", "rule:admin_or_owner_or_service or rule:project_reader"},
      {"actions:create", "rule:admin_or_owner"},
      {"actions:delete", "rule:admin_or_owner"},
      {"actions:get", "rule:admin_or_reader_or_service"},
      {"actions:get_all", "rule:admin_or_reader_or_service"},
      {"actions:update", "rule:admin_or_owner"},
      {"actions:replace", "rule:admin_or_owner"},
      {"backups:create", "rule:admin_or_owner_or_service"},
      {"backups:delete", "rule:admin_or_owner_or_service"},
      {"backups:get", "rule:admin_or_reader_or_service"},
      {"backups:get_all", "rule:admin_or_reader_or_service"},
      {"backups:update", "rule:admin_or_owner_or_service"},
      {"clients:create", "rule:admin_or_owner"},
      {"clients:create_central", "rule:admin_or_service"},
      {"clients:delete", "rule:admin_or_owner"},
      {"clients:get", "rule:admin_or_reader_or_service"},
      {"clients:get_all", "rule:admin_or_reader_or_service"},
      {"jobs:create", "rule:admin_or_owner"},
      {"jobs:delete", "rule:admin_or_owner"},
      {"jobs:get", "rule:admin_or_reader_or_service"},
      {"jobs:get_all", "rule:admin_or_reader_or_service"},
      {"jobs:get_all_projects", "rule:admin_or_service"},
      {"jobs:get_credentials", "rule:admin_or_service or user_id:%(trustor_user_id)s"},
      {"jobs:update", "rule:admin_or_owner"},
      {"jobs:event:create", "rule:admin_or_owner"},
      {"sessions:create", "rule:admin_or_owner"},
      {"sessions:delete", "rule:admin_or_owner"},
      {"sessions:get", "rule:admin_or_reader_or_service"},
      {"sessions:get_all", "rule:admin_or_reader_or_service"},
      {"sessions:update", "rule:admin_or_owner"},
      {"sessions:replace", "rule:admin_or_owner"},
      {"sessions:action:create", "rule:admin_or_owner"},
      {"sessions:job:add", "rule:admin_or_owner"},
      {"sessions:job:remove", "rule:admin_or_owner"},
  };
  std::map<std::string, std::string> declared;
  for (const RuleDefault& rule : default_rules()) {
    EXPECT_TRUE(declared.emplace(rule.name, rule.check).second) << "duplicate " << rule.name;
  }
  EXPECT_EQ(declared, upstream);
}

TEST(PolicyDefaults, ApiRulesAreDocumentedWithTheirRoutes) {
  for (const RuleDefault& rule : default_rules()) {
    EXPECT_FALSE(rule.description.empty()) << rule.name;
    const bool is_api_rule = rule.name.find(':') != std::string::npos;
    EXPECT_EQ(!rule.operations.empty(), is_api_rule) << rule.name;
    for (const auto& [method, path] : rule.operations) {
      EXPECT_TRUE(path.starts_with("/v2/{project_id}/")) << rule.name << " " << path;
      EXPECT_TRUE(std::set<std::string>({"GET", "POST", "PATCH", "PUT", "DELETE"}).contains(method))
          << rule.name << " " << method;
    }
  }
}

// What each rule protects, which decides who gets through (api.md 7.3, "Effective matrix").
enum class Protects {
  kRead,           // GET in the project
  kProjectWrite,   // job, action, session and client writes
  kBackupWrite,    // the scheduler records backups for every project
  kAllProjects,    // jobs:get_all_projects
  kCentralClient,  // clients:create_central, on top of clients:create
};

struct MatrixRow {
  const char* rule;
  Protects protects;
};

void PrintTo(const MatrixRow& row, std::ostream* out) { *out << row.rule; }

const MatrixRow kMatrix[] = {
    {"actions:create", Protects::kProjectWrite},
    {"actions:delete", Protects::kProjectWrite},
    {"actions:get", Protects::kRead},
    {"actions:get_all", Protects::kRead},
    {"actions:update", Protects::kProjectWrite},
    {"actions:replace", Protects::kProjectWrite},
    {"backups:create", Protects::kBackupWrite},
    {"backups:delete", Protects::kBackupWrite},
    {"backups:get", Protects::kRead},
    {"backups:get_all", Protects::kRead},
    {"backups:update", Protects::kBackupWrite},
    {"clients:create", Protects::kProjectWrite},
    {"clients:create_central", Protects::kCentralClient},
    {"clients:delete", Protects::kProjectWrite},
    {"clients:get", Protects::kRead},
    {"clients:get_all", Protects::kRead},
    {"jobs:create", Protects::kProjectWrite},
    {"jobs:delete", Protects::kProjectWrite},
    {"jobs:get", Protects::kRead},
    {"jobs:get_all", Protects::kRead},
    {"jobs:get_all_projects", Protects::kAllProjects},
    {"jobs:update", Protects::kProjectWrite},
    {"jobs:event:create", Protects::kProjectWrite},
    {"sessions:create", Protects::kProjectWrite},
    {"sessions:delete", Protects::kProjectWrite},
    {"sessions:get", Protects::kRead},
    {"sessions:get_all", Protects::kRead},
    {"sessions:update", Protects::kProjectWrite},
    {"sessions:replace", Protects::kProjectWrite},
    {"sessions:action:create", Protects::kProjectWrite},
    {"sessions:job:add", Protects::kProjectWrite},
    {"sessions:job:remove", Protects::kProjectWrite},
};

struct Expected {
  bool member_of_p;
  bool reader_of_p;
  bool member_of_q;
  bool admin_of_q;
  bool service_of_q;
};

// reader: all GETs in P; member: everything in P except central clients; admin: everything
// anywhere; service: GETs, backup writes, all-projects listing and central clients anywhere.
Expected expected_for(Protects protects) {
  switch (protects) {
    case Protects::kRead:
      return {true, true, false, true, true};
    case Protects::kProjectWrite:
      return {true, false, false, true, false};
    case Protects::kBackupWrite:
      return {true, false, false, true, true};
    case Protects::kAllProjects:
    case Protects::kCentralClient:
      return {false, false, false, true, true};
  }
  return {};
}

class PolicyDefaultMatrix : public ::testing::TestWithParam<MatrixRow> {
 protected:
  static const Enforcer& enforcer() {
    static const Enforcer defaults_only{EnforcerOptions{}};
    return defaults_only;
  }
  bool allowed(const Credentials& caller) const {
    return enforcer().allowed(GetParam().rule, url_project_p(), caller);
  }
};

TEST_P(PolicyDefaultMatrix, GrantsExactlyTheDocumentedCallers) {
  const Expected expected = expected_for(GetParam().protects);
  EXPECT_EQ(allowed(member_of_p()), expected.member_of_p) << "member of P";
  EXPECT_EQ(allowed(reader_of_p()), expected.reader_of_p) << "reader of P";
  EXPECT_EQ(allowed(member_of_q()), expected.member_of_q) << "member of Q";
  EXPECT_EQ(allowed(admin_of_q()), expected.admin_of_q) << "admin of Q";
  EXPECT_EQ(allowed(service_of_q()), expected.service_of_q) << "service of Q";
}

INSTANTIATE_TEST_SUITE_P(ApiRules, PolicyDefaultMatrix, ::testing::ValuesIn(kMatrix),
                         [](const ::testing::TestParamInfo<MatrixRow>& info) {
                           std::string name = info.param.rule;
                           for (char& c : name) {
                             if (c == ':') c = '_';
                           }
                           return name;
                         });

TEST(PolicyDefaults, MatrixCoversEveryApiRule) {
  std::set<std::string> in_matrix;
  for (const MatrixRow& row : kMatrix) in_matrix.insert(row.rule);
  for (const RuleDefault& rule : default_rules()) {
    if (rule.operations.empty() || rule.name == "jobs:get_credentials") continue;
    EXPECT_TRUE(in_matrix.contains(rule.name)) << rule.name << " is not in the matrix";
  }
}

TEST(PolicyDefaults, AllProjectsListingIgnoresTheEmptyTarget) {
  // The jobs handlers evaluate jobs:get_all_projects with an empty target.
  const Enforcer enforcer(EnforcerOptions{});
  EXPECT_TRUE(enforcer.allowed("jobs:get_all_projects", {}, admin_of_q()));
  EXPECT_TRUE(enforcer.allowed("jobs:get_all_projects", {}, service_of_q()));
  EXPECT_FALSE(enforcer.allowed("jobs:get_all_projects", {}, member_of_p()));
}

TEST(PolicyDefaults, MemberAndServiceTogetherMayRegisterCentralClients) {
  // A scheduler's token needs both checks of POST /clients with is_central.
  const Enforcer enforcer(EnforcerOptions{});
  const Credentials scheduler = caller({"member", "reader", "service"}, kProjectP);
  EXPECT_TRUE(enforcer.allowed("clients:create", url_project_p(), scheduler));
  EXPECT_TRUE(enforcer.allowed("clients:create_central", url_project_p(), scheduler));
  EXPECT_FALSE(enforcer.allowed("clients:create", url_project_p(), service_of_q()));
}

class PolicyJobCredentials : public ::testing::Test {
 protected:
  static Target job_of(const std::string& trustor) {
    return {{"project_id", kProjectP}, {"trustor_user_id", trustor}};
  }
  const Enforcer enforcer_{EnforcerOptions{}};
};

TEST_F(PolicyJobCredentials, AdminAndServiceSeeAnyTrust) {
  EXPECT_TRUE(enforcer_.allowed("jobs:get_credentials", job_of("trustor"), admin_of_q()));
  EXPECT_TRUE(enforcer_.allowed("jobs:get_credentials", job_of("trustor"), service_of_q()));
}

TEST_F(PolicyJobCredentials, TrustorSeesTheirOwnTrust) {
  const Credentials trustor = caller({"member", "reader"}, kProjectP, "trustor");
  EXPECT_TRUE(enforcer_.allowed("jobs:get_credentials", job_of("trustor"), trustor));
}

TEST_F(PolicyJobCredentials, OtherMembersOfTheProjectDoNot) {
  const Credentials colleague = caller({"member", "reader"}, kProjectP, "colleague");
  EXPECT_FALSE(enforcer_.allowed("jobs:get_credentials", job_of("trustor"), colleague));
  EXPECT_FALSE(enforcer_.allowed("jobs:get_credentials", job_of("trustor"), reader_of_p()));
}

TEST_F(PolicyJobCredentials, JobWithoutTrustShowsNothingToMembers) {
  const Credentials member = caller({"member", "reader"}, kProjectP, "trustor");
  EXPECT_FALSE(enforcer_.allowed("jobs:get_credentials", url_project_p(), member));
}

}  // namespace
}  // namespace freezer::policy
