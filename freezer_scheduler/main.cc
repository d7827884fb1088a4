// freezer-scheduler: runs the Freezer jobs of one client (or, in service mode, of every
// project) on their schedules. `freezer-scheduler [options] start|stop|restart|status|reload`.
#include <iostream>
#include <string_view>

#include "common/config.h"
#include "freezer_scheduler/config/command_line.h"
#include "freezer_scheduler/config/scheduler_options.h"
#include "freezer_scheduler/daemon/daemon_control.h"

int main(int argc, char** argv) {
  using namespace freezer::scheduler;
  if (argc == 2 && std::string_view(argv[1]) == "--version") {
    std::cout << "freezer-scheduler " << FREEZER_VERSION << "\n";
    return 0;
  }
  auto line = parse_command_line(argc, argv);
  if (line.exit_code) return *line.exit_code;
  try {
    auto options = load_scheduler_options(line);
    return run_action(line, options);
  } catch (const freezer::common::ConfigError& e) {
    std::cerr << "freezer-scheduler: " << e.what() << "\n";
    return 1;
  }
}
