#pragma once
// Cinder records (backups, volumes) that a member's runs wait on, followed together per project:
// while two or more are watched in one project, a run whose turn it is to look lists the
// project's records changed since the oldest one watched (sort updated_at desc, paged) and
// every waiter of that project reads its answer from that list, rather than each asking for its
// own record on each poll.
//
// A waiter only takes an answer from a list that began after its previous look, so it sees
// what a read of its own would have shown then. A record the list did not carry (made or
// changed while it paged, too far down, no updated_at yet) is read alone, as is a lone
// waiter's: the results and errors are those of reading each record by itself.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "freezer_scheduler/run/retention.h"

namespace freezer::scheduler {

// Record: a struct with `id` and `updated_at` (Cinder's text; "" when the record has none).
template <typename Record>
class CinderChangeWatch {
 public:
  using ListPage = std::function<std::vector<Record>(std::size_t limit, const std::string& marker)>;
  using ReadOne = std::function<std::optional<Record>()>;

  // One waiter's record, watched while this lives. `scope`: the project's Cinder endpoint.
  class Watched {
   public:
    Watched(CinderChangeWatch& watch, std::string scope, std::string id)
        : watch_(watch), scope_(std::move(scope)), id_(std::move(id)) {}
    ~Watched() { watch_.forget(scope_, id_); }
    Watched(const Watched&) = delete;
    Watched& operator=(const Watched&) = delete;

    // The record now (nullopt: gone), from a list that began after the previous read, or
    // alone. Throws what `list` or `one` throw.
    std::optional<Record> read(const ListPage& list, const ReadOne& one) {
      std::optional<Record> state;
      ++reads_;
      if (watch_.from_list(scope_, id_, previous_read_, list, state)) {
        ++from_lists_;
      } else {
        state = one();
        ++watch_.reads_alone_;
      }
      watch_.note(scope_, id_, state);
      previous_read_ = Clock::now();
      return state;
    }

    int reads() const { return reads_; }
    int from_lists() const { return from_lists_; }  // of them, answered by a shared list

   private:
    CinderChangeWatch& watch_;
    std::string scope_, id_;
    int reads_ = 0, from_lists_ = 0;
    // When the last read returned: the next takes no list begun before (the first, none begun
    // before the record was watched).
    std::chrono::steady_clock::time_point previous_read_ = std::chrono::steady_clock::now();
  };

  // How many answers came from shared lists, and from reads of one record (for the logs and
  // tests).
  long long reads_from_lists() const { return reads_from_lists_; }
  long long reads_alone() const { return reads_alone_; }
  long long lists() const { return lists_; }

 private:
  using Clock = std::chrono::steady_clock;
  using Time = std::chrono::system_clock::time_point;
  static constexpr int kMaxPages = 3;

  struct List {
    Clock::time_point started;
    std::unordered_map<std::string, Record> rows;
  };
  struct Scope {
    std::unordered_map<std::string, std::optional<Time>> watched;  // updated_at as last read
    std::optional<List> latest;
    bool listing = false;
    std::condition_variable listed;
  };

  // True when `state` came from a list of the scope begun after `since`.
  bool from_list(const std::string& scope, const std::string& id, Clock::time_point since,
                 const ListPage& list, std::optional<Record>& state) {
    std::unique_lock lock(mutex_);
    auto& s = scopes_[scope];
    s.watched.try_emplace(id);
    while (true) {
      if (s.latest && s.latest->started > since) {
        auto row = s.latest->rows.find(id);
        if (row == s.latest->rows.end()) return false;
        state = row->second;
        ++reads_from_lists_;
        return true;
      }
      if (s.listing) {
        s.listed.wait(lock);
        continue;
      }
      // The oldest change a list must reach back to; only records read before with an
      // updated_at can be found that way.
      std::optional<Time> cutoff;
      std::size_t known = 0;
      for (const auto& [watched_id, at] : s.watched)
        if (at) {
          ++known;
          cutoff = cutoff ? std::min(*cutoff, *at) : *at;
        }
      if (known < 2 || !s.watched[id]) return false;
      s.listing = true;
      auto started = Clock::now();
      lock.unlock();
      std::unordered_map<std::string, Record> rows;
      try {
        rows = changed_since(list, *cutoff, known);
      } catch (...) {
        lock.lock();
        s.listing = false;
        s.listed.notify_all();
        throw;
      }
      lock.lock();
      ++lists_;
      s.latest = List{started, std::move(rows)};
      s.listing = false;
      s.listed.notify_all();
    }
  }

  static std::unordered_map<std::string, Record> changed_since(const ListPage& list, Time cutoff,
                                                               std::size_t watched) {
    std::size_t limit = std::clamp<std::size_t>(2 * watched, 50, 1000);
    std::unordered_map<std::string, Record> rows;
    std::string marker;
    for (int page = 0; page < kMaxPages; ++page) {
      auto records = list(limit, marker);
      if (records.size() < limit) page = kMaxPages;  // the last page
      if (!records.empty()) marker = records.back().id;
      for (auto& r : records) {
        // Rows are the most recently changed first: past the cutoff, none is watched.
        if (auto at = cinder_time(r.updated_at); at && *at < cutoff) page = kMaxPages;
        std::string id = r.id;
        rows.insert_or_assign(std::move(id), std::move(r));
      }
    }
    return rows;
  }

  void note(const std::string& scope, const std::string& id, const std::optional<Record>& state) {
    std::lock_guard lock(mutex_);
    auto& s = scopes_[scope];
    s.watched[id] = state ? cinder_time(state->updated_at) : std::nullopt;
  }

  void forget(const std::string& scope, const std::string& id) {
    std::lock_guard lock(mutex_);
    auto s = scopes_.find(scope);
    if (s == scopes_.end()) return;
    s->second.watched.erase(id);
    if (s->second.watched.empty() && !s->second.listing) scopes_.erase(s);
  }

  std::mutex mutex_;
  std::unordered_map<std::string, Scope> scopes_;
  std::atomic<long long> reads_from_lists_ = 0, reads_alone_ = 0, lists_ = 0;
};

}  // namespace freezer::scheduler
