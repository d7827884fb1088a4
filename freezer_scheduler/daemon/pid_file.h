#pragma once
// The daemon's pid file: created after daemonizing, held with an exclusive flock for the
// process's life (so a stale file is told apart from a live daemon even after pid reuse), and
// removed at exit.
#include <sys/types.h>

#include <optional>
#include <string>

namespace freezer::scheduler {

class PidFile {
 public:
  // Throws std::runtime_error("Already running according to <path>") when a live process
  // holds it, or when it cannot be written.
  explicit PidFile(std::string path);
  ~PidFile();
  PidFile(const PidFile&) = delete;
  PidFile& operator=(const PidFile&) = delete;

 private:
  std::string path_;
  int fd_ = -1;
};

// The pid of the live process holding `path`; nullopt when none does (a stale file is
// removed).
std::optional<pid_t> running_pid(const std::string& path);

}  // namespace freezer::scheduler
