#pragma once
// Policy checks: the request context as oslo.policy credentials, the URL project as target.
#include <string>
#include <string_view>

#include "freezer_api/http/router.h"
#include "freezer_api/request_context.h"
#include "policy/enforcer.h"

namespace freezer::api {

policy::Credentials credentials_of(const RequestContext& context);

// Whether the caller passes `rule` on the URL project; extra target keys may be given.
bool allowed(const policy::Enforcer& enforcer, std::string_view rule, const RequestContext& context,
             const std::string& url_project_id, policy::Target extra_target = {});

// Every policy rule a route names has a default (policy/default_rules.cc). Throws
// std::logic_error naming the route otherwise: a start-up error, not a 500 at request time.
void require_known_route_rules(const http::Router& router);

// 403 "Access Forbidden" unless allowed().
void require(const policy::Enforcer& enforcer, std::string_view rule, const RequestContext& context,
             const std::string& url_project_id);

}  // namespace freezer::api
