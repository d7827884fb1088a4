// Options are read through their catalog: defaults from the declaration, deprecated spellings,
// sections sharing a declared layout, and a loud failure for anything undeclared.
#include "common/option_catalog.h"

#include <gtest/gtest.h>

#include "common/api_option_catalog.h"

namespace freezer::common {
namespace {

OptionCatalog small_catalog() {
  return OptionCatalog("test",
                       {{"DEFAULT", "port", OptionKind::integer, "9090", "Port."},
                        {"auth", "uri", OptionKind::string, "", "Where.", {{"auth", "old_uri"}}},
                        {"auth", "roles", OptionKind::list, "member,reader", "Roles."},
                        {"api", "strict", OptionKind::boolean, "false", "Strict."}});
}

TEST(OptionCatalog, DeclaredDefaultsApplyWhenTheFileIsSilent) {
  auto c = small_catalog();
  auto config = Config::parse("");
  EXPECT_EQ(c.get_int(config, "DEFAULT", "port"), 9090);
  EXPECT_EQ(c.get_string(config, "auth", "uri"), "");
  EXPECT_EQ(c.get_list(config, "auth", "roles"), (std::vector<std::string>{"member", "reader"}));
  EXPECT_FALSE(c.get_bool(config, "api", "strict"));
}

TEST(OptionCatalog, ConfiguredValuesAndDeprecatedNamesWin) {
  auto c = small_catalog();
  auto config =
      Config::parse("[DEFAULT]\nport = 80\n[auth]\nold_uri = http://k\n[api]\nstrict = yes\n");
  EXPECT_EQ(c.get_int(config, "DEFAULT", "port"), 80);
  EXPECT_EQ(c.get_string(config, "auth", "uri"), "http://k");
  EXPECT_TRUE(c.get_bool(config, "api", "strict"));
}

TEST(OptionCatalog, ASectionCanBeReadWithAnotherGroupsLayout) {
  auto c = small_catalog();
  auto config = Config::parse("[trustee]\nold_uri = http://t\n");
  EXPECT_EQ(c.get_string(config, "trustee", "uri", "auth"), "http://t");
  EXPECT_EQ(c.get_list(config, "trustee", "roles", "auth").size(), 2u);
}

TEST(OptionCatalog, UndeclaredOrMistypedReadsAreProgrammingErrors) {
  auto c = small_catalog();
  auto config = Config::parse("");
  EXPECT_THROW(c.get_string(config, "DEFAULT", "bind_host"), std::logic_error);
  EXPECT_THROW(c.get_string(config, "DEFAULT", "port"), std::logic_error);
}

TEST(OptionCatalog, MalformedValuesNameTheOption) {
  auto c = small_catalog();
  auto config = Config::parse("[DEFAULT]\nport = ninety\n");
  try {
    c.get_int(config, "DEFAULT", "port");
    FAIL() << "accepted a non-integer";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("port"), std::string::npos) << e.what();
  }
}

TEST(OptionCatalog, TheSampleShowsEveryOptionAtItsDefault) {
  auto sample = small_catalog().sample();
  EXPECT_EQ(sample.rfind("[DEFAULT]\n", 0), 0u) << sample;
  EXPECT_NE(sample.find("# Port. (integer value)\n#port = 9090\n"), std::string::npos) << sample;
  EXPECT_NE(sample.find("# Deprecated name: [auth] old_uri\n#uri = <None>\n"), std::string::npos)
      << sample;
  EXPECT_NE(sample.find("[api]"), std::string::npos);
}

TEST(ApiOptionCatalog, EveryIntegerAndBooleanDefaultParses) {
  const auto& catalog = api_option_catalog();
  auto empty = Config::parse("");
  for (const auto& o : catalog.options()) {
    if (o.kind == OptionKind::integer) {
      EXPECT_NO_THROW(catalog.get_int(empty, o.group, o.name)) << o.name;
    } else if (o.kind == OptionKind::boolean) {
      EXPECT_NO_THROW(catalog.get_bool(empty, o.group, o.name)) << o.name;
    }
  }
}

}  // namespace
}  // namespace freezer::common
