#include "db/sql/sql_transaction.h"

#include "db/sql/sql_errors.h"

namespace freezer::db::sql {

SqlTransaction::SqlTransaction(SessionPool& pool)
    : lease_(pool),
      tx_(translate_errors([&]() -> WriteTransaction {
        return WriteTransaction(*lease_, pool.dialect(), pool.writer_turn());
      })),
      stores_(SessionSource(pool, *lease_)) {}

void SqlTransaction::commit() {
  translate_errors([&] { tx_.commit(); });
}

}  // namespace freezer::db::sql
