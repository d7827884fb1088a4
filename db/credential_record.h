#pragma once
#include <string>

namespace freezer::db {

// A row of `user_credentials`: the Keystone trust a centrally scheduled job runs under.
// `trust_id` is stored sealed as `decrypt_method` says (common/credential_cipher.h).
struct CredentialRecord {
  std::string id;
  std::string decrypt_method = "none";
  std::string trust_id;
  std::string trustor_user_id;
  std::string job_id;
};

// A trust to delete in Keystone, left over from a failed attempt.
struct PendingTrustDeletion {
  std::string id;
  std::string decrypt_method = "none";
  std::string trust_id;
  std::string project_id;
};

}  // namespace freezer::db
