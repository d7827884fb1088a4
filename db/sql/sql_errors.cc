#include "db/sql/sql_errors.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <string>

#include "db/errors.h"

namespace freezer::db::sql {

void rethrow_as_db_error(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const Error&) {
    throw;
  } catch (const soci::sqlite3_soci_error& e) {
    std::string message = e.what();
    switch (e.result() & 0xff) {
      case SQLITE_CONSTRAINT:
        if (message.find("UNIQUE") != std::string::npos ||
            message.find("PRIMARY KEY") != std::string::npos)
          throw Error(Error::Kind::kDuplicateKey, message);
        break;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_CANTOPEN:
      case SQLITE_IOERR:
      case SQLITE_FULL:
      case SQLITE_READONLY:
        spdlog::error("database unavailable: {}", message);
        throw Error(Error::Kind::kUnavailable, message);
      default: break;
    }
    spdlog::error("database error: {}", message);
    throw Error(Error::Kind::kInternal, message);
  } catch (const soci::soci_error& e) {
    std::string message = e.what();
    spdlog::error("database error: {}", message);
    switch (e.get_error_category()) {
      case soci::soci_error::connection_error:
        throw Error(Error::Kind::kUnavailable, message);
      case soci::soci_error::constraint_violation:
        throw Error(Error::Kind::kDuplicateKey, message);
      default: throw Error(Error::Kind::kInternal, message);
    }
  } catch (const std::exception& e) {
    spdlog::error("unexpected storage error: {}", e.what());
    throw Error(Error::Kind::kInternal, e.what());
  }
}

}  // namespace freezer::db::sql
