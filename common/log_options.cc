#include "common/log_options.h"

#include <algorithm>
#include <filesystem>

#include "common/python_logging_file.h"

namespace freezer::common {
namespace {

using K = OptionKind;

OptionDecl log_option(std::string name, K kind, std::string default_value,
                      std::vector<std::string> cli, std::string help,
                      std::vector<std::pair<std::string, std::string>> deprecated = {}) {
  return OptionDecl{"DEFAULT",       std::move(name),       kind, std::move(default_value),
                    std::move(help), std::move(deprecated), {},   std::move(cli)};
}

int facility_of(const std::string& name) {
  if (auto facility = syslog_facility_named(name)) return *facility;
  throw ConfigError("[DEFAULT] syslog_log_facility: unknown facility '" + name +
                    "' (LOG_USER, LOG_DAEMON, LOG_LOCAL0 ... LOG_LOCAL7, ...)");
}

// default_log_levels entries ("freezer_api=DEBUG") naming one of this binary's loggers.
std::optional<spdlog::level::level_enum> default_level_for(const std::vector<std::string>& pairs,
                                                           const LogIdentity& identity) {
  for (const auto& name : identity.logger_names)
    for (const auto& pair : pairs) {
      auto eq = pair.find('=');
      if (eq == std::string::npos || pair.substr(0, eq) != name) continue;
      const std::string level = pair.substr(eq + 1);
      if (level == "DEBUG") return spdlog::level::debug;
      if (level == "INFO") return spdlog::level::info;
      if (level == "WARN" || level == "WARNING") return spdlog::level::warn;
      if (level == "ERROR") return spdlog::level::err;
      if (level == "CRITICAL") return spdlog::level::critical;
    }
  return std::nullopt;
}

}  // namespace

std::vector<OptionDecl> oslo_log_options() {
  return {
      log_option("debug", K::boolean, "false", {"-d", "--debug", "!--nodebug"},
                 "Log at DEBUG level (instead of INFO)."),
      log_option("log_config_append", K::string, "",
                 {"--log-config-append", "--log-config", "--log_config"},
                 "A Python logging configuration file (logging.config.fileConfig's format). "
                 "When set, its loggers, handlers and formatters decide where messages go, and "
                 "the other logging options are not used.",
                 {{"DEFAULT", "log-config"}, {"DEFAULT", "log_config"}}),
      log_option("log_date_format", K::string, "%Y-%m-%d %H:%M:%S", {"--log-date-format"},
                 "strftime format of a line's time (its %(asctime)s)."),
      log_option("log_file", K::string, "", {"--log-file", "--logfile"},
                 "Log to this file (relative to log_dir when that is set).",
                 {{"DEFAULT", "logfile"}}),
      log_option("log_dir", K::string, "", {"--log-dir", "--logdir"},
                 "Directory of log_file; without log_file, the file is <binary>.log in it.",
                 {{"DEFAULT", "logdir"}}),
      log_option("watch_log_file", K::boolean, "false", {"--watch-log-file"},
                 "Reopen the log file when it is moved or removed. Always done here (within a "
                 "second, and at once on SIGHUP), as oslo.log's default handler does."),
      log_option("use_syslog", K::boolean, "false", {"--use-syslog", "!--nouse-syslog"},
                 "Also log to syslog (syslog(3), the identifier is the binary's name)."),
      log_option("use_journal", K::boolean, "false", {"--use-journal", "!--nouse-journal"},
                 "Also log to the systemd journal, with oslo.log's structured fields."),
      log_option("syslog_log_facility", K::string, "LOG_USER", {"--syslog-log-facility"},
                 "Syslog facility of use_syslog and use_journal."),
      log_option("use_json", K::boolean, "false", {"--use-json", "!--nouse-json"},
                 "Write oslo.log's JSON records instead of lines."),
      log_option("use_stderr", K::boolean, "false", {"--use-stderr", "!--nouse-stderr"},
                 "Also log to standard error."),
      log_option("use_eventlog", K::boolean, "false", {}, "Windows only; accepted, not used."),
      log_option("log_rotation_type", K::string, "none", {},
                 "none (logrotate moves the file), size (rotate past max_logfile_size_mb, "
                 "keeping max_logfile_count files) or interval (left to logrotate)."),
      log_option("max_logfile_size_mb", K::integer, "200", {},
                 "log_rotation_type = size: rotate past this many MiB."),
      log_option("max_logfile_count", K::integer, "30", {},
                 "log_rotation_type = size: rotated files kept."),
      log_option("log_rotate_interval", K::integer, "1", {},
                 "Accepted; rotation by time is "
                 "left to logrotate."),
      log_option("log_rotate_interval_type", K::string, "days", {}, "Accepted; see above."),
      log_option("logging_context_format_string", K::string,
                 "%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s "
                 "[%(global_request_id)s %(request_id)s %(user_identity)s] %(instance)s%(message)s",
                 {},
                 "Accepted: these services log without a request context, so lines follow "
                 "logging_default_format_string."),
      log_option("logging_default_format_string", K::string, kOsloDefaultFormat, {},
                 "Python %-style format of a line (asctime, msecs, process, thread, levelname, "
                 "name, message)."),
      log_option("logging_debug_format_suffix", K::string, "%(funcName)s %(pathname)s:%(lineno)d",
                 {}, "Accepted, not used."),
      log_option("logging_exception_prefix", K::string,
                 "%(asctime)s.%(msecs)03d %(process)d ERROR %(name)s %(instance)s", {},
                 "Accepted, not used."),
      log_option("logging_user_identity_format", K::string,
                 "%(user)s %(project)s %(domain)s %(system_scope)s %(user_domain)s "
                 "%(project_domain)s",
                 {}, "Accepted, not used."),
      log_option("default_log_levels", K::list,
                 "amqp=WARN,amqplib=WARN,sqlalchemy=WARN,keystonemiddleware=WARN,"
                 "urllib3.connectionpool=WARN,freezer_api=INFO",
                 {},
                 "logger=LEVEL pairs; an entry naming this binary's logger (freezer_api, "
                 "freezer) sets its level when debug is off."),
      log_option("publish_errors", K::boolean, "false", {}, "Accepted, not used."),
      log_option("instance_format", K::string, "[instance: %(uuid)s] ", {}, "Accepted, not used."),
      log_option("instance_uuid_format", K::string, "[instance: %(uuid)s] ", {},
                 "Accepted, not used."),
      log_option("rate_limit_interval", K::integer, "0", {}, "Accepted, not used."),
      log_option("rate_limit_burst", K::integer, "0", {}, "Accepted, not used."),
      log_option("rate_limit_except_level", K::string, "CRITICAL", {}, "Accepted, not used."),
      log_option("fatal_deprecations", K::boolean, "false", {}, "Accepted, not used."),
  };
}

LogSettings read_log_settings(const OptionCatalog& catalog, const Config& config,
                              const LogIdentity& identity) {
  auto text = [&](const char* name) { return catalog.get_string(config, "DEFAULT", name); };
  auto flag = [&](const char* name) { return catalog.get_bool(config, "DEFAULT", name); };
  const std::string default_format = text("logging_default_format_string");
  if (const std::string file = text("log_config_append"); !file.empty()) {
    // As oslo.log: the file alone decides (debug, log_dir and the rest are not used).
    return read_python_logging_file(file, identity.logger_names, default_format);
  }

  const bool debug = flag("debug");
  LogSettings settings;
  settings.level = debug ? spdlog::level::debug : spdlog::level::info;
  if (!debug)
    if (auto level =
            default_level_for(catalog.get_list(config, "DEFAULT", "default_log_levels"), identity))
      settings.level = *level;
  LogHandler base;
  base.json = flag("use_json");
  base.line_format = default_format;
  base.date_format = text("log_date_format");
  base.facility = facility_of(text("syslog_log_facility"));

  std::string log_file = text("log_file");
  const std::string log_dir = text("log_dir");
  if (!log_dir.empty())
    log_file =
        (std::filesystem::path(log_dir) / (log_file.empty() ? identity.program + ".log" : log_file))
            .string();
  if (!log_file.empty()) {
    LogHandler file = base;
    file.destination = LogDestination::file;
    file.path = std::filesystem::absolute(log_file).lexically_normal().string();
    const std::string rotation = text("log_rotation_type");
    if (rotation == "size") {
      file.max_bytes =
          static_cast<std::size_t>(catalog.get_int(config, "DEFAULT", "max_logfile_size_mb")) *
          1024 * 1024;
      file.backup_count = static_cast<int>(catalog.get_int(config, "DEFAULT", "max_logfile_count"));
    } else if (rotation != "none" && rotation != "interval") {
      throw ConfigError("[DEFAULT] log_rotation_type: '" + rotation +
                        "' is not one of none, size, interval");
    }
    settings.handlers.push_back(file);
  }
  const bool use_stderr = flag("use_stderr");
  const bool use_journal = flag("use_journal");
  if (use_stderr) {
    LogHandler console = base;
    console.destination = LogDestination::standard_error;
    settings.handlers.push_back(console);
  }
  if (use_journal) {
    LogHandler journal = base;
    journal.destination = LogDestination::journal;
    journal.json = false;
    settings.handlers.push_back(journal);
  }
  if (log_file.empty() && !use_stderr && !use_journal) {  // oslo.log falls back to stdout
    LogHandler console = base;
    console.destination = LogDestination::standard_output;
    settings.handlers.push_back(console);
  }
  if (flag("use_syslog")) {
    LogHandler syslog = base;
    syslog.destination = LogDestination::syslog;
    settings.handlers.push_back(syslog);
  }
  return settings;
}

}  // namespace freezer::common
