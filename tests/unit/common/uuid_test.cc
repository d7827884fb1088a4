#include "common/uuid.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <thread>
#include <vector>

namespace freezer::common {
namespace {

TEST(Uuid, HexIdsAre32LowercaseHexDigits) {
  const std::regex hex("[0-9a-f]{32}");
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(std::regex_match(uuid4_hex(), hex));
}

TEST(Uuid, DashedIdsAreVersion4WithTheRfcVariant) {
  const std::regex dashed("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (int i = 0; i < 1000; ++i) {
    auto id = uuid4_dashed();
    EXPECT_TRUE(std::regex_match(id, dashed)) << id;
  }
}

// Each thread draws from its own generator: ids must still never repeat across threads.
TEST(Uuid, DashedIdsAreUniqueAcrossThreads) {
  constexpr int kThreads = 4, kEach = 20000;
  std::vector<std::vector<std::string>> drawn(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&drawn, t] {
      for (int i = 0; i < kEach; ++i) drawn[t].push_back(uuid4_dashed());
    });
  for (auto& thread : threads) thread.join();
  std::set<std::string> all;
  for (const auto& ids : drawn) all.insert(ids.begin(), ids.end());
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));
}

}  // namespace
}  // namespace freezer::common
