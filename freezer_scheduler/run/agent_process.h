#pragma once
// One freezer-agent process: spawned in a process group of its own (so that stopping it
// stops whatever it started), with stdin from /dev/null and stdout/stderr captured, waited
// for with an optional time limit, and stopped with SIGTERM then SIGKILL after a grace time.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace freezer::scheduler {

struct AgentCommand {
  std::string executable;  // looked up on PATH unless it contains a '/'
  std::vector<std::string> arguments;
  std::vector<std::string> environment;  // "NAME=value"
  std::string working_directory;         // "" : the scheduler's
};

struct AgentExit {
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal ended it
  bool timed_out = false;
  bool stopped = false;                  // stop() was called
  std::string stdout_tail, stderr_tail;  // the last 64 KiB of each
};

class AgentProcess {
 public:
  // Throws std::system_error (e.g. the executable does not exist).
  explicit AgentProcess(const AgentCommand& command);
  ~AgentProcess();
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  pid_t pid() const { return pid_; }

  // Blocks until the process has exited. `limit`: stop it after this long (0: none).
  // `kill_grace`: SIGKILL this long after SIGTERM.
  AgentExit wait(std::chrono::seconds limit, std::chrono::seconds kill_grace);

  // From any thread: SIGTERM to the process group now, SIGKILL after the grace time (done by
  // wait()). Idempotent.
  void stop();

 private:
  void signal_group(int signal);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
  std::atomic<bool> stop_requested_{false};
  std::mutex signal_mutex_;
  bool reaped_ = false;
};

}  // namespace freezer::scheduler
