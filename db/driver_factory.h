#pragma once
// Builds the storage driver named by the configuration ([storage] driver, [database]).
#include <memory>

#include "common/config.h"
#include "db/driver.h"

namespace freezer::db {

// `pool_size` is the number of connections (one per worker thread). Throws
// std::invalid_argument for a bad configuration, db::Error when the database cannot be opened.
std::unique_ptr<Driver> make_driver(const common::Config& config, std::size_t pool_size);

}  // namespace freezer::db
