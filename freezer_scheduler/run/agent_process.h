#pragma once
// Launching the freezer-agent: the seam between a job run and the process it starts.
// AgentLauncher starts a RunningAgent for a command; ProcessLauncher does it for real with
// AgentProcess: spawned in a process group of its own (so that stopping it stops whatever it
// started), with stdin from /dev/null and stdout/stderr captured, waited for with an optional
// time limit, and stopped with SIGTERM then SIGKILL after a grace time. Tests launch scripted
// agents through the same interface.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <memory>
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

// An agent that was started.
class RunningAgent {
 public:
  virtual ~RunningAgent() = default;
  virtual pid_t pid() const = 0;
  // Blocks until the agent has exited. `limit`: stop it after this long (0: none).
  // `kill_grace`: SIGKILL this long after SIGTERM.
  virtual AgentExit wait(std::chrono::seconds limit, std::chrono::seconds kill_grace) = 0;
  // From any thread: SIGTERM to the agent now, SIGKILL after the grace time (done by wait()).
  // Idempotent.
  virtual void stop() = 0;
};

class AgentLauncher {
 public:
  virtual ~AgentLauncher() = default;
  // Throws std::system_error when the agent cannot be started (e.g. no such executable).
  virtual std::unique_ptr<RunningAgent> launch(const AgentCommand& command) = 0;
};

class AgentProcess final : public RunningAgent {
 public:
  // Throws std::system_error (e.g. the executable does not exist).
  explicit AgentProcess(const AgentCommand& command);
  ~AgentProcess() override;
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  pid_t pid() const override { return pid_; }
  AgentExit wait(std::chrono::seconds limit, std::chrono::seconds kill_grace) override;
  void stop() override;

 private:
  void signal_group(int signal);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
  std::atomic<bool> stop_requested_{false};
  std::mutex signal_mutex_;
  bool reaped_ = false;
};

// Starts real agent processes.
class ProcessLauncher final : public AgentLauncher {
 public:
  std::unique_ptr<RunningAgent> launch(const AgentCommand& command) override {
    return std::make_unique<AgentProcess>(command);
  }
};

}  // namespace freezer::scheduler
