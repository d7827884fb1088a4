#include "freezer_api/auth/authorization.h"

#include <algorithm>
#include <stdexcept>

#include "freezer_api/errors.h"
#include "policy/default_rules.h"

namespace freezer::api {

policy::Credentials credentials_of(const RequestContext& context) {
  policy::Credentials c;
  c.roles = context.roles;
  c.attributes = {
      {"user_id", context.user_id},
      {"project_id", context.project_id},
      {"domain_id", context.domain_id},
      {"user_domain_id", context.user_domain_id},
      {"project_domain_id", context.project_domain_id},
      {"is_admin", context.is_admin() ? "True" : "False"},
  };
  if (context.trust) {
    c.attributes["trust_id"] = context.trust->trust_id;
    c.attributes["trustor_user_id"] = context.trust->trustor_user_id;
    c.attributes["trustee_user_id"] = context.trust->trustee_user_id;
  }
  return c;
}

bool allowed(const policy::Enforcer& enforcer, std::string_view rule, const RequestContext& context,
             const std::string& url_project_id, policy::Target extra_target) {
  extra_target["project_id"] = url_project_id;
  return enforcer.allowed(rule, extra_target, credentials_of(context));
}

void require_known_route_rules(const http::Router& router) {
  const auto& defaults = policy::default_rules();
  for (const auto& route : router.routes()) {
    for (const auto& [method, endpoint] : route.endpoints) {
      const std::string& rule = endpoint.rule;
      if (rule.empty()) continue;
      if (std::none_of(defaults.begin(), defaults.end(),
                       [&rule](const policy::RuleDefault& d) { return d.name == rule; }))
        throw std::logic_error("route " + std::string(http::method_name(method)) + " " +
                               route.path_template + " names policy rule '" + endpoint.rule +
                               "', which has no default");
    }
  }
}

void require(const policy::Enforcer& enforcer, std::string_view rule, const RequestContext& context,
             const std::string& url_project_id) {
  if (!allowed(enforcer, rule, context, url_project_id)) throw forbidden();
}

}  // namespace freezer::api
