#pragma once
#include <span>

#include "common/embedded_file.h"

namespace freezer::db {

// db/migrations/*.sql, compiled in (generated source).
std::span<const common::EmbeddedFile> embedded_migrations();
// db/migrations/upstream/*.sql: upstream freezer-api's schema history, and its adoption.
std::span<const common::EmbeddedFile> embedded_upstream_migrations();

}  // namespace freezer::db
