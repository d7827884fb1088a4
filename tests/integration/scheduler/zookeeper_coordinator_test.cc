// The pool's coordination against the real 3-node ZooKeeper ensemble of the scale-out tests
// (tests/services/zookeeper.sh): group membership, locks, and what a member's leaving does.
#include "freezer_scheduler/coordination/zookeeper_coordinator.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "common/uuid.h"

namespace freezer::scheduler {
namespace {

using namespace std::chrono_literals;

BackendUrl ensemble() {
  const char* env = std::getenv("FREEZER_TEST_ZK");
  return parse_backend_url(env != nullptr && *env
                               ? env
                               : "zookeeper://127.0.0.1:22181,127.0.0.1:22182,127.0.0.1:22183"
                                 "?timeout=4&namespace=freezer-tests");
}

class ZooKeeperCoordinatorTest : public ::testing::Test {
 protected:
  std::unique_ptr<ZooKeeperCoordinator> member(const std::string& id) {
    return std::make_unique<ZooKeeperCoordinator>(ensemble(), group_, id);
  }
  std::string group_ = "group-" + common::uuid4_hex();  // a group per test
  // Locks are namespace-wide (as in tooz), and ctest runs these tests at once: names per test.
  std::string job1_ = "freezer-job-" + common::uuid4_hex();
  std::string job2_ = "freezer-job-" + common::uuid4_hex();
};

template <typename Predicate>
bool eventually(Predicate&& holds, std::chrono::seconds limit = 10s) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!holds()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(50ms);
  }
  return true;
}

TEST_F(ZooKeeperCoordinatorTest, MembersSeeEachOther) {
  auto a = member("member-a");
  auto b = member("member-b");
  ASSERT_TRUE(b->members().has_value());  // joined
  auto seen = a->members();
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(*seen, (std::vector<std::string>{"member-a", "member-b"}));
}

TEST_F(ZooKeeperCoordinatorTest, ALockHasOneHolderUntilReleased) {
  auto a = member("member-a");
  auto b = member("member-b");
  ASSERT_TRUE(a->try_lock(job1_));
  EXPECT_TRUE(a->try_lock(job1_));  // already held by a
  EXPECT_FALSE(b->try_lock(job1_));
  EXPECT_TRUE(b->try_lock(job2_));  // locks are independent
  a->unlock(job1_);
  EXPECT_TRUE(b->try_lock(job1_));
  EXPECT_FALSE(a->try_lock(job1_));
}

TEST_F(ZooKeeperCoordinatorTest, ALeavingMemberWakesTheOthersAndDropsItsLocks) {
  auto a = member("member-a");
  std::atomic<int> changes{0};
  a->watch_members([&changes] { ++changes; });
  auto b = member("member-b");
  ASSERT_TRUE(b->try_lock(job1_));
  ASSERT_EQ(a->members()->size(), 2u);  // also sets the watch
  int before = changes;
  b.reset();  // its session ends: ephemeral member and lock nodes go
  EXPECT_TRUE(eventually([&] { return changes > before; }));
  EXPECT_EQ(*a->members(), std::vector<std::string>{"member-a"});
  EXPECT_TRUE(a->try_lock(job1_));
}

TEST_F(ZooKeeperCoordinatorTest, AMemberIdHeldByALiveSessionIsNotTakenOver) {
  auto a = member("member-a");
  ASSERT_TRUE(a->members().has_value());
  auto twin = member("member-a");
  EXPECT_FALSE(twin->members().has_value());  // out of the group: owns nothing
  EXPECT_FALSE(twin->try_lock(job1_));
  a.reset();
  EXPECT_TRUE(eventually([&] { return twin->members().has_value(); }));
}

TEST_F(ZooKeeperCoordinatorTest, AnUnreachableEnsembleMeansNoMembership) {
  auto url = parse_backend_url("zookeeper://127.0.0.1:1?timeout=2");
  ZooKeeperCoordinator lost(url, group_, "member-a");
  auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(lost.members().has_value());
  EXPECT_FALSE(lost.try_lock(job1_));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);  // each call waits at most 2 s
}

}  // namespace
}  // namespace freezer::scheduler
