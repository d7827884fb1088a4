// read_default_file: the [client] group of a my.cnf.
#include "db/mysql_option_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace freezer::db {
namespace {

TEST(MysqlOptionFile, ReadsTheClientGroupWithUnderscoredNames) {
  auto path = std::filesystem::temp_directory_path() / ("my-" + std::to_string(getpid()) + ".cnf");
  std::ofstream(path) << "# comment\n!includedir /etc/mysql/conf.d/\n[mysqld]\nport = 1\n"
                         "[client]\nuser = freezer\npassword = \"p w\"\nssl-ca = /etc/ca.pem\n"
                         "port=3307\n; other\n[mysql]\nuser = other\n";
  auto options = read_mysql_client_options(path.string());
  std::filesystem::remove(path);
  EXPECT_EQ(
      options,
      (std::map<std::string, std::string>{
          {"password", "p w"}, {"port", "3307"}, {"ssl_ca", "/etc/ca.pem"}, {"user", "freezer"}}));
  EXPECT_THROW(read_mysql_client_options("/nonexistent/my.cnf"), std::invalid_argument);
}

}  // namespace
}  // namespace freezer::db
