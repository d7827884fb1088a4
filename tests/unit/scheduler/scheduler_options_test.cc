// Where each setting comes from: defaults, OS_* variables, config files (current and
// 13.0.0-era names), the command line; and what is refused.
#include "freezer_scheduler/config/scheduler_options.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace freezer::scheduler {
namespace {

extern "C" char** environ;

class SchedulerOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> names;
    for (char** e = environ; *e != nullptr; ++e) {
      std::string entry(*e);
      if (entry.rfind("OS_", 0) == 0 || entry.rfind("FREEZER_SCHEDULER_CONF_D=", 0) == 0)
        names.push_back(entry.substr(0, entry.find('=')));
    }
    for (const auto& n : names) unsetenv(n.c_str());
    char pattern[] = "/tmp/freezer-sched-opts-XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string file(const std::string& name, const std::string& text) {
    auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  static CommandLine parse(std::vector<const char*> args) {
    args.insert(args.begin(), "freezer-scheduler");
    return parse_command_line(static_cast<int>(args.size()), args.data());
  }

  std::filesystem::path dir_;
};

TEST_F(SchedulerOptionsTest, DefaultsAreUpstreams) {
  auto o = load_scheduler_options(parse({"--config-dir", dir_.c_str(), "status"}));
  EXPECT_EQ(o.client_id, "");
  EXPECT_EQ(o.jobs_dir, "/etc/freezer/scheduler/conf.d");
  EXPECT_EQ(o.interval.count(), 60);
  EXPECT_EQ(o.concurrent_jobs, 1);
  EXPECT_FALSE(o.no_daemon);
  EXPECT_FALSE(o.centralized);
  EXPECT_EQ(o.capabilities.actions,
            (std::vector<std::string>{"backup", "restore", "info", "admin", "exec"}));
  EXPECT_EQ(o.capabilities.modes.size(), 8u);
  EXPECT_EQ(o.auth.interface, "public");
  EXPECT_EQ(o.auth.auth_type, "password");
  EXPECT_FALSE(o.pid_file_explicit);
  EXPECT_NE(o.pid_file.find("/freezer_sched_"), std::string::npos);
}

TEST_F(SchedulerOptionsTest, A1300StyleFileWithCredentialsFromTheEnvironmentWorks) {
  auto conf = file("scheduler.conf",
                   "[DEFAULT]\nclient_id = node1\njobs_dir = /var/lib/freezer/jobs\ninterval = 15\n"
                   "no_daemon = True\ndebug = True\nlog_file = /var/log/freezer/scheduler.log\n"
                   "concurrent_jobs = 3\n");
  setenv("OS_USERNAME", "demo", 1);
  setenv("OS_PASSWORD", "secret", 1);
  setenv("OS_PROJECT_NAME", "demo", 1);
  setenv("OS_AUTH_URL", "http://keystone:5000/v3", 1);
  setenv("OS_ENDPOINT_TYPE", "internalURL", 1);
  auto o = load_scheduler_options(parse({"--config-file", conf.c_str(), "start"}));
  EXPECT_EQ(o.client_id, "node1");
  EXPECT_EQ(o.jobs_dir, "/var/lib/freezer/jobs");
  EXPECT_EQ(o.interval.count(), 15);
  EXPECT_TRUE(o.no_daemon);
  EXPECT_TRUE(o.logging.debug);
  EXPECT_EQ(o.logging.log_file, "/var/log/freezer/scheduler.log");
  EXPECT_EQ(o.concurrent_jobs, 3);
  EXPECT_EQ(o.auth.credentials.username, "demo");
  EXPECT_EQ(o.auth.credentials.password, "secret");
  EXPECT_EQ(o.auth.credentials.project_name, "demo");
  EXPECT_EQ(o.auth.auth_url, "http://keystone:5000/v3");
  EXPECT_EQ(o.auth.interface, "internal");
}

TEST_F(SchedulerOptionsTest, UpstreamOldNamesStillWork) {
  auto conf = file("old.conf",
                   "[DEFAULT]\nconf = /srv/jobs\nos_username = svc\nos-password = pw\n"
                   "disable-exec = true\n");
  auto o = load_scheduler_options(parse({"--config-file", conf.c_str(), "start"}));
  EXPECT_EQ(o.jobs_dir, "/srv/jobs");
  EXPECT_EQ(o.auth.credentials.username, "svc");
  EXPECT_EQ(o.auth.credentials.password, "pw");
  EXPECT_TRUE(o.disable_exec);
}

