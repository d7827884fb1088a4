// Token validation cache benchmark: N authenticated requests with one Keystone token against a
// real Keystone (tests/services/keystone.sh). Counts the validations the API made (the
// number that matters: Keystone validates ~100 tokens/s) and reports the request rate.
// Usage: auth_cache_bench [requests]   (make bench)
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "freezer_api/auth/keystone_context_builder.h"
#include "tests/support/api_server.h"
#include "tests/support/keystone_env.h"

using namespace freezer::testing;

int main(int argc, char** argv) {
  const int requests = argc > 1 ? std::atoi(argv[1]) : 2000;
  spdlog::set_level(spdlog::level::warn);  // per-request logs would dominate the timing
  KeystoneEnv keystone;
  ApiServer server(keystone.api_config());
  auto& auth = dynamic_cast<freezer::api::KeystoneContextBuilder&>(server.auth());
  HttpClient http(server.base_url());
  const std::string token = keystone.token("demo", "demo");
  const std::string path = "/v2/" + keystone.id("DEMO_PROJECT_ID") + "/jobs";

  const long before = auth.validations();
  const auto started = std::chrono::steady_clock::now();
  int ok = 0;
  for (int i = 0; i < requests; ++i)
    ok += http.request("GET", path, "", {"X-Auth-Token: " + token}).status == 200;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const long validations = auth.validations() - before;
  std::cout << "requests=" << requests << " ok=" << ok << " keystone_validations=" << validations
            << " requests_per_second=" << static_cast<long>(requests / seconds) << "\n";
  return ok == requests && validations == 1 ? 0 : 1;
}
