// Work the database aborts runs again in one place only, a bounded number of times: the
// request's unit of work (db/conflict_retry.h), never a store's single write as well.
#include "db/conflict_retry.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "db/sql/connection/connection_source.h"

namespace freezer::db {
namespace {

using namespace std::chrono_literals;

Error conflict() { return Error(Error::Kind::kConflict, "Deadlock found when trying to get lock"); }

struct Counted {
  int runs = 0;
  std::vector<std::chrono::milliseconds> pauses;
  ConflictRetry retry() {
    ConflictRetry r;
    r.pause = [this](std::chrono::milliseconds d) { pauses.push_back(d); };
    return r;
  }
};

TEST(ConflictRetry, AConflictThatNeverClearsRunsTwentyTimesThenReachesTheCaller) {
  Counted c;
  try {
    retry_conflicts(
        [&]() -> int {
          ++c.runs;
          throw conflict();
        },
        c.retry());
    FAIL() << "the conflict was swallowed";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::kConflict);
  }
  EXPECT_EQ(c.runs, 20);
  ASSERT_EQ(c.pauses.size(), 19u);
  std::chrono::milliseconds total{0};
  for (auto p : c.pauses) {
    EXPECT_GE(p, 1ms);
    EXPECT_LE(p, 200ms);
    total += p;
  }
  EXPECT_LE(total, 3610ms);  // 10 + 20 + 40 + 80 + 160 + 14 x 200
  EXPECT_LE(c.pauses[0], 10ms);
}

TEST(ConflictRetry, AConflictThatClearsGivesTheResultOfTheRunThatCommitted) {
  Counted c;
  int result = retry_conflicts(
      [&] {
        if (++c.runs < 3) throw conflict();
        return 42;
      },
      c.retry());
  EXPECT_EQ(result, 42);
  EXPECT_EQ(c.runs, 3);
  EXPECT_EQ(c.pauses.size(), 2u);
}

TEST(ConflictRetry, OtherErrorsAreNotRunAgain) {
  for (auto kind :
       {Error::Kind::kDuplicateKey, Error::Kind::kUnavailable, Error::Kind::kInternal}) {
    Counted c;
    EXPECT_THROW(retry_conflicts(
                     [&]() -> int {
                       ++c.runs;
                       throw Error(kind, "no");
                     },
                     c.retry()),
                 Error);
    EXPECT_EQ(c.runs, 1);
    EXPECT_TRUE(c.pauses.empty());
  }
}

// A store's write on its own (no request around it) reports the conflict at once: the retry
// belongs to the unit of work, so one request runs its writes at most 20 times, not 20 x 3.
TEST(ConflictRetry, AStoresWriteDoesNotRetryByItself) {
  auto dir = std::filesystem::temp_directory_path() /
             ("freezer-conflict-retry-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    sql::PoolOptions options;
    options.backend = "sqlite3";
    options.connect_string = "db=" + (dir / "test.db").string();
    options.size = 2;
    sql::ConnectionPool pool(options);
    int runs = 0;
    auto failing_write = [&runs](soci::session&) {
      ++runs;
      throw conflict();
    };
    // A write of its own (SQLite: through the group commit).
    sql::ConnectionSource source(pool);
    EXPECT_THROW(source.write(failing_write), Error);
    EXPECT_EQ(runs, 1);
    // A write inside an open transaction.
    runs = 0;
    sql::ConnectionPool::Lease connection(pool);
    sql::ConnectionSource in_transaction(pool, *connection);
    EXPECT_THROW(in_transaction.write(failing_write), Error);
    EXPECT_EQ(runs, 1);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace freezer::db
