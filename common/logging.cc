#include "common/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <vector>

#include "common/api_option_catalog.h"

namespace freezer::common {
namespace {

// %O: the level as oslo.log (Python logging) names it.
class OsloLevel final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    static constexpr std::string_view kNames[] = {"TRACE", "DEBUG",    "INFO", "WARNING",
                                                  "ERROR", "CRITICAL", "OFF"};
    auto name = kNames[static_cast<int>(msg.level)];
    dest.append(name.data(), name.data() + name.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<OsloLevel>();
  }
};

}  // namespace

void setup_logging(const LogSettings& settings, const std::string& program) {
  std::vector<spdlog::sink_ptr> sinks;
  if (!settings.log_file.empty())
    sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(settings.log_file));
  if (settings.log_file.empty() || settings.use_stderr) {
    if (settings.console_is_stdout && !settings.use_stderr) {
      sinks.push_back(std::make_shared<spdlog::sinks::stdout_sink_mt>());
    } else {
      sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
    }
  }
  auto logger = std::make_shared<spdlog::logger>(program, sinks.begin(), sinks.end());
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<OsloLevel>('O').set_pattern("%Y-%m-%d %H:%M:%S.%e %P %O %n [-] %v");
  logger->set_formatter(std::move(formatter));
  logger->set_level(settings.debug ? spdlog::level::debug : spdlog::level::info);
  logger->flush_on(settings.flush_each_line ? spdlog::level::trace : spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

void setup_logging(const Config& config, const std::string& program) {
  const auto& catalog = api_option_catalog();
  LogSettings settings;
  settings.debug = catalog.get_bool(config, "DEFAULT", "debug");
  settings.log_file = catalog.get_string(config, "DEFAULT", "log_file");
  settings.use_stderr = catalog.get_bool(config, "DEFAULT", "use_stderr");
  settings.flush_each_line = false;
  setup_logging(settings, program);
}

}  // namespace freezer::common
