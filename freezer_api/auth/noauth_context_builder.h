#pragma once
// [api] auth_strategy = noauth: the caller is whoever the headers say (local development and
// tests only; refused on non-loopback addresses unless explicitly allowed).
#include "freezer_api/auth/context_builder.h"

namespace freezer::api {

class NoAuthContextBuilder final : public ContextBuilder {
 public:
  // Used when the request names no user / roles.
  static constexpr const char* kDefaultUser = "noauth-user";
  static constexpr const char* kDefaultRoles = "member,reader";

  RequestContext authenticate(const http::Request& request,
                              std::string_view url_project_id) override;
};

}  // namespace freezer::api
