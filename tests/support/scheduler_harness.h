#pragma once
// A scheduler under test: the real freezer-api (noauth, tests/support/api_server.h), the
// real Scheduler in this process, and Debian's real freezer-agent running the actions
// (local storage under a private directory). Jobs are created and watched over HTTP as users
// would.
#include <rapidjson/document.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "common/clock.h"
#include "freezer_scheduler/scheduler.h"
#include "tests/support/api_server.h"
#include "tests/support/log_capture.h"

namespace freezer::testing {

class SchedulerHarness {
 public:
  using Customize = std::function<void(scheduler::SchedulerOptions&)>;
  // `customize` adjusts the options before the scheduler starts (it does not start yet);
  // `api_config` is added to the API's configuration.
  explicit SchedulerHarness(Customize customize = {}, const std::string& api_config = "");
  ~SchedulerHarness();

  // Starts the scheduler and waits until its client is registered.
  void start();
  // Stops it the way SIGTERM does; returns once it has.
  void stop();

  ApiServer& api() { return *api_; }
  scheduler::Scheduler& scheduler() { return *scheduler_; }
  const scheduler::SchedulerOptions& options() const { return options_; }
  const std::filesystem::path& dir() const { return dir_; }
  LogCapture& logs() { return logs_; }
  static constexpr const char* kProject = "demo";

  // HTTP as a user of project demo.
  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "");
  std::string create_job(const std::string& json);  // returns the job id; fails the test on error
  rapidjson::Document job(const std::string& job_id);
  std::string job_field(const std::string& job_id, const char* schedule_key);
  void send_event(const std::string& job_id, const std::string& event);
  rapidjson::Document backups();

  // A freezer_action for a fs backup of `source` into local storage under dir().
  std::string fs_backup_action(const std::string& source, const std::string& name) const;
  // An exec action (local storage, so the agent needs no Swift).
  std::string exec_action(const std::string& command) const;

  // Polls `condition` every 50 ms.
  static bool wait_for(const std::function<bool()>& condition, std::chrono::milliseconds timeout);
  // Waits for the job's result to become non-empty; returns it ("" on timeout).
  std::string wait_for_result(const std::string& job_id, std::chrono::seconds timeout);

 private:
  std::filesystem::path dir_;
  LogCapture logs_;
  std::unique_ptr<ApiServer> api_;
  scheduler::SchedulerOptions options_;
  common::SystemClock clock_;
  std::unique_ptr<scheduler::Scheduler> scheduler_;
  std::thread thread_;
};

// Skips the test when Debian's freezer-agent is not installed.
#define SKIP_WITHOUT_AGENT()                              \
  if (!std::filesystem::exists("/usr/bin/freezer-agent")) \
  GTEST_SKIP() << "freezer-agent (python3-freezer) is not installed"

}  // namespace freezer::testing
