#include "freezer_scheduler/daemon/pid_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <string>

namespace freezer::scheduler {

PidFile::PidFile(std::string path) : path_(std::move(path)) {
  fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw std::runtime_error("cannot open pid file " + path_ + ": " + std::strerror(errno));
  if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    close(fd_);
    fd_ = -1;
    throw std::runtime_error("Already running according to " + path_);
  }
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd_, 0) != 0 ||
      pwrite(fd_, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    std::string why = std::strerror(errno);
    close(fd_);
    fd_ = -1;
    throw std::runtime_error("cannot write pid file " + path_ + ": " + why);
  }
}

PidFile::~PidFile() {
  if (fd_ < 0) return;
  unlink(path_.c_str());
  close(fd_);
}

std::optional<pid_t> running_pid(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  char buffer[32] = {};
  ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
  bool held = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close(fd);
  long pid = n > 0 ? std::strtol(buffer, nullptr, 10) : 0;
  if (held && pid > 0) return static_cast<pid_t>(pid);
  // Nobody holds it: a daemon that died without cleaning up (or a pid file from elsewhere).
  if (!held) unlink(path.c_str());
  return std::nullopt;
}

}  // namespace freezer::scheduler
