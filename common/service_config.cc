#include "common/service_config.h"

#include <filesystem>

namespace freezer::common {

void add_service_options(CLI::App& app, ServiceCommandLine& line, const OptionCatalog& catalog) {
  app.add_option("--config-file", line.sources.files,
                 "Configuration file (repeatable; later files win). Default: the first "
                 "freezer.conf and freezer-api.conf in ~/.freezer, ~, /etc/freezer, /etc.")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--config-dir", line.sources.dirs,
                 "Directory whose *.conf files are read after the config files, in name order.")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  add_catalog_options(app, catalog.options(), line.overrides);
}

ServiceConfig load_service_config(const ServiceCommandLine& line, const OptionCatalog& catalog,
                                  const std::vector<std::string>& program_names) {
  ServiceConfig out;
  out.files = config_files_to_read(line.sources, program_names);
  out.config = load_config_files(out.files);
  apply_overrides(line.overrides, out.config);
  // Sections named by an option's value (auth_section) are read, so their options are used.
  std::vector<std::string> dynamic;
  for (const auto& option : catalog.options())
    if (option.names_a_section)
      if (auto section = OptionCatalog::configured(out.config, option.group, option))
        dynamic.push_back(*section);
  out.undeclared = undeclared_options(out.config, {&catalog}, dynamic);
  out.directory = out.files.empty()
                      ? std::string("/etc/freezer")
                      : std::filesystem::path(out.files.front()).parent_path().string();
  return out;
}

}  // namespace freezer::common
