#include "freezer_scheduler/daemon/daemon_control.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "common/clock.h"
#include "common/config_files.h"
#include "common/logging.h"
#include "freezer_scheduler/daemon/pid_file.h"
#include "freezer_scheduler/scheduler.h"

namespace freezer::scheduler {
namespace {

using namespace std::chrono_literals;

const common::LogSettings& log_settings(const SchedulerOptions& o) { return o.logging.settings; }

sigset_t handled_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : {SIGTERM, SIGINT, SIGHUP, SIGUSR1}) sigaddset(&set, s);
  return set;
}

bool alive(pid_t pid) { return kill(pid, 0) == 0 || errno == EPERM; }

}  // namespace

int serve(const CommandLine& line, const SchedulerOptions& options,
          const std::function<void(bool ok, const std::string& why)>& started) {
  // Signals are taken by this thread with sigwait; every thread started later inherits the
  // blocked mask (agents get it reset when they are spawned).
  sigset_t signals = handled_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  common::SystemClock clock;
  std::unique_ptr<Scheduler> scheduler;
  std::unique_ptr<PidFile> pid_file;
  try {
    if (options.no_daemon && options.pid_file_explicit)
      pid_file = std::make_unique<PidFile>(options.pid_file);
    auto identity = options.no_api ? nullptr : make_service_identity(options, clock);
    scheduler = std::make_unique<Scheduler>(options, std::move(identity), clock);
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    started(false, e.what());
    return 1;
  }
  started(true, "");
  spdlog::info(
      "freezer-scheduler starting (config files: {})",
      options.config_files.empty() ? std::string("none") : [&] {
        std::string all;
        for (const auto& f : options.config_files) all += (all.empty() ? "" : ", ") + f;
        return all;
      }());
  common::warn_about_undeclared(options.undeclared_options, "freezer-scheduler");

  int exit_code = 0;
  std::thread runner([&] {
    try {
      scheduler->run();
    } catch (const FatalError& e) {
      spdlog::critical("{}", e.what());
      exit_code = 1;
    } catch (const std::exception& e) {
      spdlog::critical("freezer-scheduler failed: {}", e.what());
      exit_code = 1;
    }
    kill(getpid(), SIGUSR1);  // wakes the signal loop below
  });
  while (true) {
    int received = 0;
    sigwait(&signals, &received);
    if (received == SIGHUP) {
      spdlog::info("SIGHUP: reloading the configuration");
      try {
        auto next = load_scheduler_options(line);
        common::setup_logging(log_settings(next), "freezer-scheduler");
        scheduler->reload(next);
      } catch (const std::exception& e) {
        spdlog::error("reload failed, the current configuration stays: {}", e.what());
      }
      continue;
    }
    if (received != SIGUSR1) spdlog::info("Received signal {}: stopping", received);
    scheduler->stop();
    break;
  }
  runner.join();
  return exit_code;
}

