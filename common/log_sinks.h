#pragma once
// The spdlog pieces oslo.log's handlers and formatters need: a log file that follows logrotate
// (reopened when moved, or on demand) and can rotate itself by size, the systemd journal with
// oslo.log's fields, oslo's JSON records, and Python %-style formats as spdlog patterns.
#include <spdlog/formatter.h>
#include <spdlog/sinks/base_sink.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

namespace freezer::common {

// Python's WatchedFileHandler (and RotatingFileHandler when max_bytes > 0): appends to `path`;
// when the file at `path` is no longer the one open (logrotate moved or removed it), checked
// at most once a second, or when reopen_all() was called since the last line, it reopens.
class WatchedFileSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  WatchedFileSink(std::string path, std::size_t max_bytes, int backup_count);
  ~WatchedFileSink() override;
  WatchedFileSink(const WatchedFileSink&) = delete;
  WatchedFileSink& operator=(const WatchedFileSink&) = delete;

  // Every WatchedFileSink reopens its file before its next line.
  static void reopen_all();

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;

 private:
  void open();
  bool moved_away() const;
  void rotate();

  std::string path_;
  std::size_t max_bytes_;
  int backup_count_;
  std::FILE* file_ = nullptr;
  std::size_t size_ = 0;
  unsigned long long device_ = 0, inode_ = 0;
  unsigned generation_ = 0;
  std::chrono::steady_clock::time_point next_check_;
};

// oslo.log's OSJournalHandler: one journal entry per line, sent with sd_journal_send, with
// MESSAGE (formatted), PRIORITY, SYSLOG_IDENTIFIER, SYSLOG_FACILITY, LOGGER_NAME, LOGGER_LEVEL,
// THREAD_NAME, PROCESS_NAME, CODE_FILE, CODE_LINE and CODE_FUNC.
class JournalSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  JournalSink(std::string identifier, int facility);

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}

 private:
  std::string identifier_;
  int facility_;
};

// oslo.log's JSONFormatter: one JSON object per line with its keys (message, asctime, name,
// levelname, levelno, process, thread, created, hostname, ...).
std::unique_ptr<spdlog::formatter> make_json_formatter(const std::string& date_format);

// A Python logging format ("%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s [-]
// %(message)s") as a spdlog formatter; fields without a meaning here (request ids, instance)
// print as oslo prints them without a request context.
std::unique_ptr<spdlog::formatter> make_line_formatter(const std::string& python_format,
                                                       const std::string& date_format);

}  // namespace freezer::common
