// The pool's pieces that need no ZooKeeper: tooz's hash ring and the backend URL.
#include <gtest/gtest.h>

#include "common/hash_ring.h"
#include "freezer_scheduler/coordination/backend_url.h"

namespace freezer::scheduler {
namespace {

using common::HashRing;

// Owners computed by tooz 3.1.0 (python3-tooz) for the same members and keys:
//   tooz.hashring.HashRing(["sched-a", "sched-b", "sched-c"]).get_nodes(key.encode())
TEST(HashRing, AssignsKeysAsTooz) {
  HashRing ring({"sched-a", "sched-b", "sched-c"});
  const char* expected[] = {"sched-a", "sched-b", "sched-a", "sched-a", "sched-c", "sched-a",
                            "sched-b", "sched-b", "sched-b", "sched-c", "sched-b", "sched-c"};
  for (int i = 0; i < 12; ++i)
    EXPECT_EQ(ring.owner("job-" + std::to_string(i)), expected[i]) << "job-" << i;
  EXPECT_EQ(ring.owner("0c7a2d4e-9f1b-4c2a-8a53-2f4b1d7c9e10"), "sched-c");
  EXPECT_EQ(ring.owner(""), "sched-a");
}

TEST(HashRing, MovesOnlyTheLeaversKeys) {
  HashRing three({"sched-a", "sched-b", "sched-c"});
  HashRing two({"sched-c", "sched-a", "sched-a"});  // order and duplicates do not matter
  int moved = 0;
  for (int i = 0; i < 1000; ++i) {
    auto key = "job-" + std::to_string(i);
    if (three.owner(key) != "sched-b")
      EXPECT_EQ(two.owner(key), three.owner(key)) << key;
    else
      ++moved;
    EXPECT_NE(two.owner(key), "sched-b");
  }
  // Each member has about a third (32 points each spread them unevenly, not wildly).
  EXPECT_GT(moved, 200);
  EXPECT_LT(moved, 480);
  // tooz again, after sched-b left.
  const char* expected[] = {"sched-a", "sched-a", "sched-a", "sched-a", "sched-c", "sched-a",
                            "sched-c", "sched-c", "sched-c", "sched-c", "sched-c", "sched-c"};
  for (int i = 0; i < 12; ++i) EXPECT_EQ(two.owner("job-" + std::to_string(i)), expected[i]);
}

TEST(HashRing, EmptyRingOwnsNothing) {
  HashRing ring({});
  EXPECT_TRUE(ring.empty());
  EXPECT_EQ(ring.owner("job"), "");
}

TEST(BackendUrl, ReadsHostsAndToozOptions) {
  auto url = parse_backend_url("zookeeper://127.0.0.1:2181,10.0.0.2:2181/?timeout=5&namespace=ns");
  EXPECT_EQ(url.hosts, "127.0.0.1:2181,10.0.0.2:2181");
  EXPECT_EQ(url.timeout.count(), 5);
  EXPECT_EQ(url.name_space, "ns");
  auto plain = parse_backend_url("zookeeper://zk:2181");
  EXPECT_EQ(plain.hosts, "zk:2181");
  EXPECT_EQ(plain.timeout.count(), 10);
  EXPECT_EQ(plain.name_space, "tooz");
}

TEST(BackendUrl, RefusesWhatItCannotUse) {
  EXPECT_THROW(parse_backend_url("redis://127.0.0.1:6379"), BackendUrlError);
  EXPECT_THROW(parse_backend_url("zookeeper://"), BackendUrlError);
  EXPECT_THROW(parse_backend_url("zookeeper://zk:2181/path"), BackendUrlError);
  EXPECT_THROW(parse_backend_url("zookeeper://zk:2181?timeout=0"), BackendUrlError);
  EXPECT_THROW(parse_backend_url("zookeeper://zk:2181?timeout=ten"), BackendUrlError);
  EXPECT_THROW(parse_backend_url("zookeeper://zk:2181?namespace=a/b"), BackendUrlError);
}

}  // namespace
}  // namespace freezer::scheduler
