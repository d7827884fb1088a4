#pragma once
// Freezer's capability enumerations (upstream json_schemas.py): what a client may declare in
// supported_actions/modes/storages/engines, and the defaults when it declares nothing.
#include <string>
#include <vector>

namespace freezer::common {

inline const std::vector<std::string>& all_actions() {
  static const std::vector<std::string> v{"backup", "restore", "info", "admin", "exec"};
  return v;
}
inline const std::vector<std::string>& all_modes() {
  static const std::vector<std::string> v{"fs",     "mongo",  "mysql",        "sqlserver",
                                          "cinder", "glance", "cindernative", "nova"};
  return v;
}
inline const std::vector<std::string>& all_storages() {
  static const std::vector<std::string> v{"local", "swift", "ssh", "s3", "ftp", "ftps"};
  return v;
}
inline const std::vector<std::string>& all_engines() {
  static const std::vector<std::string> v{"tar", "rsync", "rsyncv2", "nova", "osbrick", "glance"};
  return v;
}

}  // namespace freezer::common
