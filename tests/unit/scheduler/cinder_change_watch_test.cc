// The watch that lets a member's runs waiting in one project share Cinder list reads: who
// lists, whose answers come from a list, how far a list pages, and that no answer is older
// than the waiter's previous read.
#include "freezer_scheduler/run/cinder_change_watch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <stdexcept>
#include <thread>

namespace freezer::scheduler {
namespace {

struct Row {
  std::string id, status, updated_at;
};
using Watch = CinderChangeWatch<Row>;

// A project's records in Cinder. Every call takes the next tick; a record's status is the
// tick of the call that read it, so a test can tell how fresh an answer is.
class FakeCinder {
 public:
  // `rows`: ids, the most recently changed first, with their updated_at.
  explicit FakeCinder(std::vector<std::pair<std::string, std::string>> rows)
      : rows_(std::move(rows)) {}

  Watch::ListPage lister() {
    return [this](std::size_t limit, const std::string& marker) {
      std::lock_guard lock(mutex_);
      std::string tick = std::to_string(++ticks_);
      ++lists_;
      limits_.push_back(limit);
      markers_.push_back(marker);
      if (failing_lists_ > 0) {
        --failing_lists_;
        throw std::runtime_error("Cinder is unreachable");
      }
      std::vector<Row> page;
      bool after_marker = marker.empty();
      for (const auto& [id, at] : rows_) {
        if (!after_marker) {
          after_marker = id == marker;
          continue;
        }
        if (page.size() == limit) break;
        page.push_back(Row{id, tick, at});
      }
      return page;
    };
  }

  Watch::ReadOne reader(const std::string& id) {
    return [this, id]() -> std::optional<Row> {
      std::lock_guard lock(mutex_);
      std::string tick = std::to_string(++ticks_);
      ++alone_;
      for (const auto& [row_id, at] : rows_)
        if (row_id == id) return Row{id, tick, at};
      return std::nullopt;
    };
  }

