// freezer-api-policy-sample: prints every default rule as a commented policy.yaml, the way
// `oslopolicy-sample-generator --namespace freezer-api` does upstream.
#include <iostream>

#include "policy/default_rules.h"

int main() {
  std::cout << freezer::policy::sample_policy_yaml();
  return std::cout ? 0 : 1;
}
