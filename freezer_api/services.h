#pragma once
// What resource handlers share: storage, contracts, options.
#include "db/driver.h"
#include "freezer_api/api_options.h"
#include "freezer_api/schema_registry.h"

namespace freezer::api {

struct Services {
  db::Driver& db;
  const SchemaRegistry& schemas;
  const ApiOptions& options;
};

}  // namespace freezer::api
