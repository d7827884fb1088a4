// Scheduler poll benchmark: one freezer-scheduler (the binary, as operators run it) whose
// client has N jobs (10,000 by default) in the real API (noauth, SQLite, in this process).
// Measures the first poll cycle (every job new: auto-started and reported), the steady
// cycles after it (change listings against this API: the jobs changed within the last poll
// and the API's 30 s margin), how long until every job is reported scheduled in the API, and the
// scheduler's memory (VmRSS, and the peak VmHWM). Targets: a cycle <= 2 s, RSS <= 50 MB.
// Usage: scheduler_poll_bench <freezer-scheduler> [jobs] [page size] [steady cycles]
// Prints the results and writes them to scheduler_poll_bench.json in the current directory.
#include <signal.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <thread>

#include "tests/support/api_server.h"

using namespace freezer::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

long proc_status_kb(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  return -1;
}

std::vector<long> cycle_times(const std::string& log) {
  std::ifstream in(log);
  std::string line;
  std::vector<long> out;
  // A full listing ("N jobs") or, after the first, a change listing ("N changed jobs").
  static const std::regex re(R"(Poll cycle: (\d+) (?:changed )?jobs in (\d+) ms)");
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_search(line, m, re)) out.push_back(std::stol(m[2]));
  return out;
}

std::size_t count_with_status(ApiServer& api, const std::string& status) {
  HttpClient http(api.base_url());
  std::size_t total = 0;
  for (std::size_t offset = 0;; offset += 1000) {
    auto r = http.request("GET", "/v2/demo/jobs?limit=1000&offset=" + std::to_string(offset),
                          R"({"match": [{"status": ")" + status + R"("}]})");
    auto n = parse(r.body)["jobs"].Size();
    total += n;
    if (n < 1000) return total;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: scheduler_poll_bench <freezer-scheduler> [jobs] [page size] [cycles]\n";
    return 2;
  }
  const std::string binary = argv[1];
  const int jobs = argc > 2 ? std::atoi(argv[2]) : 10000;
  const int page_size = argc > 3 ? std::atoi(argv[3]) : 1000;  // the scheduler's default
  const int steady_cycles = argc > 4 ? std::atoi(argv[4]) : 3;
  spdlog::set_level(spdlog::level::warn);
  ApiServer api("[api]\nmax_limit = 1000\n");
  HttpClient http(api.base_url());
  auto registered = http.request("POST", "/v2/demo/clients",
                                 R"({"client_id": "bench-node", "hostname": "bench-node"})");
  if (registered.status != 201) {
    std::cerr << "client registration: " << registered.status << " " << registered.body << "\n";
    return 1;
  }

  // Seed the jobs over HTTP, 4 writers at a time.
  auto seed_started = Clock::now();
  std::atomic<int> next{0}, failed{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&] {
      HttpClient client(api.base_url());
      for (int i = next++; i < jobs; i = next++) {
        auto r = client.request(
            "POST", "/v2/demo/jobs",
            R"({"client_id": "bench-node", "description": "bench job )" + std::to_string(i) +
                R"(", "job_schedule": {"schedule_interval": "1 days", "schedule_start_date": "2099-01-01T00:00:00"},
                "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs", "storage": "local",
                "path_to_backup": "/srv/data/)" +
                std::to_string(i) + R"(", "backup_name": "b", "container": "/srv/backups"},
                "max_retries": 2, "max_retries_interval": 30}]})",
            {"Content-Type: application/json"});
        if (r.status != 201) ++failed;
      }
    });
  for (auto& w : writers) w.join();
  double seed_seconds = std::chrono::duration<double>(Clock::now() - seed_started).count();
  if (failed) {
    std::cerr << failed << " job creations failed\n";
    return 1;
  }

  auto dir = api.directory();
  auto log = (dir / "scheduler.log").string();
  std::ofstream(dir / "scheduler.conf")
      << "[DEFAULT]\nlog_file = " << log << "\n"
      << "[scheduler]\nclient_id = bench-node\njobs_dir = " << (dir / "jobs").string()
      << "\ninterval = 5\napi_page_size = " << page_size << "\n"
      << "[service_auth]\nauth_type = none\nos_backup_url = " << api.base_url()
      << "\nos_project_id = demo\n";
  std::string config = (dir / "scheduler.conf").string();
  std::vector<std::string> args{binary, "--config-file", config, "--no-daemon", "start"};
  std::vector<char*> c_args;
  for (auto& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);
  pid_t pid;
  auto started = Clock::now();
  if (posix_spawn(&pid, binary.c_str(), nullptr, nullptr, c_args.data(), environ) != 0) {
    std::cerr << "cannot run " << binary << "\n";
    return 1;
  }
  long peak_rss = 0;
  std::vector<long> cycles;
  while ((cycles = cycle_times(log)).size() < static_cast<std::size_t>(1 + steady_cycles) &&
         Clock::now() - started < 300s) {
    peak_rss = std::max(peak_rss, proc_status_kb(pid, "VmRSS"));
    std::this_thread::sleep_for(100ms);
  }
  long rss = proc_status_kb(pid, "VmRSS");
  long hwm = proc_status_kb(pid, "VmHWM");
  // Every job reported in the API (the reports of the first cycle go out asynchronously).
  std::size_t scheduled = 0;
  auto report_deadline = Clock::now() + 300s;
  while ((scheduled = count_with_status(api, "scheduled")) < static_cast<std::size_t>(jobs) &&
         Clock::now() < report_deadline)
    std::this_thread::sleep_for(1s);
  double all_reported = std::chrono::duration<double>(Clock::now() - started).count();
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);

  if (cycles.size() < static_cast<std::size_t>(1 + steady_cycles)) {
    std::cerr << "the scheduler logged " << cycles.size() << " poll cycles\n";
    return 1;
  }
  {
    std::ifstream in(log);
    std::string line;
    while (std::getline(in, line))
      if (line.find("Poll cycle") != std::string::npos)
        std::cout << "  " << line.substr(line.find("Poll cycle")) << "\n";
  }
  std::vector<long> steady(cycles.begin() + 1, cycles.end());
  std::sort(steady.begin(), steady.end());
  long median = steady[steady.size() / 2];
  std::ostringstream json;
  json << "{\"jobs\": " << jobs << ", \"page_size\": " << page_size
       << ", \"seed_seconds\": " << seed_seconds << ", \"first_cycle_ms\": " << cycles[0]
       << ", \"steady_cycle_ms_median\": " << median
       << ", \"steady_cycle_ms_max\": " << steady.back()
       << ", \"all_reported_seconds\": " << all_reported
       << ", \"jobs_reported_scheduled\": " << scheduled << ", \"rss_kb\": " << rss
       << ", \"peak_rss_kb\": " << std::max(hwm, peak_rss) << "}";
  std::cout << "scheduler poll benchmark: " << jobs << " jobs, pages of " << page_size << "\n"
            << "  seeding over HTTP        " << seed_seconds << " s\n"
            << "  first poll cycle         " << cycles[0]
            << " ms (all jobs new: parsed, scheduled, cached)\n"
            << "  steady poll cycle        " << median << " ms median, " << steady.back()
            << " ms max (" << steady.size() << " cycles; target <= 2000 ms)\n"
            << "  all jobs reported        " << all_reported << " s after start (" << scheduled
            << " scheduled)\n"
            << "  scheduler RSS            " << rss / 1024 << " MB now, "
            << std::max(hwm, peak_rss) / 1024 << " MB peak (target <= 50 MB)\n"
            << json.str() << "\n";
  std::ofstream("scheduler_poll_bench.json") << json.str() << "\n";
  return 0;
}