  int lists() const { return lists_; }
  int alone() const { return alone_; }
  std::vector<std::size_t> limits() {
    std::lock_guard lock(mutex_);
    return limits_;
  }
  std::vector<std::string> markers() {
    std::lock_guard lock(mutex_);
    return markers_;
  }
  void fail_next_lists(int n) { failing_lists_ = n; }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> rows_;
  std::atomic<long long> ticks_ = 0;
  std::atomic<int> lists_ = 0, alone_ = 0, failing_lists_ = 0;
  std::vector<std::size_t> limits_;
  std::vector<std::string> markers_;
};

const char* kNoon = "2026-12-07T12:00:00.000000";
const char* kMorning = "2026-12-07T09:00:00.000000";

TEST(CinderChangeWatch, ALoneRecordIsAlwaysReadAlone) {
  Watch watch;
  FakeCinder cinder({{"a", kNoon}, {"b", kNoon}});
  Watch::Watched a(watch, "p1", "a");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(a.read(cinder.lister(), cinder.reader("a")));
  EXPECT_EQ(cinder.lists(), 0);
  EXPECT_EQ(cinder.alone(), 3);
}

TEST(CinderChangeWatch, WaitersOfOneProjectShareAList) {
  Watch watch;
  FakeCinder cinder({{"a", kNoon}, {"b", kNoon}, {"c", kMorning}});
  Watch::Watched a(watch, "p1", "a"), b(watch, "p1", "b");
  // First reads are alone: nothing is known of when the records last changed.
  ASSERT_TRUE(a.read(cinder.lister(), cinder.reader("a")));
  ASSERT_TRUE(b.read(cinder.lister(), cinder.reader("b")));
  EXPECT_EQ(cinder.alone(), 2);
  // Then a's turn lists the project, and b's turn takes b from that list.
  auto a2 = a.read(cinder.lister(), cinder.reader("a"));
  auto b2 = b.read(cinder.lister(), cinder.reader("b"));
  ASSERT_TRUE(a2 && b2);
  EXPECT_EQ(cinder.lists(), 1);
  EXPECT_EQ(cinder.alone(), 2);
  EXPECT_EQ(a2->status, "3");
  EXPECT_EQ(b2->status, "3");
  EXPECT_EQ(watch.reads_from_lists(), 2);
  // a's own list is older than a's last read: a's next turn lists again.
  auto a3 = a.read(cinder.lister(), cinder.reader("a"));
  EXPECT_EQ(cinder.lists(), 2);
  EXPECT_EQ(a3->status, "4");
}

TEST(CinderChangeWatch, OtherProjectsListApart) {
  Watch watch;
  FakeCinder p1({{"a", kNoon}, {"b", kNoon}});
  FakeCinder p2(std::vector<std::pair<std::string, std::string>>{{"c", kNoon}});
  Watch::Watched a(watch, "p1", "a"), b(watch, "p1", "b"), c(watch, "p2", "c");
  for (int i = 0; i < 2; ++i) {
    a.read(p1.lister(), p1.reader("a"));
    b.read(p1.lister(), p1.reader("b"));
    c.read(p2.lister(), p2.reader("c"));
  }
  EXPECT_EQ(p1.lists(), 1);
  EXPECT_EQ(p2.lists(), 0);  // c is alone in its project
  EXPECT_EQ(p2.alone(), 2);
}

TEST(CinderChangeWatch, ARecordTheListDoesNotCarryIsReadAlone) {
  Watch watch;
  // "gone" was read once, then deleted: the list does not carry it, and only a read of its
  // own says it is gone.
  FakeCinder before({{"a", kNoon}, {"gone", kNoon}});
  FakeCinder after(std::vector<std::pair<std::string, std::string>>{{"a", kNoon}});
  Watch::Watched a(watch, "p1", "a"), gone(watch, "p1", "gone");
  a.read(before.lister(), before.reader("a"));
  gone.read(before.lister(), before.reader("gone"));
  ASSERT_TRUE(a.read(after.lister(), after.reader("a")));
  EXPECT_FALSE(gone.read(after.lister(), after.reader("gone")));
  EXPECT_EQ(after.lists(), 1);
  EXPECT_EQ(after.alone(), 1);
}

TEST(CinderChangeWatch, AListPagesBackToTheOldestWatchedChangeAndNoFurther) {
  Watch watch;
  std::vector<std::pair<std::string, std::string>> rows;
  for (int i = 0; i < 120; ++i) rows.emplace_back("new" + std::to_string(i), kNoon);
  rows.emplace_back("a", "2026-12-07T11:00:00.000000");
  rows.emplace_back("b", "2026-12-07T10:00:00.000000");
  for (int i = 0; i < 200; ++i) rows.emplace_back("old" + std::to_string(i), kMorning);
  FakeCinder cinder(rows);
  Watch::Watched a(watch, "p1", "a"), b(watch, "p1", "b");
  a.read(cinder.lister(), cinder.reader("a"));
  b.read(cinder.lister(), cinder.reader("b"));
  ASSERT_TRUE(a.read(cinder.lister(), cinder.reader("a")));
  ASSERT_TRUE(b.read(cinder.lister(), cinder.reader("b")));
  // Pages of 50 (twice the records watched, at least 50): 50, 100, then the third page
  // reaches a row older than b's last change and stops.
  EXPECT_EQ(cinder.lists(), 3);
  EXPECT_EQ(cinder.markers(), (std::vector<std::string>{"", "new49", "new99"}));
  EXPECT_EQ(cinder.limits(), (std::vector<std::size_t>{50, 50, 50}));
  EXPECT_EQ(cinder.alone(), 2);
}

TEST(CinderChangeWatch, AListThatFailsFailsItsReaderAndTheNextTurnListsAgain) {
  Watch watch;
  FakeCinder cinder({{"a", kNoon}, {"b", kNoon}});
  Watch::Watched a(watch, "p1", "a"), b(watch, "p1", "b");
  a.read(cinder.lister(), cinder.reader("a"));
  b.read(cinder.lister(), cinder.reader("b"));
  cinder.fail_next_lists(1);
  EXPECT_THROW(a.read(cinder.lister(), cinder.reader("a")), std::runtime_error);
  ASSERT_TRUE(b.read(cinder.lister(), cinder.reader("b")));
  EXPECT_EQ(cinder.lists(), 2);
}

TEST(CinderChangeWatch, ConcurrentWaitersNeverGetTheSameReadTwice) {
  Watch watch;
  std::vector<std::pair<std::string, std::string>> rows;
  for (int i = 0; i < 8; ++i) rows.emplace_back("r" + std::to_string(i), kNoon);
  FakeCinder cinder(rows);
  std::atomic<int> stale = 0;
  std::latch all_read_once(8);
  std::vector<std::thread> waiters;
  for (int i = 0; i < 8; ++i)
    waiters.emplace_back([&, i] {
      std::string id = "r" + std::to_string(i);
      Watch::Watched w(watch, "p1", id);
      long long previous = 0;  // every answer comes from a later read than the one before
      for (int round = 0; round < 200; ++round) {
        if (round == 1) all_read_once.arrive_and_wait();  // every record's change is known
        auto r = w.read(cinder.lister(), cinder.reader(id));
        long long tick = r ? std::stoll(r->status) : 0;
        if (tick <= previous) ++stale;
        previous = tick;
      }
    });
  for (auto& t : waiters) t.join();
  EXPECT_EQ(stale, 0);
  EXPECT_EQ(watch.reads_from_lists() + watch.reads_alone(), 8 * 200);
  EXPECT_EQ(cinder.lists() + cinder.alone(), watch.lists() + watch.reads_alone());
  EXPECT_GT(watch.reads_from_lists(), watch.lists());  // lists were shared
}

}  // namespace
}  // namespace freezer::scheduler
