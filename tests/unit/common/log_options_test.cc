// oslo.log's options turned into destinations, as oslo.log's _setup_logging_from_conf does.
#include "common/log_options.h"

#include <gtest/gtest.h>
#include <syslog.h>

#include "common/api_option_catalog.h"

namespace freezer::common {
namespace {

LogSettings settings_of(const std::string& ini) {
  return read_log_settings(api_option_catalog(), Config::parse(ini),
                           {"freezer-api", {"freezer_api", "freezer"}});
}

TEST(LogOptions, NothingSetIsStandardOutputAtInfo) {
  auto s = settings_of("");
  EXPECT_EQ(s.level, spdlog::level::info);
  ASSERT_EQ(s.handlers.size(), 1U);
  EXPECT_EQ(s.handlers[0].destination, LogDestination::standard_output);
}

TEST(LogOptions, LogDirAloneNamesTheFileAfterTheBinary) {
  auto s = settings_of("[DEFAULT]\nlog_dir = /var/log/kolla/freezer\n");
  ASSERT_EQ(s.handlers.size(), 1U);
  EXPECT_EQ(s.handlers[0].destination, LogDestination::file);
  EXPECT_EQ(s.handlers[0].path, "/var/log/kolla/freezer/freezer-api.log");
  auto both = settings_of("[DEFAULT]\nlogdir = /var/log/freezer\nlogfile = api.log\n");
  EXPECT_EQ(both.handlers[0].path, "/var/log/freezer/api.log");
}

TEST(LogOptions, EveryDestinationAtOnceInOslosOrder) {
  auto s = settings_of(
      "[DEFAULT]\ndebug = true\nlog_file = /tmp/a.log\nuse_stderr = true\nuse_journal = true\n"
      "use_syslog = true\nsyslog_log_facility = LOG_LOCAL2\nuse_json = true\n"
      "log_date_format = %H:%M\nlog_rotation_type = size\nmax_logfile_size_mb = 2\n"
      "max_logfile_count = 4\n");
  EXPECT_EQ(s.level, spdlog::level::debug);
  ASSERT_EQ(s.handlers.size(), 4U);
  EXPECT_EQ(s.handlers[0].destination, LogDestination::file);
  EXPECT_EQ(s.handlers[0].max_bytes, 2U * 1024 * 1024);
  EXPECT_EQ(s.handlers[0].backup_count, 4);
  EXPECT_TRUE(s.handlers[0].json);
  EXPECT_EQ(s.handlers[0].date_format, "%H:%M");
  EXPECT_EQ(s.handlers[1].destination, LogDestination::standard_error);
  EXPECT_EQ(s.handlers[2].destination, LogDestination::journal);
  EXPECT_FALSE(s.handlers[2].json);  // the journal gets lines with structured fields
  EXPECT_EQ(s.handlers[3].destination, LogDestination::syslog);
  EXPECT_EQ(s.handlers[3].facility, LOG_LOCAL2);
}

TEST(LogOptions, DefaultLogLevelsNamingThisBinarySetItsLevel) {
  EXPECT_EQ(settings_of("[DEFAULT]\ndefault_log_levels = amqp=WARN,freezer_api=WARN\n").level,
            spdlog::level::warn);
  EXPECT_EQ(settings_of("[DEFAULT]\ndebug = true\ndefault_log_levels = freezer_api=WARN\n").level,
            spdlog::level::debug);
}

TEST(LogOptions, WrongValuesNameTheirOption) {
  auto message = [](const std::string& ini) {
    try {
      settings_of(ini);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("[DEFAULT]\nsyslog_log_facility = LOG_NOWHERE\n").find("syslog_log_facility"),
            std::string::npos);
  EXPECT_NE(
      message("[DEFAULT]\nlog_file = x\nlog_rotation_type = weekly\n").find("log_rotation_type"),
      std::string::npos);
  EXPECT_NE(message("[DEFAULT]\nuse_json = perhaps\n").find("use_json"), std::string::npos);
  EXPECT_NE(message("[DEFAULT]\nlog_config_append = /nonexistent.conf\n").find("log_config_append"),
            std::string::npos);
}

}  // namespace
}  // namespace freezer::common
