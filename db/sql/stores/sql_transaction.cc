#include "db/sql/stores/sql_transaction.h"

#include "db/sql/connection/sql_errors.h"

namespace freezer::db::sql {

SqlTransaction::SqlTransaction(ConnectionPool& pool)
    : lease_(pool),
      tx_(translate_errors([&]() -> WriteTransaction {
        return WriteTransaction(*lease_, pool.dialect(), pool.writer_turn());
      })),
      stores_(ConnectionSource(pool, *lease_)) {}

void SqlTransaction::commit() {
  translate_errors([&] { tx_.commit(); });
}

}  // namespace freezer::db::sql
