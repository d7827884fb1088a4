#pragma once
// The request pipeline: proxy headers -> route -> path checks -> authentication (the request
// context) -> request id -> Accept -> policy (the route's rule) -> handler (run again when the
// database aborted its transaction) -> error mapping. Public routes (versions, healthcheck)
// skip authentication and policy. Independent of the HTTP server library, so tests can drive
// it directly too.
#include "freezer_api/auth/context_builder.h"
#include "freezer_api/http/message.h"
#include "freezer_api/http/router.h"
#include "freezer_api/services.h"

namespace freezer::api {

// Not copyable or movable: the route handlers hold references to its services_.
class Application {
 public:
  Application(Services services, ContextBuilder& auth);
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  http::Response handle(http::Request& request);
  const http::Router& router() const { return router_; }

 private:
  // The caller of a public route: anonymous, unless the route wants to know its caller and
  // the request's token authenticates (a refused or absent token is anonymous, not a 401).
  RequestContext optional_caller(const http::Request& request, http::Access access);
  http::Response handle_authenticated(http::Request& request, http::RouteMatch& match,
                                      std::string& request_id);

  Services services_;
  ContextBuilder& auth_;
  http::Router router_;
};

// Every route of the service, in one place.
void set_routes(http::Router& router, Services& services);

}  // namespace freezer::api
