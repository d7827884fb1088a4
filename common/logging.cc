#include "common/logging.h"

#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/syslog_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "common/log_sinks.h"

namespace freezer::common {
namespace {

// syslog(3) always writes to /dev/log; a handler given another socket (Python's
// SysLogHandler(address='/path')) gets RFC 3164 datagrams sent there.
class SocketSyslogSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  SocketSyslogSink(const std::string& socket_path, std::string identifier, int facility)
      : identifier_(std::move(identifier)), facility_(facility) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    address_.sun_family = AF_UNIX;
    socket_path.copy(address_.sun_path, sizeof address_.sun_path - 1);
  }
  ~SocketSyslogSink() override {
    if (fd_ >= 0) ::close(fd_);
  }
  SocketSyslogSink(const SocketSyslogSink&) = delete;
  SocketSyslogSink& operator=(const SocketSyslogSink&) = delete;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    static constexpr int kPriorities[] = {LOG_DEBUG, LOG_DEBUG, LOG_INFO, LOG_WARNING,
                                          LOG_ERR,   LOG_CRIT,  LOG_DEBUG};
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    std::string datagram = "<" +
                           std::to_string(facility_ | kPriorities[static_cast<int>(msg.level)]) +
                           ">" + identifier_ + ": ";
    std::string_view text(line.data(), line.size());
    while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    datagram.append(text);
    ::sendto(fd_, datagram.data(), datagram.size(), MSG_NOSIGNAL,
             reinterpret_cast<const sockaddr*>(&address_), sizeof address_);
  }
  void flush_() override {}

 private:
  std::string identifier_;
  int facility_;
  int fd_ = -1;
  sockaddr_un address_{};
};

spdlog::sink_ptr make_sink(const LogHandler& handler, const std::string& program) {
  switch (handler.destination) {
    case LogDestination::standard_output:
      return std::make_shared<spdlog::sinks::stdout_sink_mt>();
    case LogDestination::standard_error:
      return std::make_shared<spdlog::sinks::stderr_sink_mt>();
    case LogDestination::file:
      return std::make_shared<WatchedFileSink>(handler.path, handler.max_bytes,
                                               handler.backup_count);
    case LogDestination::syslog:
      if (!handler.syslog_socket.empty())
        return std::make_shared<SocketSyslogSink>(handler.syslog_socket, program, handler.facility);
      return std::make_shared<spdlog::sinks::syslog_sink_mt>(program, LOG_PID, handler.facility,
                                                             true);
    case LogDestination::journal:
      return std::make_shared<JournalSink>(program, handler.facility);
    case LogDestination::none:
      break;
  }
  return std::make_shared<spdlog::sinks::null_sink_mt>();
}

}  // namespace

void setup_logging(const LogSettings& settings, const std::string& program) {
  std::vector<spdlog::sink_ptr> sinks;
  std::vector<LogHandler> handlers = settings.handlers;
  if (handlers.empty()) handlers.push_back(LogHandler{});
  for (const auto& handler : handlers) {
    auto sink = make_sink(handler, program);
    sink->set_level(handler.level);
    sink->set_formatter(handler.json
                            ? make_json_formatter(handler.date_format)
                            : make_line_formatter(handler.line_format.empty() ? kOsloDefaultFormat
                                                                              : handler.line_format,
                                                  handler.date_format));
    sinks.push_back(std::move(sink));
  }
  auto logger = std::make_shared<spdlog::logger>(program, sinks.begin(), sinks.end());
  logger->set_level(settings.level);
  logger->flush_on(settings.flush_each_line ? spdlog::level::trace : spdlog::level::warn);
  spdlog::set_default_logger(logger);
  // Lines not flushed at once still reach their files within a second (tail -f, log shippers).
  if (!settings.flush_each_line) spdlog::flush_every(std::chrono::seconds(1));
  for (const auto& note : settings.notes) spdlog::warn("logging: {}", note);
}

void reopen_log_files() { WatchedFileSink::reopen_all(); }

std::optional<int> syslog_facility_named(std::string name) {
  if (auto dot = name.rfind('.'); dot != std::string::npos) name = name.substr(dot + 1);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (name.rfind("log_", 0) == 0) name = name.substr(4);
  static constexpr std::pair<std::string_view, int> kFacilities[] = {
      {"user", LOG_USER},     {"daemon", LOG_DAEMON},     {"syslog", LOG_SYSLOG},
      {"auth", LOG_AUTH},     {"authpriv", LOG_AUTHPRIV}, {"cron", LOG_CRON},
      {"kern", LOG_KERN},     {"lpr", LOG_LPR},           {"mail", LOG_MAIL},
      {"news", LOG_NEWS},     {"uucp", LOG_UUCP},         {"local0", LOG_LOCAL0},
      {"local1", LOG_LOCAL1}, {"local2", LOG_LOCAL2},     {"local3", LOG_LOCAL3},
      {"local4", LOG_LOCAL4}, {"local5", LOG_LOCAL5},     {"local6", LOG_LOCAL6},
      {"local7", LOG_LOCAL7}};
  for (const auto& [known, value] : kFacilities)
    if (name == known) return value;
  if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit) && name.size() < 3)
    return std::stoi(name) << 3;
  return std::nullopt;
}

}  // namespace freezer::common
