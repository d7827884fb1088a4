#include "common/config_files.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace freezer::common {
namespace fs = std::filesystem;
namespace {

// oslo.config's search path for project "freezer".
std::vector<fs::path> search_dirs() {
  std::vector<fs::path> dirs;
  if (const char* home = std::getenv("HOME"); home != nullptr && *home) {
    dirs.emplace_back(fs::path(home) / ".freezer");
    dirs.emplace_back(home);
  }
  dirs.emplace_back("/etc/freezer");
  dirs.emplace_back("/etc");
  return dirs;
}

std::string absolute(const std::string& path) {
  return fs::absolute(path).lexically_normal().string();
}

}  // namespace

std::vector<std::string> config_dir_files(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".conf")
      files.push_back(entry.path().string());
  if (ec) throw ConfigError("cannot read config directory " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> config_files_to_read(const ConfigSources& given,
                                              const std::vector<std::string>& program_names) {
  std::vector<std::string> files;
  for (const auto& file : given.files) files.push_back(absolute(file));
  std::vector<std::string> dirs;
  for (const auto& dir : given.dirs) dirs.push_back(absolute(dir));
  const bool search_files = given.files.empty();
  const bool search_dir = given.dirs.empty();
  if (search_files || search_dir) {
    const auto places = search_dirs();
    std::error_code ec;
    for (const auto& name : program_names) {
      for (const auto& place : places)
        if (search_files && fs::is_regular_file(place / name, ec)) {
          files.push_back(absolute(place / name));
          break;
        }
      for (const auto& place : places)
        if (search_dir && fs::is_directory(place / (name + ".d"), ec)) {
          dirs.push_back(absolute(place / (name + ".d")));
          break;
        }
    }
  }
  for (const auto& dir : dirs) {
    auto more = config_dir_files(dir);
    files.insert(files.end(), more.begin(), more.end());
  }
  return files;
}

Config load_config_files(const std::vector<std::string>& files) {
  Config merged;
  for (const auto& file : files) merged.merge(Config::load_file(file));
  return merged;
}

std::vector<std::string> undeclared_options(const Config& config,
                                            const std::vector<const OptionCatalog*>& catalogs,
                                            const std::vector<std::string>& dynamic_sections) {
  std::set<std::pair<std::string, std::string>, std::less<>> declared;
  std::set<std::string, std::less<>> declared_sections;
  for (const auto* catalog : catalogs)
    for (const auto& decl : catalog->options()) {
      declared.emplace(decl.group, decl.name);
      declared_sections.insert(decl.group);
      for (const auto& [group, name] : decl.deprecated_names) {
        declared.emplace(group, name);
        declared_sections.insert(group);
      }
    }
  std::vector<std::string> out;
  for (const auto& [section, options] : config.sections()) {
    if (std::find(dynamic_sections.begin(), dynamic_sections.end(), section) !=
        dynamic_sections.end())
      continue;
    if (!declared_sections.contains(section) && section != "DEFAULT") {
      out.push_back("[" + section + "]");
      continue;
    }
    for (const auto& option : options)
      if (!declared.contains({section, option.first}))
        out.push_back("[" + section + "] " + option.first);
  }
  return out;
}

void warn_about_undeclared(const std::vector<std::string>& undeclared, const std::string& program) {
  if (undeclared.empty()) return;
  std::string list;
  for (const auto& item : undeclared) list += (list.empty() ? "" : ", ") + item;
  spdlog::warn("{} does not use these configured options, which are ignored: {}", program, list);
}

}  // namespace freezer::common
