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

TEST(Config, ReadsWhatOsloConfigReadsInRealFiles) {
  // A distribution's sample keeps every option's long help and default on one line.
  const std::string levels(600, 'x');
  auto c = Config::parse("[DEFAULT]\n#default_log_levels = " + levels +
                         ",urllib3.connectionpool=WARN\n" + "default_log_levels = " + levels +
                         "\n[database]\nconnection: "
                         "\"mysql+pymysql://u:p@h/freezer?charset=utf8\"\n"
                         "[logger_root]\nhandlers = a,\n  b\n\nlevel = INFO\r\n");
  EXPECT_EQ(c.get("DEFAULT", "default_log_levels"), levels);
  EXPECT_EQ(c.sections().at("DEFAULT").size(), 1U);  // nothing from the comment's tail
  EXPECT_EQ(c.get("database", "connection"), "mysql+pymysql://u:p@h/freezer?charset=utf8");
  EXPECT_EQ(c.get("logger_root", "handlers"), "a,\nb");  // a continued value
  EXPECT_EQ(c.get("logger_root", "level"), "INFO");
}

TEST(Config, MistakesNameTheirLine) {
  auto message = [](const std::string& text) {
    try {
      Config::parse(text);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("x = 1\n").find("line 1: option outside a section"), std::string::npos);
  EXPECT_NE(message("[a]\nx = 1\n[b\n").find("line 3: invalid section header"), std::string::npos);
  EXPECT_NE(message("[a]\n\n  y\n").find("line 3: unexpected continuation"), std::string::npos);
  EXPECT_NE(message("[a]\njust words\n").find("line 2: expected 'name = value'"),
            std::string::npos);
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
