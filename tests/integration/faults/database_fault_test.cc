// MariaDB goes away under write load and comes back: requests fail fast with 503 meanwhile,
// the service recovers by itself, and every write it acknowledged is stored exactly once.
// Uses its own MariaDB instance (port 23307), so the other suites are not disturbed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

using Clock = std::chrono::steady_clock;

const std::string kScript = std::string(FREEZER_SOURCE_DIR) + "/tests/services/mariadb.sh";
const std::string kEnv = "MDB_DIR=/tmp/freezer-fault-mariadb MDB_PORT=23307 ";

void mariadb(const std::string& command) {
  ASSERT_EQ(std::system((kEnv + kScript + " " + command + " >/dev/null").c_str()), 0) << command;
}

struct Outcome {
  std::mutex mutex;
  std::vector<std::string> acknowledged;  // markers answered 201
  std::atomic<int> unavailable{0};
  std::atomic<long> slowest_failure_ms{0};
  std::atomic<int> other{0};
};

TEST(DatabaseFaults, MariaDbStopsWhileClientsWriteAndComesBack) {
  mariadb("start");
  setenv("FREEZER_TEST_MYSQL", "mysql://freezer:freezer@127.0.0.1:23307", 1);
  ApiServer server("[database]\nconnection_timeout = 1\nread_timeout = 3\nwrite_timeout = 3\n");
  unsetenv("FREEZER_TEST_MYSQL");

  Outcome outcome;
  std::atomic<bool> stop{false};
  std::atomic<int> sequence{0};
  auto writer = [&] {
    HttpClient http(server.base_url());
    while (!stop) {
      const std::string marker = "m" + std::to_string(sequence++);
      const auto started = Clock::now();
      auto r =
          http.post("/v2/p1/backups",
                    R"({"container": "c", "hostname": "h", "backup_name": ")" + marker + "\"}");
      const long ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
      if (r.status == 201) {
        std::lock_guard lock(outcome.mutex);
        outcome.acknowledged.push_back(marker);
      } else if (r.status == 503) {
        ++outcome.unavailable;
        long seen = outcome.slowest_failure_ms;
        while (ms > seen && !outcome.slowest_failure_ms.compare_exchange_weak(seen, ms)) {
        }
      } else {
        ++outcome.other;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  };
  std::thread a(writer), b(writer);
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  mariadb("stop");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const int during_outage = outcome.unavailable;
  mariadb("start");
  const auto restarted = Clock::now();

  // The service must serve again within 5 s, without a restart.
  HttpClient probe(server.base_url());
  bool recovered = false;
  while (Clock::now() - restarted < std::chrono::seconds(5)) {
    if (probe.get("/v2/p1/backups/?limit=1").status == 200) {
      recovered = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const auto recovery = Clock::now() - restarted;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop = true;
  a.join();
  b.join();

  EXPECT_TRUE(recovered) << "not serving 5 s after MariaDB came back";
  EXPECT_GT(during_outage, 0) << "no request saw the outage";
  EXPECT_LT(outcome.slowest_failure_ms.load(), 3000) << "a failing request hung";
  EXPECT_EQ(outcome.other.load(), 0) << "answers other than 201/503";
  std::cout << "acknowledged " << outcome.acknowledged.size() << ", 503s " << outcome.unavailable
            << ", slowest 503 " << outcome.slowest_failure_ms << " ms, recovered after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(recovery).count() << " ms\n";

  // Every acknowledged write is stored, once.
  auto list = parse(probe.get("/v2/p1/backups/?limit=100000").body);
  std::multiset<std::string> stored;
  for (const auto& b : list["backups"].GetArray())
    stored.insert(b["backup_metadata"]["backup_name"].GetString());
  for (const auto& marker : outcome.acknowledged) EXPECT_EQ(stored.count(marker), 1u) << marker;
  std::set<std::string> unique(stored.begin(), stored.end());
  EXPECT_EQ(unique.size(), stored.size()) << "duplicated writes";
  EXPECT_GE(stored.size(), outcome.acknowledged.size());
  EXPECT_EQ(probe.get("/healthcheck").status, 200);
  mariadb("stop");
}

}  // namespace
}  // namespace freezer::testing
