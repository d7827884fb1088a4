#include "db/sql/connection/sql_errors.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <string>

#include "db/errors.h"

namespace freezer::db::sql {

void rethrow_as_db_error(const std::exception_ptr& error) {
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
      default:
        break;
    }
    spdlog::error("database error: {}", message);
    throw Error(Error::Kind::kInternal, message);
  } catch (const soci::mysql_soci_error& e) {
    std::string message = e.what();
    switch (e.err_num_) {
      case 1062:  // ER_DUP_ENTRY
        throw Error(Error::Kind::kDuplicateKey, message);
      case 1205:  // ER_LOCK_WAIT_TIMEOUT
      case 1213:  // ER_LOCK_DEADLOCK
        spdlog::warn("database conflict: {}", message);
        throw Error(Error::Kind::kConflict, message);
      case 1047:  // ER_UNKNOWN_COM_ERROR: a Galera node outside the primary component
      case 1040:  // ER_CON_COUNT_ERROR
      case 1045:  // ER_ACCESS_DENIED_ERROR
      case 1049:  // ER_BAD_DB_ERROR
        spdlog::error("database unavailable: {}", message);
        throw Error(Error::Kind::kUnavailable, message);
      default:
        break;
    }
    if (e.get_error_category() == soci::soci_error::connection_error || e.err_num_ >= 2000) {
      spdlog::error("database unavailable: {}", message);
      throw Error(Error::Kind::kUnavailable, message);
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
      default:
        throw Error(Error::Kind::kInternal, message);
    }
  } catch (const std::exception& e) {
    spdlog::error("unexpected storage error: {}", e.what());
    throw Error(Error::Kind::kInternal, e.what());
  }
}

}  // namespace freezer::db::sql
