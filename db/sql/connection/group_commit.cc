#include "db/sql/connection/group_commit.h"

#include "db/sql/connection/connection_pool.h"
#include "db/sql/connection/write_transaction.h"

namespace freezer::db::sql {

void GroupCommit::run(const Write& write) {
  Pending mine{&write, nullptr};
  batches_.submit(mine, [this](const std::vector<Pending*>& batch) { run_batch(batch); });
  if (mine.error) std::rethrow_exception(mine.error);
}

void GroupCommit::run_batch(const std::vector<Pending*>& batch) {
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
