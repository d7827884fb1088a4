#pragma once
// SQLAlchemy-style database URLs, as in oslo.db's [database] connection:
//   sqlite:////abs/path.db   sqlite:///relative.db   sqlite://  (in memory)
//   mysql+pymysql://user:pass@host:port/db?charset=utf8mb4   mysql://...
#include <map>
#include <string>
#include <string_view>

namespace freezer::db {

struct ConnectionUrl {
  std::string dialect;  // "sqlite" or "mysql"
  std::string driver;   // e.g. "pymysql"; informational
  std::string username;
  std::string password;
  std::string host;
  int port = 0;
  std::string database;  // sqlite: the file path ("" = in memory)
  std::map<std::string, std::string> query;
};

// Throws std::invalid_argument with a message naming the problem.
ConnectionUrl parse_connection_url(std::string_view url);

}  // namespace freezer::db
