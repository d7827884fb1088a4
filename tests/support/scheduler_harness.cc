#include "tests/support/scheduler_harness.h"

#include <gtest/gtest.h>

#include "common/json.h"

namespace freezer::testing {

using namespace std::chrono_literals;

SchedulerHarness::SchedulerHarness(Customize customize, const std::string& api_config) {
  char pattern[] = "/tmp/freezer-sched-test-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  api_ = std::make_unique<ApiServer>(api_config);
  options_.client_id = "test-node";
  options_.jobs_dir = (dir_ / "jobs").string();
  options_.interval = 1s;
  options_.concurrent_jobs = 1;
  options_.agent_path = "freezer-agent";
  options_.agent_kill_grace = 5s;
  options_.api_timeout = 10s;
  options_.capabilities = {
      {"backup", "restore", "info", "admin", "exec"},
      {"fs", "mongo", "mysql", "sqlserver", "cinder", "glance", "cindernative", "nova"},
      {"local", "swift", "ssh", "s3", "ftp", "ftps"},
      {"tar", "rsync", "rsyncv2", "nova", "osbrick", "glance"}};
  options_.auth.auth_type = "none";
  options_.auth.backup_url = api_->base_url();
  options_.auth.credentials.project_id = kProject;
  // The agent insists on a Keystone URL even for local storage; it is never contacted.
  options_.auth.auth_url = "http://127.0.0.1:9/v3";
  options_.auth.interface = "public";
  if (customize) customize(options_);
}

SchedulerHarness::~SchedulerHarness() {
  stop();
  scheduler_.reset();
  api_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void SchedulerHarness::start() {
  auto identity = options_.no_api
                      ? nullptr
                      : std::make_unique<scheduler::StaticIdentity>(
                            options_.auth.backup_url, options_.auth.credentials.project_id, "");
  scheduler_ = std::make_unique<scheduler::Scheduler>(options_, std::move(identity), clock_);
  thread_ = std::thread([this] { scheduler_->run(); });
  if (options_.no_api) return;
  bool registered = wait_for(
      [this] { return call("GET", "/v2/demo/clients/" + options_.client_id).status == 200; }, 10s);
  if (!registered) throw std::runtime_error("the scheduler did not register:\n" + logs_.all());
}

void SchedulerHarness::stop() {
  if (!scheduler_) return;
  scheduler_->stop();
  if (thread_.joinable()) thread_.join();
}

HttpResult SchedulerHarness::call(const std::string& method, const std::string& path,
                                  const std::string& body) {
  HttpClient client(api_->base_url());
  std::vector<std::string> headers{"X-User-Id: alice", "X-Project-Id: demo",
                                   "X-Roles: member,reader"};
  if (!body.empty()) headers.push_back("Content-Type: application/json");
  return client.request(method, path, body, headers);
}

std::string SchedulerHarness::create_job(const std::string& json) {
  auto r = call("POST", "/v2/demo/jobs", json);
  if (r.status != 201) {
    ADD_FAILURE() << "job creation answered " << r.status << ": " << r.body;
    return "";
  }
  return parse(r.body)["job_id"].GetString();
}

rapidjson::Document SchedulerHarness::job(const std::string& job_id) {
  auto r = call("GET", "/v2/demo/jobs/" + job_id);
  if (r.status != 200) return rapidjson::Document(rapidjson::kNullType);
  return parse(r.body);
}

std::string SchedulerHarness::job_field(const std::string& job_id, const char* key) {
  auto doc = job(job_id);
  if (!doc.IsObject() || !doc.HasMember("job_schedule")) return "";
  const auto& s = doc["job_schedule"];
  auto it = s.FindMember(key);
  if (it == s.MemberEnd()) return "";
  return it->value.IsString() ? it->value.GetString() : common::to_json(it->value);
}

void SchedulerHarness::send_event(const std::string& job_id, const std::string& event) {
  auto r = call("POST", "/v2/demo/jobs/" + job_id + "/event", "{\"" + event + "\": null}");
  EXPECT_EQ(r.status, 202) << r.body;
}

rapidjson::Document SchedulerHarness::backups() {
  return parse(call("GET", "/v2/demo/backups?limit=100").body);
}

std::string SchedulerHarness::fs_backup_action(const std::string& source,
                                               const std::string& name) const {
  return R"({"action": "backup", "mode": "fs", "storage": "local", "path_to_backup": ")" + source +
         R"(", "backup_name": ")" + name + R"(", "container": ")" + (dir_ / "store").string() +
         R"(", "log_file": ")" + (dir_ / "agent.log").string() + R"("})";
}

std::string SchedulerHarness::exec_action(const std::string& command) const {
  return R"({"action": "exec", "mode": "fs", "storage": "local", "command": ")" + command +
         R"(", "container": ")" + (dir_ / "store").string() + R"(", "log_file": ")" +
         (dir_ / "agent.log").string() + R"("})";
}

bool SchedulerHarness::wait_for(const std::function<bool()>& condition,
                                std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return condition();
}

std::string SchedulerHarness::wait_for_result(const std::string& job_id,
                                              std::chrono::seconds timeout) {
  std::string result;
  wait_for([&] { return !(result = job_field(job_id, "result")).empty(); }, timeout);
  return result;
}

}  // namespace freezer::testing
