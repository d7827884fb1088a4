#pragma once
// One place that configures spdlog for every binary, in oslo.log's line format
// ("2026-11-28 07:51:34.123 4242 INFO freezer-scheduler [-] message"), so operators' log
// tooling reads these logs as it reads the Python services'.
#include <string>

#include "common/config.h"

namespace freezer::common {

struct LogSettings {
  bool debug = false;
  std::string log_file;            // "" : the console only
  bool use_stderr = false;         // with a log file, also the console
  bool console_is_stdout = false;  // oslo.log's console is standard output
  bool flush_each_line = true;     // false: only warnings and errors force a flush (hot paths)
};

void setup_logging(const LogSettings& settings, const std::string& program);

// [DEFAULT] debug, log_file and use_stderr (oslo.log names); the console is standard error
// and only warnings force a flush (the API logs every request).
void setup_logging(const Config& config, const std::string& program);

}  // namespace freezer::common
