#include "freezer_api/auth/token_cache.h"

#include <gtest/gtest.h>

namespace freezer::api {
namespace {

class FakeClock : public common::Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return now_; }
  void advance(std::chrono::seconds s) { now_ += s; }

 private:
  std::chrono::system_clock::time_point now_ =
      std::chrono::system_clock::from_time_t(1'800'000'000);
};

RequestContext user(const std::string& id) {
  RequestContext c;
  c.user_id = id;
  return c;
}

TEST(TokenCache, KeepsAValidationUntilTheTokenExpires) {
  FakeClock clock;
  TokenCache cache(10, std::chrono::seconds(300), clock);
  cache.store("t1", user("u1"), clock.now() + std::chrono::seconds(60));
  ASSERT_TRUE(cache.find("t1"));
  EXPECT_EQ(cache.find("t1")->user_id, "u1");
  clock.advance(std::chrono::seconds(59));
  EXPECT_TRUE(cache.find("t1"));
  clock.advance(std::chrono::seconds(1));
  EXPECT_FALSE(cache.find("t1"));  // expired: Keystone must be asked again
  EXPECT_EQ(cache.size(), 0u);
}

TEST(TokenCache, NeverLongerThanTheConfiguredCap) {
  FakeClock clock;
  TokenCache cache(10, std::chrono::seconds(30), clock);
  cache.store("t1", user("u1"), clock.now() + std::chrono::hours(4));
  clock.advance(std::chrono::seconds(29));
  EXPECT_TRUE(cache.find("t1"));
  clock.advance(std::chrono::seconds(1));
  EXPECT_FALSE(cache.find("t1"));
}

TEST(TokenCache, EvictsTheLeastRecentlyUsed) {
  FakeClock clock;
  TokenCache cache(2, std::chrono::seconds(300), clock);
  const auto later = clock.now() + std::chrono::hours(1);
  cache.store("a", user("a"), later);
  cache.store("b", user("b"), later);
  ASSERT_TRUE(cache.find("a"));  // a is now the most recent
  cache.store("c", user("c"), later);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_TRUE(cache.find("a"));
  EXPECT_FALSE(cache.find("b"));
  EXPECT_TRUE(cache.find("c"));
}

TEST(TokenCache, ZeroCapacityCachesNothing) {
  FakeClock clock;
  TokenCache cache(0, std::chrono::seconds(300), clock);
  cache.store("a", user("a"), clock.now() + std::chrono::hours(1));
  EXPECT_FALSE(cache.find("a"));
}

}  // namespace
}  // namespace freezer::api
