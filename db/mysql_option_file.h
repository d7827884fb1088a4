#pragma once
// The [client] group of a MySQL option file (my.cnf), which a database URL's
// read_default_file names (PyMySQL's and mysqlclient's argument, used by deployment tools to
// keep the password and TLS files out of the URL). Names are given with underscores
// ("ssl_ca" for ssl-ca); `!include` directives and comments are skipped.
#include <map>
#include <string>

namespace freezer::db {

// Throws std::invalid_argument when the file cannot be read.
std::map<std::string, std::string> read_mysql_client_options(const std::string& path,
                                                             const std::string& group = "client");

}  // namespace freezer::db
