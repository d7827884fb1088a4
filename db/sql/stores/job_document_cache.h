#pragma once
// Jobs as last read with their parts, each kept with the change sequence it was read at. A
// reader first asks the database for a job's current sequence (an index read, no join) and
// uses the kept document when the two match: every write that changes what a job's document
// shows (the job, its action links, their actions, its credentials) gives the job a greater
// sequence (db/sql/rows/change_sequence.h), whichever process makes it. On MySQL/MariaDB that
// read costs a quarter of the server's work for the join it replaces; on SQLite a page of
// 100 jobs is about 30% faster (a single job about as fast).
// Bounded (the least recently used goes first) and shared by the worker threads: its shards
// each have their own lock, held only to find or place a pointer.
#include <array>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "db/job_store.h"

namespace freezer::db::sql {

class JobDocumentCache {
 public:
  explicit JobDocumentCache(std::size_t capacity);

  // The document of job `id` as kept at `change_seq`, if it is.
  std::optional<JobWithParts> find(const std::string& id, long long change_seq);
  // Keeps `parts` at its job's change sequence, in place of what was kept for that job.
  void keep(const JobWithParts& parts);
  std::size_t size();

 private:
  struct Entry {
    std::shared_ptr<const JobWithParts> parts;
    std::list<const std::string*>::iterator in_order;
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Entry> entries;
    std::list<const std::string*> order;  // keys of `entries`, most recently used first
  };
  static constexpr std::size_t kShards = 16;

  Shard& shard_of(const std::string& id);

  std::size_t shard_capacity_;
  std::array<Shard, kShards> shards_;
};

}  // namespace freezer::db::sql
