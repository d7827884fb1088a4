#include "db/mysql_option_file.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "common/text.h"

namespace freezer::db {
namespace {

std::string trimmed_line(const std::string& s) { return std::string(common::trim_whitespace(s)); }

std::string unquoted(std::string value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front())
    return value.substr(1, value.size() - 2);
  return value;
}

}  // namespace

std::map<std::string, std::string> read_mysql_client_options(const std::string& path,
                                                             const std::string& group) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("read_default_file: cannot read " + path);
  std::map<std::string, std::string> out;
  std::string line;
  std::string current;
  while (std::getline(in, line)) {
    line = trimmed_line(line);
    if (line.empty() || line[0] == '#' || line[0] == ';' || line[0] == '!') continue;
    if (line.front() == '[' && line.back() == ']') {
      current = trimmed_line(line.substr(1, line.size() - 2));
      continue;
    }
    if (current != group) continue;
    auto eq = line.find('=');
    std::string key = trimmed_line(line.substr(0, eq));
    std::replace(key.begin(), key.end(), '-', '_');
    out[key] =
        eq == std::string::npos ? std::string() : unquoted(trimmed_line(line.substr(eq + 1)));
  }
  return out;
}

}  // namespace freezer::db
