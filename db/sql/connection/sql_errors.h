#pragma once
// Maps SOCI/database exceptions to db::Error, in this one place.
#include <exception>
#include <utility>

namespace freezer::db::sql {

[[noreturn]] void rethrow_as_db_error(const std::exception_ptr& error);

template <typename Fn>
auto translate_errors(Fn&& fn) -> decltype(fn()) {
  try {
    return std::forward<Fn>(fn)();
  } catch (...) {
    rethrow_as_db_error(std::current_exception());
  }
}

}  // namespace freezer::db::sql
