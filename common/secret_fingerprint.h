#pragma once
// How logs name a secret (a trust id, which with the trustee's password acts as the user):
// by the first 12 hex digits of its SHA-256, e.g. "sha256:3f9a0c1b22de". Operators can match
// it (`printf %s ID | sha256sum | cut -c1-12`) without the logs holding the secret.
#include <string>
#include <string_view>

namespace freezer::common {

std::string secret_fingerprint(std::string_view secret);

}  // namespace freezer::common
