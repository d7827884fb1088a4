// log_config_append: Python logging files as deployments write them (openstack-helm's default
// logging.conf among them) read for this binary's messages.
#include "common/python_logging_file.h"

#include <gtest/gtest.h>
#include <syslog.h>

#include <filesystem>
#include <fstream>

#include "common/config.h"

namespace freezer::common {
namespace {

class PythonLoggingFileTest : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    std::ofstream(path_) << text;
    return path_.string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  LogSettings read(const std::string& text,
                   std::vector<std::string> names = {"freezer_api", "freezer"}) {
    return read_python_logging_file(write(text), names, "%(levelname)s %(message)s");
  }
  std::filesystem::path path_ =
      std::filesystem::temp_directory_path() /
      ("logging-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".conf");
};

// openstack-helm's freezer chart, rendered with its defaults (sections sorted, no blank lines).
constexpr const char* kHelmLoggingConf = R"([formatter_context]
class = oslo_log.formatters.ContextFormatter
datefmt = %Y-%m-%d %H:%M:%S
[formatter_default]
datefmt = %Y-%m-%d %H:%M:%S
format = %(message)s
[formatters]
keys = context,default
[handler_null]
args = ()
class = logging.NullHandler
formatter = default
[handler_stderr]
args = (sys.stderr,)
class = StreamHandler
formatter = context
[handler_stdout]
args = (sys.stdout,)
class = StreamHandler
formatter = context
[handlers]
keys = stdout,stderr,null
[logger_amqp]
handlers = stderr
level = WARNING
qualname = amqp
[logger_freezer]
handlers = stdout
level = INFO
qualname = freezer
[logger_root]
handlers = null
level = WARNING
[loggers]
keys = root,freezer,amqp
)";

TEST_F(PythonLoggingFileTest, HelmsDefaultSendsInfoToStandardOutputWithOslosFormat) {
  auto s = read(kHelmLoggingConf);
  EXPECT_EQ(s.level, spdlog::level::info);
  ASSERT_EQ(s.handlers.size(), 2U);  // freezer's stdout, then root's null (propagation)
  EXPECT_EQ(s.handlers[0].destination, LogDestination::standard_output);
  EXPECT_EQ(s.handlers[0].line_format, "%(levelname)s %(message)s");
  EXPECT_EQ(s.handlers[0].date_format, "%Y-%m-%d %H:%M:%S");
  EXPECT_FALSE(s.handlers[0].json);
  EXPECT_EQ(s.handlers[1].destination, LogDestination::none);
}

TEST_F(PythonLoggingFileTest, TheMostSpecificLoggerWinsAndPropagateZeroStops) {
  auto s = read(R"([loggers]
keys = root, freezer, api
[handlers]
keys = file, syslog, journal
[formatters]
keys = json
[logger_root]
level = ERROR
handlers = journal
[logger_freezer]
level = WARNING
handlers = syslog
qualname = freezer_api
[logger_api]
level = DEBUG
handlers = file
qualname = freezer_api.api
propagate = 0
[handler_file]
class = handlers.RotatingFileHandler
args = ('/var/log/freezer/api.log', 'a', 1048576, 7)
formatter = json
level = INFO
[handler_syslog]
class = handlers.SysLogHandler
args = ('/dev/log', handlers.SysLogHandler.LOG_LOCAL3)
[handler_journal]
class = oslo_log.handlers.OSJournalHandler
args = ()
[formatter_json]
class = oslo_log.formatters.JSONFormatter
)",
                {"freezer_api.api", "freezer_api", "freezer"});
  EXPECT_EQ(s.level, spdlog::level::debug);
  ASSERT_EQ(s.handlers.size(), 1U);
  EXPECT_EQ(s.handlers[0].destination, LogDestination::file);
  EXPECT_EQ(s.handlers[0].path, "/var/log/freezer/api.log");
  EXPECT_EQ(s.handlers[0].max_bytes, 1048576U);
  EXPECT_EQ(s.handlers[0].backup_count, 7);
  EXPECT_EQ(s.handlers[0].level, spdlog::level::info);
  EXPECT_TRUE(s.handlers[0].json);

  auto parent = read(std::string(R"([loggers]
keys = root, freezer
[handlers]
keys = syslog, journal
[formatters]
keys =
[logger_root]
level = ERROR
handlers = journal
[logger_freezer]
level = NOTSET
handlers = syslog
qualname = freezer_api
[handler_syslog]
class = handlers.SysLogHandler
args = ('/dev/log', handlers.SysLogHandler.LOG_LOCAL3)
[handler_journal]
class = oslo_log.handlers.OSJournalHandler
args = ()
)"));
  EXPECT_EQ(parent.level, spdlog::level::err);  // NOTSET: the parent's level
  ASSERT_EQ(parent.handlers.size(), 2U);
  EXPECT_EQ(parent.handlers[0].destination, LogDestination::syslog);
  EXPECT_EQ(parent.handlers[0].facility, LOG_LOCAL3);
  EXPECT_EQ(parent.handlers[0].syslog_socket, "");           // /dev/log: syslog(3)'s own
  EXPECT_EQ(parent.handlers[0].line_format, "%(message)s");  // no formatter: Python's default
  EXPECT_EQ(parent.handlers[1].destination, LogDestination::journal);
}

TEST_F(PythonLoggingFileTest, NoHandlerAnywhereIsPythonsLastResort) {
  auto s = read("[loggers]\nkeys = root\n[logger_root]\nlevel = INFO\nhandlers =\n");
  ASSERT_EQ(s.handlers.size(), 1U);
  EXPECT_EQ(s.handlers[0].destination, LogDestination::standard_error);
  EXPECT_EQ(s.handlers[0].level, spdlog::level::warn);
}

TEST_F(PythonLoggingFileTest, AHandlerThisServiceCannotUseIsLeftOutWithANote) {
  auto s = read(R"([loggers]
keys = root
[handlers]
keys = fluent, stderr
[logger_root]
level = INFO
handlers = fluent, stderr
[handler_fluent]
class = fluent.handler.FluentHandler
args = ('openstack.freezer', 'fluentd', 24224)
[handler_stderr]
class = StreamHandler
args = ()
)");
  ASSERT_EQ(s.handlers.size(), 1U);
  EXPECT_EQ(s.handlers[0].destination, LogDestination::standard_error);  // no stream: stderr
  ASSERT_EQ(s.notes.size(), 1U);
  EXPECT_NE(s.notes[0].find("fluent.handler.FluentHandler"), std::string::npos);
}

TEST_F(PythonLoggingFileTest, MistakesNameTheFileAndSection) {
  auto message = [this](const std::string& text) {
    try {
      read(text);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("[handlers]\nkeys = a\n").find("[loggers] is missing"), std::string::npos);
  EXPECT_NE(message("[loggers]\nkeys = root\n").find("[logger_root] is missing"),
            std::string::npos);
  EXPECT_NE(message("[loggers]\nkeys = root\n[logger_root]\nlevel = LOUD\n").find("LOUD"),
            std::string::npos);
  EXPECT_NE(message("[loggers]\nkeys = root\n[logger_root]\nhandlers = h\n").find("[handler_h]"),
            std::string::npos);
  EXPECT_NE(message("[loggers]\nkeys = root\n[logger_root]\nhandlers = h\n[handler_h]\n"
                    "class = handlers.SysLogHandler\nargs = ('/dev/log', 'nowhere')\n")
                .find("nowhere"),
            std::string::npos);
  EXPECT_THROW(read_python_logging_file("/nonexistent/logging.conf", {"freezer"}, ""), ConfigError);
}

}  // namespace
}  // namespace freezer::common
