#pragma once
#include <span>

#include "common/embedded_file.h"

namespace freezer::db {

// db/migrations/*.sql, compiled in (generated source).
std::span<const common::EmbeddedFile> embedded_migrations();

}  // namespace freezer::db
