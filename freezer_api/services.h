#pragma once
// What resource handlers share: storage, contracts, policy, options. Borrowed: ApiAssembly
// owns each of them for as long as the routes that use them.
#include <functional>
#include <optional>

#include "common/credential_cipher.h"
#include "db/driver.h"
#include "freezer_api/config/api_options.h"
#include "freezer_api/schemas/schema_registry.h"
#include "policy/enforcer.h"

namespace freezer::api {

class TrustBroker;

struct Services {
  db::Driver& db;
  const SchemaRegistry& schemas;
  const policy::Enforcer& policy;
  const ApiOptions& options;
  common::CredentialCipher& cipher;  // trust ids at rest
  // Absent: no trusts (disabled, or not authenticating with Keystone).
  std::optional<std::reference_wrapper<TrustBroker>> trusts;
};

}  // namespace freezer::api
