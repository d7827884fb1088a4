#pragma once
// The request pipeline: route -> request id -> authentication (context) -> handler -> error
// mapping. Independent of the HTTP server library, so tests can drive it directly too.
#include "freezer_api/auth/context_builder.h"
#include "freezer_api/http/message.h"
#include "freezer_api/http/router.h"
#include "freezer_api/services.h"

namespace freezer::api {

class Application {
 public:
  Application(Services services, ContextBuilder& auth);

  http::Response handle(http::Request& request);

 private:
  http::Response handle_authenticated(http::Request& request, http::RouteMatch& match,
                                      std::string& request_id);

  Services services_;
  ContextBuilder& auth_;
  http::Router router_;
};

// Every route of the service, in one place.
void set_routes(http::Router& router, Services& services);

}  // namespace freezer::api
