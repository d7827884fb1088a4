#pragma once
#include <span>

#include "common/embedded_file.h"

namespace freezer::db {

// db/migrations/*.sql, compiled in (generated source).
std::span<const common::EmbeddedFile> embedded_migrations();
// db/migrations/adopt_*.sql: conversions of upstream freezer-api databases.
std::span<const common::EmbeddedFile> embedded_adoptions();

}  // namespace freezer::db
