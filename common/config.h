#pragma once
// oslo.config-style INI configuration: sections of `key = value` options.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace freezer::common {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Config {
 public:
  static Config load_file(const std::string& path);
  static Config parse(std::string_view ini_text);

  std::optional<std::string> get(std::string_view section, std::string_view key) const;
  std::string get_string(std::string_view section, std::string_view key,
                         std::string_view fallback) const;
  long get_int(std::string_view section, std::string_view key, long fallback) const;
  bool get_bool(std::string_view section, std::string_view key, bool fallback) const;
  // Comma separated list, items stripped, empty items dropped.
  std::vector<std::string> get_list(std::string_view section, std::string_view key,
                                    std::vector<std::string> fallback) const;

  void set(std::string_view section, std::string_view key, std::string value);
  // Every section with its options (lower-cased names), both in name order.
  using Options = std::map<std::string, std::string, std::less<>>;
  using Sections = std::map<std::string, Options, std::less<>>;
  const Sections& sections() const { return sections_; }
  // Takes every option of `later`, replacing the ones already set (a later config file wins).
  void merge(const Config& later);

 private:
  // Section names are case sensitive as in oslo.config; option names are lower-cased.
  Sections sections_;
};

}  // namespace freezer::common
