#include "db/sql/connection/group_commit.h"

#include "db/sql/connection/connection_pool.h"
#include "db/sql/connection/write_transaction.h"

namespace freezer::db::sql {

void GroupCommit::run(const Write& write) {
  Pending mine{&write, nullptr, false};
  std::unique_lock lock(mutex_);
  queue_.push_back(&mine);
  while (!mine.done) {
    if (leader_busy_) {
      finished_.wait(lock);
      continue;
    }
    leader_busy_ = true;
    std::deque<Pending*> batch;
    while (!queue_.empty() && batch.size() < kMaxBatch) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    run_batch(batch);
    lock.lock();
    for (auto* pending : batch) pending->done = true;
    leader_busy_ = false;
    finished_.notify_all();
  }
  if (mine.error) std::rethrow_exception(mine.error);
}

void GroupCommit::run_batch(std::deque<Pending*>& batch) {
  try {
    ConnectionPool::Lease lease(pool_);
    soci::session& sql = *lease;
    WriteTransaction tx(sql, pool_.dialect(), pool_.writer_turn());
    for (auto* pending : batch) {
      sql << "SAVEPOINT grouped_write";
      try {
        (*pending->write)(sql);
      } catch (...) {
        pending->error = std::current_exception();
        sql << "ROLLBACK TO SAVEPOINT grouped_write";  // undoes this write only
      }
      sql << "RELEASE SAVEPOINT grouped_write";
    }
    tx.commit();
  } catch (...) {
    // No transaction, a savepoint that would not roll back, or a failed commit: nothing of
    // the batch is stored, and every write in it says so.
    for (auto* pending : batch)
      if (!pending->error) pending->error = std::current_exception();
  }
}

}  // namespace freezer::db::sql
