#pragma once
// The ACTION of the command line: start (in the foreground with no_daemon, else as a
// daemon), stop, restart, status and reload, through the pid file. Every one exits 0 in the
// ordinary cases, whatever the order they come in (upstream's tempest tests depend on it).
#include <functional>
#include <string>

#include "freezer_scheduler/config/command_line.h"
#include "freezer_scheduler/config/scheduler_options.h"

namespace freezer::scheduler {

// Runs the scheduler in this process until SIGTERM/SIGINT; SIGHUP reloads the configuration.
// `started` is told whether start-up checks passed (before any network call), with the
// reason when they did not. Returns the exit code.
int serve(
    const CommandLine& line, const SchedulerOptions& options,
    const std::function<void(bool ok, const std::string& why)>& started =
        [](bool, const std::string&) {});

int start_daemon(const CommandLine& line, const SchedulerOptions& options);
int stop_daemon(const SchedulerOptions& options);
int daemon_status(const SchedulerOptions& options);
int reload_daemon(const SchedulerOptions& options);

// Dispatches `line.action`.
int run_action(const CommandLine& line, const SchedulerOptions& options);

}  // namespace freezer::scheduler
