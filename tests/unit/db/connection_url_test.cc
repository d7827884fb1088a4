#include "db/connection_url.h"

#include <gtest/gtest.h>

namespace freezer::db {
namespace {

TEST(ConnectionUrl, SqliteAbsoluteRelativeAndMemory) {
  EXPECT_EQ(parse_connection_url("sqlite:////var/lib/freezer/f.db").database,
            "/var/lib/freezer/f.db");
  EXPECT_EQ(parse_connection_url("sqlite:///var/freezer.db").database, "var/freezer.db");
  auto memory = parse_connection_url("sqlite://");
  EXPECT_EQ(memory.dialect, "sqlite");
  EXPECT_EQ(memory.database, "");
}

TEST(ConnectionUrl, MysqlWithDriverCredentialsPortAndQuery) {
  auto u =
      parse_connection_url("mysql+pymysql://freezer:p%40ss@127.0.0.1:3307/freezer?charset=utf8mb4");
  EXPECT_EQ(u.dialect, "mysql");
  EXPECT_EQ(u.driver, "pymysql");
  EXPECT_EQ(u.username, "freezer");
  EXPECT_EQ(u.password, "p@ss");
  EXPECT_EQ(u.host, "127.0.0.1");
  EXPECT_EQ(u.port, 3307);
  EXPECT_EQ(u.database, "freezer");
  EXPECT_EQ(u.query.at("charset"), "utf8mb4");
  auto plain = parse_connection_url("mysql://root@db.example/freezer");
  EXPECT_EQ(plain.port, 0);
  EXPECT_EQ(plain.host, "db.example");
}

TEST(ConnectionUrl, RejectsWhatItCannotUse) {
  EXPECT_THROW(parse_connection_url("/var/freezer.db"), std::invalid_argument);
  EXPECT_THROW(parse_connection_url("postgresql://u@h/db"), std::invalid_argument);
  EXPECT_THROW(parse_connection_url("mysql://u@h:99999/db"), std::invalid_argument);
  EXPECT_THROW(parse_connection_url("mysql://u@h"), std::invalid_argument);
}

}  // namespace
}  // namespace freezer::db
