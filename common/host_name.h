#pragma once
// This machine's name, as clients register it and backup records carry it.
#include <unistd.h>

#include <string>

namespace freezer::common {

inline std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

}  // namespace freezer::common
