#include "db/sql/connection/mysql_prepared_select.h"

#include <soci/mysql/soci-mysql.h>

#include <cstring>

namespace freezer::db::sql {
namespace {

// Most stored values (ids, names, small JSON) fit; longer ones are fetched again in full.
constexpr std::size_t kInitialTextBuffer = 512;

bool is_integer_type(enum_field_types type) {
  switch (type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR:
      return true;
    default:
      return false;
  }
}

}  // namespace

MysqlPreparedSelect::MysqlPreparedSelect(MYSQL* connection, const std::string& query)
    : connection_(connection) {
  statement_ = mysql_stmt_init(connection);
  if (statement_ == nullptr)
    throw soci::mysql_soci_error(mysql_error(connection),
                                 static_cast<int>(mysql_errno(connection)));
  auto positional = to_positional(query);
  param_names_ = std::move(positional.names);
  if (mysql_stmt_prepare(statement_, positional.text.data(), positional.text.size()) != 0) fail();
  if (mysql_stmt_param_count(statement_) != param_names_.size())
    throw std::logic_error("the placeholders of a query were miscounted: " + query);
  param_binds_.resize(param_names_.size());
  param_lengths_.resize(param_names_.size());
  param_slots_.resize(param_names_.size());

  MYSQL_RES* metadata = mysql_stmt_result_metadata(statement_);
  if (metadata == nullptr) throw std::logic_error("not a SELECT: " + query);
  const unsigned count = mysql_num_fields(metadata);
  const MYSQL_FIELD* fields = mysql_fetch_fields(metadata);
  columns_.resize(count);
  for (unsigned i = 0; i < count; ++i) {
    positions_.add(fields[i].name, static_cast<int>(i));
    columns_[i].integer = is_integer_type(fields[i].type);
    if (!columns_[i].integer) columns_[i].bound.resize(kInitialTextBuffer);
  }
  mysql_free_result(metadata);
  result_binds_.resize(count);
}

MysqlPreparedSelect::~MysqlPreparedSelect() { mysql_stmt_close(statement_); }

void MysqlPreparedSelect::fail() const {
  // An error met while rows stream in (a deadlock in a locking read) is the connection's.
  if (mysql_stmt_errno(statement_) == 0)
    throw soci::mysql_soci_error(mysql_error(connection_),
                                 static_cast<int>(mysql_errno(connection_)));
  throw soci::mysql_soci_error(mysql_stmt_error(statement_),
                               static_cast<int>(mysql_stmt_errno(statement_)));
}

void MysqlPreparedSelect::bind_params(const Params& params) {
  for (std::size_t i = 0; i < param_names_.size(); ++i) {
    auto& bind = param_binds_[i];
    std::memset(&bind, 0, sizeof bind);
    // The same query comes with the same parameters in the same order: found where they
    // were last time, searched for otherwise (an IN list of 100 ids would be 100 searches).
    auto& slot = param_slots_[i];
    if (slot >= params.size() || params[slot].name != param_names_[i])
      slot = param_index(params, param_names_[i]);
    const auto& value = params[slot].value;
    if (const auto* text = std::get_if<std::string>(&value)) {
      bind.buffer_type = MYSQL_TYPE_STRING;
      bind.buffer = const_cast<char*>(text->data());  // only read
      bind.buffer_length = text->size();
      param_lengths_[i] = text->size();
      bind.length = &param_lengths_[i];
    } else {
      bind.buffer_type = MYSQL_TYPE_LONGLONG;
      bind.buffer = const_cast<long long*>(&std::get<long long>(value));
    }
  }
  if (!param_binds_.empty() && mysql_stmt_bind_param(statement_, param_binds_.data()) != 0) fail();
}

void MysqlPreparedSelect::bind_results() {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    auto& column = columns_[i];
    // A value that overflowed last time sets the size of the buffer from now on.
    if (column.overflow.size() > column.bound.size()) column.bound.swap(column.overflow);
    auto& bind = result_binds_[i];
    std::memset(&bind, 0, sizeof bind);
    if (column.integer) {
      bind.buffer_type = MYSQL_TYPE_LONGLONG;
      bind.buffer = &column.number;
    } else {
      bind.buffer_type = MYSQL_TYPE_STRING;
      bind.buffer = column.bound.data();
      bind.buffer_length = column.bound.size();
    }
    bind.length = &column.length;
    bind.is_null = &column.null;
    bind.error = &column.error;
  }
  if (mysql_stmt_bind_result(statement_, result_binds_.data()) != 0) fail();
}

void MysqlPreparedSelect::fetch_overflow(unsigned position) {
  auto& column = columns_[position];
  column.overflow.resize(column.length);
  MYSQL_BIND bind;
  std::memset(&bind, 0, sizeof bind);
  bind.buffer_type = MYSQL_TYPE_STRING;
  bind.buffer = column.overflow.data();
  bind.buffer_length = column.overflow.size();
  unsigned long length = 0;
  bind.length = &length;
  if (mysql_stmt_fetch_column(statement_, &bind, position, 0) != 0) fail();
}

void MysqlPreparedSelect::run(const Params& params, const RowSink& on_row) {
  bind_params(params);
  if (mysql_stmt_execute(statement_) != 0) fail();
  // Read to the end on every way out: the connection takes no other command until then.
  struct Release {
    MYSQL_STMT* statement;
    ~Release() { mysql_stmt_free_result(statement); }
  } release{statement_};
  bind_results();
  for (;;) {
    const int code = mysql_stmt_fetch(statement_);
    if (code == MYSQL_NO_DATA) return;
    if (code == 1) fail();
    for (unsigned i = 0; i < columns_.size(); ++i) {
      const auto& column = columns_[i];
      if (!column.integer && !column.null && column.length > column.bound.size()) fetch_overflow(i);
    }
    positions_.start_row();
    on_row(*this);
  }
}

bool MysqlPreparedSelect::is_null(int position) const {
  return columns_[static_cast<std::size_t>(position)].null != 0;
}

std::string MysqlPreparedSelect::text(int position) const {
  const auto& column = columns_[static_cast<std::size_t>(position)];
  if (column.null) return {};
  if (column.integer) return std::to_string(column.number);
  const auto& buffer = column.length > column.bound.size() ? column.overflow : column.bound;
  return std::string(buffer.data(), column.length);
}

std::optional<long long> MysqlPreparedSelect::integer(int position) const {
  const auto& column = columns_[static_cast<std::size_t>(position)];
  if (column.null) return std::nullopt;
  if (column.integer) return column.number;
  return parse_integer_text(text(position));
}

}  // namespace freezer::db::sql
