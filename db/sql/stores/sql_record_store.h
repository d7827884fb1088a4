#pragma once
// The one find / id_owner / insert / update / soft-delete path of the stores of
// project-owned records, made from the record's table (db/sql/table.h). Every write goes
// through ConnectionSource::write (its transaction, retried on a deadlock). A store adds its own
// queries, and what else its writes touch through the after_* hooks (same transaction).
#include <optional>
#include <string>

#include "db/sql/connection/connection_source.h"
#include "db/sql/rows/select.h"
#include "db/sql/rows/table_rows.h"

namespace freezer::db::sql {

template <typename Interface>
class SqlRecordStore : public Interface {
 public:
  using Record = typename Interface::Record;

  explicit SqlRecordStore(ConnectionSource source) : source_(source) {}

  std::optional<Record> find(const std::string& project_id, const std::string& id) override {
    return source_.run([&](soci::session& sql) {
      return select_live_row<Record>(sql, source_.statements(sql), project_id, id);
    });
  }

  IdOwner id_owner(const std::string& id) override {
    return source_.run([&](soci::session& sql) { return id_owner_in(sql, table().name(), id); });
  }

  void insert(const Record& record) override {
    source_.write([&](soci::session& sql) {
      const std::string now = utc_now();
      insert_row(sql, record, now);
      after_insert(sql, record, now);
    });
  }

  bool update(const Record& record) override {
    return source_.write([&](soci::session& sql) {
      const std::string now = utc_now();
      if (!update_row(sql, record, now)) return false;
      after_update(sql, record, now);
      return true;
    });
  }

  bool soft_delete(const std::string& project_id, const std::string& id) override {
    return source_.write([&](soci::session& sql) {
      const std::string now = utc_now();
      if (!soft_delete_row(sql, table().name(), project_id, id, now)) return false;
      after_soft_delete(sql, id, now);
      return true;
    });
  }

 protected:
  static const Table<Record>& table() { return table_of<Record>(); }

  // One page of the live records matching `conditions` (SQL, with `params`), in id order.
  std::vector<Record> list_where(const std::string& conditions, Params params, const Page& page) {
    return source_.run([&](soci::session& sql) {
      return select_page<Record>(sql, source_.statements(sql),
                                 table().select_from() + "WHERE deleted = 0 AND " + conditions,
                                 page, std::move(params));
    });
  }

  virtual void after_insert(soci::session&, const Record&, const std::string& /*now*/) {}
  virtual void after_update(soci::session&, const Record&, const std::string& /*now*/) {}
  virtual void after_soft_delete(soci::session&, const std::string& /*id*/,
                                 const std::string& /*now*/) {}

  ConnectionSource source_;
};

}  // namespace freezer::db::sql