int start_daemon(const CommandLine& line, const SchedulerOptions& options) {
  if (auto pid = running_pid(options.pid_file)) {
    std::cout << "freezer daemon is already running, pid: " << *pid << "\n";
    return 0;
  }
  // As upstream's daemon library (pep3143daemon) decides: started by init (a container's
  // PID 1, such as kolla's dumb-init), it does not detach, so the container keeps running.
  if (getppid() == 1) {
    std::unique_ptr<PidFile> pid_file;
    try {
      pid_file = std::make_unique<PidFile>(options.pid_file);
      common::setup_logging(log_settings(options), "freezer-scheduler");
    } catch (const std::exception& e) {
      std::cerr << "freezer-scheduler: " << e.what() << "\n";
      return 1;
    }
    return serve(line, options);
  }
  if (options.logging.log_file.empty())
    std::cerr << "freezer-scheduler: no log_file is set: the daemon's logs are discarded\n";
  int ready[2];
  if (pipe2(ready, O_CLOEXEC) != 0) {
    perror("freezer-scheduler: pipe");
    return 1;
  }
  std::cout.flush();
  std::cerr.flush();
  pid_t first = fork();
  if (first < 0) {
    perror("freezer-scheduler: fork");
    return 1;
  }
  if (first > 0) {
    // The parent reports what the daemon says once it has its pid file, then returns.
    close(ready[1]);
    std::string message;
    char buffer[512];
    ssize_t n;
    while ((n = read(ready[0], buffer, sizeof buffer)) > 0)
      message.append(buffer, static_cast<std::size_t>(n));
    close(ready[0]);
    waitpid(first, nullptr, 0);
    if (message.rfind("OK ", 0) == 0) {
      std::cout << "freezer-scheduler started, pid: " << message.substr(3) << "\n";
      return 0;
    }
    std::cerr << "freezer-scheduler: "
              << (message.empty() ? std::string("the daemon did not start")
                                  : message.substr(message.find(' ') + 1))
              << "\n";
    return 1;
  }
  // First child: a new session, then the daemon as its child (never a session leader, so it
  // cannot acquire a controlling terminal).
  close(ready[0]);
  setsid();
  pid_t second = fork();
  if (second != 0) _exit(second < 0 ? 1 : 0);

  auto say = [fd = ready[1]](const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
      ssize_t n = write(fd, text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
  };
  if (chdir("/") != 0) {
    say("ERR cannot change to /");
    _exit(1);
  }
  umask(027);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  int devnull = open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(devnull, 2);
    if (devnull > 2) close(devnull);
  }
  std::unique_ptr<PidFile> pid_file;
  try {
    pid_file = std::make_unique<PidFile>(options.pid_file);
    common::setup_logging(log_settings(options), "freezer-scheduler");
  } catch (const std::exception& e) {
    say(std::string("ERR ") + e.what());
    _exit(1);
  }
  int code = serve(line, options, [&](bool ok, const std::string& why) {
    // The pid file goes before the start command hears of the failure and returns.
    if (!ok) pid_file.reset();
    say(ok ? "OK " + std::to_string(getpid()) : "ERR " + why);
    close(ready[1]);
  });
  pid_file.reset();
  _exit(code);
}

int stop_daemon(const SchedulerOptions& options) {
  auto pid = running_pid(options.pid_file);
  if (!pid) {
    std::cout << "Not Running\n";
    return 0;
  }
  if (kill(*pid, SIGTERM) != 0 && errno != ESRCH) {
    perror("freezer-scheduler: cannot signal the daemon");
    return 1;
  }
  // Running agents get SIGTERM, and SIGKILL after agent_kill_grace; then the reports go out.
  auto limit = options.agent_kill_grace + 30s;
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (alive(*pid) && running_pid(options.pid_file) &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(100ms);
  if (alive(*pid) && running_pid(options.pid_file)) {
    std::cerr << "freezer-scheduler: pid " << *pid << " did not stop within " << limit.count()
              << " s\n";
    return 1;
  }
  std::cout << "freezer-scheduler stopped (pid " << *pid << ")\n";
  return 0;
}

int daemon_status(const SchedulerOptions& options) {
  if (auto pid = running_pid(options.pid_file)) {
    std::cout << "Running with pid: " << *pid << "\n";
  } else {
    std::cout << "Not Running\n";
  }
  return 0;
}

int reload_daemon(const SchedulerOptions& options) {
  auto pid = running_pid(options.pid_file);
  if (!pid) {
    std::cout << "Not Running\n";
    return 0;
  }
  kill(*pid, SIGHUP);
  std::cout << "Reloading freezer-scheduler (pid " << *pid << ")\n";
  return 0;
}

int run_action(const CommandLine& line, const SchedulerOptions& options) {
  const auto& action = line.action;
  if (action == "start") {
    if (!options.no_daemon) return start_daemon(line, options);
    std::cout << "Freezer Scheduler running in no-daemon mode" << std::endl;
    common::setup_logging(log_settings(options), "freezer-scheduler");
    return serve(line, options);
  }
  if (options.no_daemon) return 0;  // as upstream: the other actions concern the daemon only
  if (action == "stop") return stop_daemon(options);
  if (action == "status") return daemon_status(options);
  if (action == "reload") return reload_daemon(options);
  if (action == "restart") {
    int code = stop_daemon(options);
    return code != 0 ? code : start_daemon(line, options);
  }
  return 65;
}

}  // namespace freezer::scheduler
