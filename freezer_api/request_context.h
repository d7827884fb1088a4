#pragma once
// Who is calling, as established by authentication (noauth headers or a Keystone token).
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace freezer::api {

struct TrustScope {
  std::string trust_id;
  std::string trustor_user_id;
  std::string trustee_user_id;
};

struct RequestContext {
  std::string request_id;
  std::string auth_token;
  std::string user_id;
  std::string project_id;
  std::string domain_id;
  std::string user_domain_id;
  std::string project_domain_id;
  std::vector<std::string> roles;  // lower-cased
  std::optional<TrustScope> trust;

  bool has_role(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
  bool is_admin() const { return has_role("admin"); }
};

}  // namespace freezer::api
