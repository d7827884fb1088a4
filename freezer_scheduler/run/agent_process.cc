#include "freezer_scheduler/run/agent_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace freezer::scheduler {
namespace {

constexpr std::size_t kTailBytes = 64 * 1024;

void append_tail(std::string& tail, const char* data, std::size_t n) {
  tail.append(data, n);
  if (tail.size() > kTailBytes) tail.erase(0, tail.size() - kTailBytes);
}

std::vector<char*> c_strings(const std::vector<std::string>& items) {
  std::vector<char*> out;
  for (const auto& item : items) out.push_back(const_cast<char*>(item.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

AgentProcess::AgentProcess(const AgentCommand& command) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(out[0]);
    close(out[1]);
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // sockets and files of the scheduler
  if (!command.working_directory.empty())
    posix_spawn_file_actions_addchdir_np(&actions, command.working_directory.c_str());

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own process group, default signal dispositions and an empty mask: the scheduler
  // blocks its signals in every thread, and a child must not inherit that.
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> argv{command.executable};
  argv.insert(argv.end(), command.arguments.begin(), command.arguments.end());
  auto c_argv = c_strings(argv);
  auto c_env = c_strings(command.environment);
  int rc = command.executable.find('/') == std::string::npos
               ? posix_spawnp(&pid_, command.executable.c_str(), &actions, &attributes,
                              c_argv.data(), c_env.data())
               : posix_spawn(&pid_, command.executable.c_str(), &actions, &attributes,
                             c_argv.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(out[1]);
  close(err[1]);
  if (rc != 0) {
    close(out[0]);
    close(err[0]);
    throw std::system_error(rc, std::generic_category(), "cannot run " + command.executable);
  }
  stdout_fd_ = out[0];
  stderr_fd_ = err[0];
}

AgentProcess::~AgentProcess() {
  if (!reaped_ && pid_ > 0) {
    signal_group(SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
  if (stderr_fd_ >= 0) close(stderr_fd_);
}

void AgentProcess::signal_group(int signal) {
  std::lock_guard lock(signal_mutex_);
  if (!reaped_) kill(-pid_, signal);  // the group: the agent and what it started
}

void AgentProcess::stop() {
  if (stop_requested_.exchange(true)) return;
  signal_group(SIGTERM);
}

AgentExit AgentProcess::wait(std::chrono::seconds limit, std::chrono::seconds kill_grace) {
  using Clock = std::chrono::steady_clock;
  AgentExit exit;
  auto started = Clock::now();
  std::optional<Clock::time_point> term_sent;
  bool exited = false;
  int status = 0;
  std::optional<Clock::time_point> exited_at;
  while (true) {
    pollfd fds[2] = {{stdout_fd_, POLLIN, 0}, {stderr_fd_, POLLIN, 0}};
    int open_fds = (stdout_fd_ >= 0) + (stderr_fd_ >= 0);
    if (open_fds == 0 && exited) break;
    poll(fds, 2, 100);
    char buffer[8192];
    for (int i = 0; i < 2; ++i) {
      int& fd = i == 0 ? stdout_fd_ : stderr_fd_;
      if (fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fd, buffer, sizeof buffer);
      if (n > 0) {
        append_tail(i == 0 ? exit.stdout_tail : exit.stderr_tail, buffer,
                    static_cast<std::size_t>(n));
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        close(fd);
        fd = -1;
      }
    }
    if (!exited) {
      pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        std::lock_guard lock(signal_mutex_);
        exited = true;
        reaped_ = true;
        exited_at = Clock::now();
      }
    }
    auto now = Clock::now();
    // Output pipes held open by a leftover grandchild must not keep us waiting forever.
    if (exited && exited_at && now - *exited_at > std::chrono::seconds(2)) break;
    if (exited) continue;
    if (limit.count() > 0 && !exit.timed_out && now - started > limit) {
      exit.timed_out = true;
      stop_requested_ = true;
      signal_group(SIGTERM);
    }
    if (stop_requested_ && !term_sent) term_sent = now;
    if (term_sent && now - *term_sent > kill_grace) signal_group(SIGKILL);
  }
  exit.stopped = stop_requested_;
  if (WIFEXITED(status)) exit.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) exit.signal = WTERMSIG(status);
  return exit;
}

}  // namespace freezer::scheduler
