#include "common/config.h"

#include <gtest/gtest.h>

namespace freezer::common {
namespace {

TEST(Config, ReadsOsloStyleIni) {
  auto c = Config::parse(
      "[DEFAULT]\nbind_host = 127.0.0.1\nBind_Port=9091\n# comment\n; other comment\n"
      "[api]\nworker_threads = 3\nflag = Yes\nroles = member, reader,,admin \n");
  EXPECT_EQ(c.get_string("DEFAULT", "bind_host", ""), "127.0.0.1");
  EXPECT_EQ(c.get_int("DEFAULT", "bind_port", 0), 9091);
  EXPECT_EQ(c.get_int("api", "worker_threads", 0), 3);
  EXPECT_TRUE(c.get_bool("api", "flag", false));
  EXPECT_EQ(c.get_list("api", "roles", {}),
            (std::vector<std::string>{"member", "reader", "admin"}));
  EXPECT_EQ(c.get_string("api", "missing", "fallback"), "fallback");
  EXPECT_FALSE(c.get("nosection", "x").has_value());
}

TEST(Config, BadValuesNameTheOption) {
  auto c = Config::parse("[api]\nworkers = many\nflag = perhaps\n");
  try {
    c.get_int("api", "workers", 1);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("[api] workers"), std::string::npos);
  }
  EXPECT_THROW(c.get_bool("api", "flag", true), ConfigError);
  EXPECT_THROW(Config::parse("[broken\nx = 1\n"), ConfigError);
  EXPECT_THROW(Config::load_file("/nonexistent/freezer.conf"), ConfigError);
}

}  // namespace
}  // namespace freezer::common
