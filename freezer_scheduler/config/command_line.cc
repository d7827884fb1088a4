#include "freezer_scheduler/config/command_line.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "common/catalog_command_line.h"
#include "freezer_scheduler/config/option_catalog.h"

namespace freezer::scheduler {

CommandLine parse_command_line(int argc, const char* const* argv) {
  CommandLine line;
  CLI::App app{"freezer-scheduler: runs the Freezer jobs of this client on their schedules",
               "freezer-scheduler"};
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--config-file", line.config_files,
                 "Configuration file (repeatable; later files win). Default: the first "
                 "freezer.conf and scheduler.conf in ~/.freezer, ~, /etc/freezer, /etc.")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--config-dir", line.config_dirs,
                 "Directory whose *.conf files are read after the config files, in name order.")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

  common::add_catalog_options(app, scheduler_option_catalog().options(), line.overrides);
  bool print_sample = false;
  app.add_flag("--print-config-sample", print_sample,
               "Print every option at its default as a sample scheduler.conf, then exit.");
  app.add_option("action", line.action, "start, stop, restart, status or reload")
      ->check(CLI::IsMember(kSchedulerActions));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    line.exit_code = app.exit(e);
    return line;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    line.exit_code = 2;  // argparse's usage error
    return line;
  }
  if (print_sample) {
    std::cout << scheduler_option_catalog().sample();
    line.exit_code = 0;
    return line;
  }
  // The daemon runs in / and reloads these files on SIGHUP: keep them absolute.
  for (auto* paths : {&line.config_files, &line.config_dirs})
    for (auto& path : *paths) path = std::filesystem::absolute(path).lexically_normal().string();
  if (line.action.empty()) {
    std::cout << app.help();
    line.exit_code = 65;  // upstream: EX_DATAERR when no action is given
  }
  return line;
}

}  // namespace freezer::scheduler
