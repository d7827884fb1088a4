#pragma once
// What resource handlers share: storage, contracts, policy, options.
#include "db/driver.h"
#include "freezer_api/api_options.h"
#include "freezer_api/schema_registry.h"
#include "policy/enforcer.h"

namespace freezer::api {

struct Services {
  db::Driver& db;
  const SchemaRegistry& schemas;
  const policy::Enforcer& policy;
  const ApiOptions& options;
};

}  // namespace freezer::api
