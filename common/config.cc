#include "common/config.h"

#include <ini.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace freezer::common {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

int on_option(void* user, const char* section, const char* name, const char* value) {
  auto* config = static_cast<Config*>(user);
  if (name == nullptr) return 1;  // a section header without options
  config->set(section, name, value != nullptr ? value : "");
  return 1;
}

}  // namespace

Config Config::load_file(const std::string& path) {
  Config config;
  int rc = ini_parse(path.c_str(), on_option, &config);
  if (rc == -1) throw ConfigError("cannot open config file " + path);
  if (rc != 0) throw ConfigError("syntax error in " + path + " at line " + std::to_string(rc));
  return config;
}

Config Config::parse(std::string_view ini_text) {
  Config config;
  std::string text(ini_text);
  int rc = ini_parse_string(text.c_str(), on_option, &config);
  if (rc != 0) throw ConfigError("syntax error in configuration at line " + std::to_string(rc));
  return config;
}

void Config::set(std::string_view section, std::string_view key, std::string value) {
  sections_[std::string(section)][lower(key)] = std::move(value);
}

void Config::merge(const Config& later) {
  for (const auto& [section, options] : later.sections_)
    for (const auto& [key, value] : options) sections_[section][key] = value;
}

std::optional<std::string> Config::get(std::string_view section, std::string_view key) const {
  auto s = sections_.find(section);
  if (s == sections_.end()) return std::nullopt;
  auto o = s->second.find(lower(key));
  if (o == s->second.end()) return std::nullopt;
  return o->second;
}

std::string Config::get_string(std::string_view section, std::string_view key,
                               std::string_view fallback) const {
  auto v = get(section, key);
  return v ? *v : std::string(fallback);
}

long Config::get_int(std::string_view section, std::string_view key, long fallback) const {
  auto v = get(section, key);
  if (!v) return fallback;
  std::string_view text = strip(*v);
  long out = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size())
    throw ConfigError("[" + std::string(section) + "] " + std::string(key) +
                      ": expected an integer, got '" + *v + "'");
  return out;
}

bool Config::get_bool(std::string_view section, std::string_view key, bool fallback) const {
  auto v = get(section, key);
  if (!v) return fallback;
  std::string text = lower(strip(*v));
  if (text == "true" || text == "yes" || text == "on" || text == "1") return true;
  if (text == "false" || text == "no" || text == "off" || text == "0") return false;
  throw ConfigError("[" + std::string(section) + "] " + std::string(key) +
                    ": expected a boolean, got '" + *v + "'");
}

std::vector<std::string> Config::get_list(std::string_view section, std::string_view key,
                                          std::vector<std::string> fallback) const {
  auto v = get(section, key);
  if (!v) return fallback;
  std::vector<std::string> out;
  std::string_view rest = *v;
  while (true) {
    auto comma = rest.find(',');
    auto item = strip(rest.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace freezer::common
