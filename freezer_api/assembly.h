#pragma once
// Everything the API service is made of, built from its configuration: storage driver,
// contracts, policy, authentication and the request pipeline. Shared by the freezer-api
// binary and the tests, so both run the same assembly.
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/config.h"
#include "common/credential_cipher.h"
#include "db/driver.h"
#include "freezer_api/application.h"
#include "freezer_api/auth/context_builder.h"
#include "freezer_api/auth/trust_broker.h"
#include "freezer_api/config/api_options.h"
#include "freezer_api/schemas/schema_registry.h"
#include "policy/enforcer.h"

namespace freezer::api {

class ApiAssembly {
 public:
  // `config_dir` resolves relative file names (the policy file). Throws ConfigError,
  // policy::PolicyError, std::invalid_argument or db::Error with a message for the operator.
  ApiAssembly(const common::Config& config, const std::string& config_dir);

  const ApiOptions& options() const { return options_; }
  db::Driver& driver() { return *driver_; }
  ContextBuilder& auth() { return *auth_; }
  Application& application() { return *application_; }

 private:
  common::SystemClock clock_;
  ApiOptions options_;
  std::unique_ptr<db::Driver> driver_;
  SchemaRegistry schemas_;
  std::unique_ptr<policy::Enforcer> policy_;
  std::unique_ptr<ContextBuilder> auth_;
  std::unique_ptr<common::CredentialCipher> cipher_;
  std::unique_ptr<TrustBroker> trusts_;
  std::unique_ptr<Application> application_;
};

}  // namespace freezer::api
