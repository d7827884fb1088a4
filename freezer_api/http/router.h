#pragma once
// The route table: path templates such as /v2/{project_id}/clients/{client_id}, one handler
// per method. A trailing slash is ignored (python-freezerclient always sends one).
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "freezer_api/http/message.h"

namespace freezer::api {
struct Call;
}

namespace freezer::api::http {

using PathParams = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<Response(Call&)>;

enum class Access {
  kPublic,  // answered before authentication: versions, healthcheck
  // Answered to anyone; a caller whose X-Auth-Token authenticates is known to the handler
  // (an admin sees the detailed healthcheck), any other caller is anonymous.
  kPublicCallerKnown,
  kAuthenticated,  // everything under /v2
};

// A handler and the policy rule that guards it ("" for none).
struct Endpoint {
  std::string rule;
  Handler handler;
};

struct Route {
  std::string path_template;
  Access access = Access::kAuthenticated;
  std::vector<std::string> segments;  // "{name}" marks a parameter
  std::map<Method, Endpoint> endpoints;
};

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed } kind = Kind::kNotFound;
  const Route* route = nullptr;
  const Endpoint* endpoint = nullptr;
  PathParams params;
  // Implemented methods plus OPTIONS, sorted, e.g. "DELETE, GET, OPTIONS".
  std::string allow_header() const;
};

class Router {
 public:
  // An authenticated route whose callers must pass policy `rule` (upstream's rule names,
  // e.g. "jobs:get"; "" checks nothing beyond authentication).
  void add(Method method, std::string_view path_template, std::string rule, Handler handler);
  // A route answered before authentication (versions, healthcheck).
  void add_public(Method method, std::string_view path_template, Handler handler,
                  Access access = Access::kPublic);
  RouteMatch match(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  void insert(Method method, std::string_view path_template, Access access, Endpoint endpoint);
  std::vector<Route> routes_;
};

}  // namespace freezer::api::http
