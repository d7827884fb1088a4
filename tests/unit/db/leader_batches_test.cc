// Items handed in while a batch runs go together in the next one; each runs exactly once, and
// a lone item runs at once on its own thread.
#include "db/sql/connection/leader_batches.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace freezer::db::sql {
namespace {

struct Item {
  int value = 0;
  int runs = 0;
  std::thread::id ran_on;
};

TEST(LeaderBatches, ALoneItemRunsAtOnceOnItsOwnThread) {
  LeaderBatches<Item> batches(8);
  Item item;
  std::size_t batch_size = 0;
  batches.submit(item, [&](const std::vector<Item*>& batch) {
    batch_size = batch.size();
    for (auto* each : batch) {
      ++each->runs;
      each->ran_on = std::this_thread::get_id();
    }
  });
  EXPECT_EQ(batch_size, 1u);
  EXPECT_EQ(item.runs, 1);
  EXPECT_EQ(item.ran_on, std::this_thread::get_id());
}

TEST(LeaderBatches, ItemsQueuedWhileABatchRunsShareTheNextOne) {
  LeaderBatches<Item> batches(64);
  std::mutex mutex;
  std::vector<std::vector<int>> ran;  // the values of each batch, in order
  std::atomic<int> handing_in{0};
  std::atomic<bool> first_running{false};
  auto run_batch = [&](const std::vector<Item*>& batch) {
    std::vector<int> values;
    for (auto* each : batch) {
      ++each->runs;
      values.push_back(each->value);
    }
    if (values == std::vector<int>{0}) {
      // The first batch is slow: everyone else hands in meanwhile.
      first_running = true;
      while (handing_in.load() < 5) std::this_thread::yield();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::lock_guard lock(mutex);
    ran.push_back(values);
  };

  std::vector<Item> items(6);
  for (int i = 0; i < 6; ++i) items[static_cast<std::size_t>(i)].value = i;
  std::thread first([&] { batches.submit(items[0], run_batch); });
  while (!first_running.load()) std::this_thread::yield();
  std::vector<std::thread> others;
  for (std::size_t i = 1; i < 6; ++i)
    others.emplace_back([&, i] {
      ++handing_in;
      batches.submit(items[i], run_batch);
    });
  first.join();
  for (auto& other : others) other.join();

  for (const auto& item : items) EXPECT_EQ(item.runs, 1);
  ASSERT_EQ(ran.size(), 2u);
  EXPECT_EQ(ran[0], std::vector<int>{0});
  EXPECT_EQ(ran[1].size(), 5u);
}

}  // namespace
}  // namespace freezer::db::sql
