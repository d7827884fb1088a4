#include "common/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

#include "common/text.h"

namespace freezer::common {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// oslo.config's file syntax (oslo_config/iniparser.py): `[section]` headers, `key = value`
// or `key: value`, whole-line comments (# or ;), values stripped and unquoted when quoted
// whole, and indented lines continuing the previous value. Lines may be of any length (the
// distribution's inih cuts them at 200 bytes, which split real files' long lists).
void parse_into(Config& config, std::string_view text, const std::string& origin) {
  std::string section;
  std::string key;
  bool has_key = false;
  int number = 0;
  auto error = [&](const std::string& what) {
    return ConfigError("syntax error in " + origin + " at line " + std::to_string(number) + ": " +
                       what);
  };
  while (!text.empty()) {
    auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // BOM
    std::string_view stripped = trim_whitespace(line);
    if (stripped.empty() || stripped.front() == '#' || stripped.front() == ';') {
      if (stripped.empty()) has_key = false;  // a blank line ends a continued value
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(line.front()))) {
      if (!has_key) throw error("unexpected continuation line");
      auto value = config.get(section, key).value_or("");
      config.set(section, key, value + "\n" + std::string(stripped));
      continue;
    }
    if (stripped.front() == '[') {
      if (stripped.back() != ']' || stripped.size() < 3) throw error("invalid section header");
      section = std::string(trim_whitespace(stripped.substr(1, stripped.size() - 2)));
      has_key = false;
      continue;
    }
    if (section.empty()) throw error("option outside a section");
    auto separator = stripped.find_first_of("=:");
    if (separator == std::string_view::npos || separator == 0)
      throw error("expected 'name = value'");
    key = std::string(trim_whitespace(stripped.substr(0, separator)));
    std::string_view value = trim_whitespace(stripped.substr(separator + 1));
    if (value.size() >= 2 && value.front() == value.back() &&
        (value.front() == '"' || value.front() == '\''))
      value = value.substr(1, value.size() - 2);
    config.set(section, key, std::string(value));
    has_key = true;
  }
}

}  // namespace

Config Config::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("cannot open config file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  Config config;
  parse_into(config, text.str(), path);
  return config;
}

Config Config::parse(std::string_view ini_text) {
  Config config;
  parse_into(config, ini_text, "configuration");
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
  std::string_view text = trim_whitespace(*v);
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
  std::string text = lower(trim_whitespace(*v));
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
    auto item = trim_whitespace(rest.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace freezer::common