TEST_F(SchedulerOptionsTest, CurrentGroupsWinOverOldNamesAndFilesOverEnvironment) {
  setenv("OS_USERNAME", "from-env", 1);
  auto conf = file(
      "s.conf",
      "[DEFAULT]\nclient_id = old\n[scheduler]\nclient_id = new\ncentralized_scheduler = true\n"
      "[service_auth]\nos_username = from-file\nos_project_domain_name = Default\n"
      "[capabilities]\nsupported_modes = cindernative\nsupported_actions = backup, restore\n");
  auto o = load_scheduler_options(parse({"--config-file", conf.c_str(), "start"}));
  EXPECT_EQ(o.client_id, "new");
  EXPECT_TRUE(o.centralized);
  EXPECT_EQ(o.auth.credentials.username, "from-file");
  EXPECT_EQ(o.auth.credentials.project_domain_name, "Default");
  EXPECT_EQ(o.capabilities.modes, std::vector<std::string>{"cindernative"});
  EXPECT_EQ(o.capabilities.actions, (std::vector<std::string>{"backup", "restore"}));
}

// What a central scheduler may run (the defaults include agent actions).
const std::string kCentral =
    "[capabilities]\nsupported_actions = backup\nsupported_modes = cindernative\n";

TEST_F(SchedulerOptionsTest, ACentralPoolReadsItsCoordination) {
  auto conf = file(
      "s.conf", "[scheduler]\ncentralized_scheduler = true\n" + kCentral +
                    "[coordination]\n"
                    "backend_url = zookeeper://zk1:2181,zk2:2181?timeout=5\nmember_id = node-1\n");
  auto o = load_scheduler_options(parse({"--config-file", conf.c_str(), "start"}));
  EXPECT_EQ(o.coordination.backend_url, "zookeeper://zk1:2181,zk2:2181?timeout=5");
  EXPECT_EQ(o.coordination.member_id, "node-1");
  auto none = file("alone.conf", "[scheduler]\nclient_id = alone\n");
  auto alone = load_scheduler_options(parse({"--config-file", none.c_str(), "status"}));
  EXPECT_EQ(alone.coordination.backend_url, "");
}

TEST_F(SchedulerOptionsTest, CoordinationIsRefusedWhenItCannotWork) {
  auto refused = [&](const std::string& text, const std::string& why) {
    auto conf = file("bad.conf", text);
    try {
      load_scheduler_options(parse({"--config-file", conf.c_str(), "start"}));
      ADD_FAILURE() << "accepted: " << text;
    } catch (const common::ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
    }
  };
  refused("[coordination]\nbackend_url = zookeeper://zk:2181\n", "centralized_scheduler = true");
  refused("[scheduler]\ncentralized_scheduler = true\n" + kCentral +
              "[coordination]\nbackend_url = redis://r\n",
          "only zookeeper:// is supported");
  refused("[scheduler]\ncentralized_scheduler = true\n" + kCentral +
              "[coordination]\nbackend_url = zookeeper://zk:2181\nmember_id = a/b\n",
          "'/' is not allowed");
}

TEST_F(SchedulerOptionsTest, KeystoneauthSpellingsInServiceAuth) {
  auto conf = file("s.conf",
                   "[service_auth]\nauth_url = http://ks/v3\nusername = freezer\n"
                   "password = p\nproject_name = service\nuser_domain_name = Default\n"
                   "interface = internal\ncafile = /etc/ssl/ca.pem\n");
  auto o = load_scheduler_options(parse({"--config-file", conf.c_str(), "start"}));
  EXPECT_EQ(o.auth.auth_url, "http://ks/v3");
  EXPECT_EQ(o.auth.credentials.username, "freezer");
  EXPECT_EQ(o.auth.credentials.project_name, "service");
  EXPECT_EQ(o.auth.credentials.user_domain_name, "Default");
  EXPECT_EQ(o.auth.interface, "internal");
  EXPECT_EQ(o.auth.cacert, "/etc/ssl/ca.pem");
}

