#pragma once
// A SELECT prepared once on the MySQL/MariaDB server (libmariadb's statement API, the binary
// protocol) for one connection (see prepared_select.h).
#include <mysql.h>

#include <string>
#include <vector>

#include "db/sql/connection/prepared_select.h"

namespace freezer::db::sql {

class MysqlPreparedSelect final : public PreparedSelect, private RowView {
 public:
  MysqlPreparedSelect(MYSQL* connection, const std::string& query);
  ~MysqlPreparedSelect() override;
  MysqlPreparedSelect(const MysqlPreparedSelect&) = delete;
  MysqlPreparedSelect& operator=(const MysqlPreparedSelect&) = delete;

  void run(const Params& params, const RowSink& on_row) override;

 private:
  // Where one result column lands: integers in place, everything else as text in `bound`
  // (its size fixed while a result is read). A longer value is fetched again into `overflow`.
  struct Column {
    bool integer = false;
    long long number = 0;
    std::vector<char> bound;
    std::vector<char> overflow;
    unsigned long length = 0;
    my_bool null = 0;
    my_bool error = 0;
  };

  void bind_params(const Params& params);
  void bind_results();
  void fetch_overflow(unsigned position);
  [[noreturn]] void fail() const;

  int position(std::string_view name) const override { return positions_.at(name); }
  bool is_null(int position) const override;
  std::string text(int position) const override;
  std::optional<long long> integer(int position) const override;

  MYSQL* connection_;
  MYSQL_STMT* statement_ = nullptr;
  std::vector<std::string> param_names_;  // by placeholder position
  std::vector<MYSQL_BIND> param_binds_;
  std::vector<unsigned long> param_lengths_;
  std::vector<std::size_t> param_slots_;  // where each placeholder's value was in Params
  std::vector<Column> columns_;
  std::vector<MYSQL_BIND> result_binds_;
  ColumnPositions positions_;
};

}  // namespace freezer::db::sql
