#pragma once
// One place that configures spdlog for every binary, the way oslo.log configures Python's
// logging: the same line format ("2026-11-28 07:51:34.123 4242 INFO freezer-api [-] message")
// or oslo's JSON records, to the same destinations (files that follow logrotate, standard
// streams, syslog, the systemd journal), so operators' log tooling reads these logs as it
// reads the Python services'.
#include <spdlog/common.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace freezer::common {

// oslo.log's logging_default_format_string.
inline constexpr const char* kOsloDefaultFormat =
    "%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s [-] %(instance)s%(message)s";

enum class LogDestination { standard_output, standard_error, file, syslog, journal, none };

struct LogHandler {
  LogDestination destination = LogDestination::standard_error;
  std::string path;           // file
  std::size_t max_bytes = 0;  // file: rotate past this size (RotatingFileHandler); 0 never
  int backup_count = 0;       // file: rotated files kept (path.1 ... path.N)
  int facility = 1 << 3;      // syslog and journal: LOG_USER
  std::string syslog_socket;  // syslog: "" is the system's (syslog(3), /dev/log)
  bool json = false;          // oslo's JSONFormatter instead of the line format
  std::string line_format;    // "" oslo's default line; else a Python %-style format
  std::string date_format = "%Y-%m-%d %H:%M:%S";
  spdlog::level::level_enum level = spdlog::level::trace;  // the handler's own threshold
};

struct LogSettings {
  spdlog::level::level_enum level = spdlog::level::info;
  std::vector<LogHandler> handlers;  // none: standard error
  bool flush_each_line = true;       // false: warnings and errors at once, the rest within a second
  std::vector<std::string> notes;    // logged as warnings once logging is set up
};

// Replaces the default logger. Throws std::runtime_error when a file cannot be opened.
void setup_logging(const LogSettings& settings, const std::string& program);

// Reopens every log file now (SIGHUP after logrotate moved them). Files are also reopened
// within a second of being moved or removed, as Python's WatchedFileHandler does.
void reopen_log_files();

// A syslog facility by the names oslo.log and Python's logging files use: LOG_LOCAL0,
// local0, SysLogHandler.LOG_LOCAL0, or its number; nullopt for none of them.
std::optional<int> syslog_facility_named(std::string name);

}  // namespace freezer::common
