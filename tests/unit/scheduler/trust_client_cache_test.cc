// The service mode's bounded cache of trust-scoped clients.
#include "freezer_scheduler/api/trust_client_cache.h"

#include <gtest/gtest.h>

#include <map>

namespace freezer::scheduler {
namespace {

class TrustClientCacheTest : public ::testing::Test {
 protected:
  std::map<std::string, int> made_for_;
  TrustClientCache cache_{2, [this](const std::string& trust_id) {
                            ++made_for_[trust_id];
                            return std::make_shared<TrustClient>();
                          }};
};

TEST_F(TrustClientCacheTest, OneClientPerTrustReusedWhileCached) {
  auto a = cache_.get("a");
  EXPECT_EQ(cache_.get("a"), a);
  EXPECT_NE(cache_.get("b"), a);
  EXPECT_EQ(made_for_, (std::map<std::string, int>{{"a", 1}, {"b", 1}}));
  EXPECT_EQ(cache_.made(), 2u);
}

TEST_F(TrustClientCacheTest, TheLeastRecentlyUsedGoesFirst) {
  cache_.get("a");
  cache_.get("b");
  cache_.get("a");  // b is now the least recently used
  cache_.get("c");
  EXPECT_EQ(cache_.size(), 2u);
  cache_.get("a");
  EXPECT_EQ(made_for_["a"], 1);
  cache_.get("b");  // let go: made again
  EXPECT_EQ(made_for_["b"], 2);
}

TEST_F(TrustClientCacheTest, AClientInUseOutlivesItsEviction) {
  auto held = cache_.get("a");
  cache_.get("b");
  cache_.get("c");
  cache_.get("d");
  EXPECT_EQ(cache_.size(), 2u);
  EXPECT_EQ(held.use_count(), 1);  // only the holder: out of the cache, still alive
  EXPECT_NE(cache_.get("a"), held);
}

}  // namespace
}  // namespace freezer::scheduler
