#include "common/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <vector>

namespace freezer::common {

void setup_logging(const Config& config, const std::string& program) {
  std::vector<spdlog::sink_ptr> sinks;
  auto log_file = config.get_string("DEFAULT", "log_file", "");
  if (!log_file.empty()) {
    sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(log_file));
  }
  if (log_file.empty() || config.get_bool("DEFAULT", "use_stderr", false)) {
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  }
  auto logger = std::make_shared<spdlog::logger>(program, sinks.begin(), sinks.end());
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %P %^%l%$ %n %v");
  logger->set_level(config.get_bool("DEFAULT", "debug", false) ? spdlog::level::debug
                                                               : spdlog::level::info);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

}  // namespace freezer::common
