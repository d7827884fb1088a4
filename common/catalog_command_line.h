#pragma once
// The command-line forms of a catalog's options (OptionDecl::cli), added to a CLI11 app: a
// given flag or value lands in `overrides` under the option's key ("group.name"), where it
// wins over the config files as oslo.config's command-line options do.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/config.h"
#include "common/option_catalog.h"

namespace freezer::common {

using OptionOverrides = std::map<std::string, std::string>;

inline void add_catalog_options(CLI::App& app, const std::vector<OptionDecl>& options,
                                OptionOverrides& overrides) {
  for (const auto& spec : options) {
    if (spec.cli.empty()) continue;
    std::string names;
    for (const auto& n : spec.cli) names += (names.empty() ? "" : ",") + n;
    std::string key = spec.key();
    if (spec.kind == OptionKind::boolean) {
      app.add_flag_function(
          names,
          [&overrides, key](std::int64_t count) { overrides[key] = count > 0 ? "true" : "false"; },
          spec.help);
    } else {
      app.add_option_function<std::string>(
          names, [&overrides, key](const std::string& v) { overrides[key] = v; }, spec.help);
    }
  }
}

// Each override set into `config` at its option's group and name.
inline void apply_overrides(const OptionOverrides& overrides, Config& config) {
  for (const auto& [key, value] : overrides) {
    auto dot = key.find('.');
    config.set(key.substr(0, dot), key.substr(dot + 1), value);
  }
}

}  // namespace freezer::common
