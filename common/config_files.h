#pragma once
// Which configuration files a binary reads, as oslo.config decides: the --config-file files in
// order, else the first `<name>` found in ~/.freezer, ~, /etc/freezer and /etc for each of the
// program's names (freezer.conf first, so one file can serve every binary); then the *.conf
// files of each --config-dir (else of the first `<name>.d` found in those directories), in
// name order. Later files win.
#include <string>
#include <vector>

#include "common/config.h"
#include "common/option_catalog.h"

namespace freezer::common {

struct ConfigSources {
  std::vector<std::string> files;  // --config-file, in order
  std::vector<std::string> dirs;   // --config-dir, in order
};

// The files to read, in order (each path absolute).
std::vector<std::string> config_files_to_read(const ConfigSources& given,
                                              const std::vector<std::string>& program_names);

// The *.conf files of `dir`, in name order; ConfigError when it cannot be read.
std::vector<std::string> config_dir_files(const std::string& dir);

// Every file merged in order (an empty Config when there is none).
Config load_config_files(const std::vector<std::string>& files);

// "[section] option" of everything set in `config` that none of `catalogs` declares (nor
// under a deprecated name), and "[section]" of whole sections none declares; sections in
// `dynamic_sections` (named by other options, such as an auth_section) are skipped.
std::vector<std::string> undeclared_options(const Config& config,
                                            const std::vector<const OptionCatalog*>& catalogs,
                                            const std::vector<std::string>& dynamic_sections = {});

// One warning naming every undeclared option (nothing when there are none).
void warn_about_undeclared(const std::vector<std::string>& undeclared, const std::string& program);

}  // namespace freezer::common
