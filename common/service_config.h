#pragma once
// How freezer-api and freezer-manage find and read their configuration, as oslo.config does
// for the Python service: --config-file (repeatable) and --config-dir, else the default search
// (freezer.conf, then freezer-api.conf, in ~/.freezer, ~, /etc/freezer, /etc), then the
// command-line forms of the catalog's options (--debug, --log-file, ...), which win.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common/catalog_command_line.h"
#include "common/config.h"
#include "common/config_files.h"
#include "common/option_catalog.h"

namespace freezer::common {

struct ServiceCommandLine {
  ConfigSources sources;
  OptionOverrides overrides;
};

void add_service_options(CLI::App& app, ServiceCommandLine& line, const OptionCatalog& catalog);

struct ServiceConfig {
  Config config;
  std::vector<std::string> files;       // read, in order
  std::vector<std::string> undeclared;  // set but not used here (warn_about_undeclared)
  std::string directory;  // where relative files (policy.yaml) are found: the first file's
};

// Throws ConfigError.
ServiceConfig load_service_config(const ServiceCommandLine& line, const OptionCatalog& catalog,
                                  const std::vector<std::string>& program_names);

}  // namespace freezer::common