TEST_F(SchedulerOptionsTest, TheTempestCommandLineParses) {
  setenv("OS_USERNAME", "demo", 1);
  auto line = parse({"--debug", "--scheduler-no-daemon", "-c", "test_node", "-f", "/tmp/jobs",
                     "--os-endpoint-type", "publicURL", "--os-cacert", "/etc/ca.pem",
                     "--os-project-domain-name", "Default", "--os-user-domain-name", "Default",
                     "--config-dir", dir_.c_str(), "start"});
  ASSERT_FALSE(line.exit_code);
  EXPECT_EQ(line.action, "start");
  auto o = load_scheduler_options(line);
  EXPECT_TRUE(o.logging.debug);
  EXPECT_TRUE(o.no_daemon);
  EXPECT_EQ(o.client_id, "test_node");
  EXPECT_EQ(o.jobs_dir, "/tmp/jobs");
  EXPECT_EQ(o.auth.interface, "public");
  EXPECT_EQ(o.auth.cacert, "/etc/ca.pem");
  EXPECT_EQ(o.auth.credentials.project_domain_name, "Default");
  EXPECT_EQ(o.auth.credentials.username, "demo");
}

TEST_F(SchedulerOptionsTest, CommandLineWinsOverFiles) {
  auto conf = file("s.conf",
                   "[scheduler]\ninterval = 30\nno_daemon = true\n"
                   "[capabilities]\nsupported_storages = local\n");
  auto o = load_scheduler_options(
      parse({"--config-file", conf.c_str(), "--scheduler-interval", "5", "--scheduler-nono-daemon",
             "--capabilities-supported-storages", "swift", "start"}));
  EXPECT_EQ(o.interval.count(), 5);
  EXPECT_FALSE(o.no_daemon);
  EXPECT_EQ(o.capabilities.storages, std::vector<std::string>{"swift"});
}

TEST_F(SchedulerOptionsTest, LaterConfigFilesWin) {
  auto a = file("a.conf", "[scheduler]\ninterval = 30\nclient_id = a\n");
  auto b = file("b.conf", "[scheduler]\ninterval = 40\n");
  auto o = load_scheduler_options(
      parse({"--config-file", a.c_str(), "--config-file", b.c_str(), "start"}));
  EXPECT_EQ(o.interval.count(), 40);
  EXPECT_EQ(o.client_id, "a");
}

TEST_F(SchedulerOptionsTest, LogDirJoinsLogFile) {
  auto o = load_scheduler_options(
      parse({"--config-dir", dir_.c_str(), "--log-dir", "/var/log/freezer", "start"}));
  EXPECT_EQ(o.logging.log_file, "/var/log/freezer/freezer-scheduler.log");
}

void expect_refused(const CommandLine& line, const std::string& fragment) {
  try {
    load_scheduler_options(line);
    ADD_FAILURE() << "accepted; expected an error mentioning " << fragment;
  } catch (const common::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST_F(SchedulerOptionsTest, BadValuesAreRefusedNamingTheOption) {
  expect_refused(parse({"--config-dir", dir_.c_str(), "--scheduler-enable-v1-api", "start"}),
                 "enable_v1_api");
  expect_refused(
      parse({"--config-dir", dir_.c_str(), "--capabilities-supported-modes", "fs,tape", "start"}),
      "supported_modes: 'tape'");
  expect_refused(parse({"--config-dir", dir_.c_str(), "--scheduler-interval", "0", "start"}),
                 "interval");
  expect_refused(parse({"--config-dir", dir_.c_str(), "--scheduler-interval", "soon", "start"}),
                 "interval");
  expect_refused(parse({"--config-dir", dir_.c_str(), "--os-endpoint-type", "private", "start"}),
                 "os_endpoint_type");
  auto bad = file("bad.conf", "[scheduler]\nconcurrent_jobs = 0\n");
  expect_refused(parse({"--config-file", bad.c_str(), "start"}), "concurrent_jobs");
  expect_refused(parse({"--config-file", (dir_ / "missing.conf").c_str(), "start"}),
                 "missing.conf");
}

TEST_F(SchedulerOptionsTest, ActionsAsUpstream) {
  EXPECT_EQ(parse({}).exit_code, 65);
  EXPECT_EQ(parse({"explode"}).exit_code, 2);
  for (const char* action : {"start", "stop", "restart", "status", "reload"}) {
    auto line = parse({action});
    EXPECT_FALSE(line.exit_code);
    EXPECT_EQ(line.action, action);
  }
}

}  // namespace
}  // namespace freezer::scheduler
