#include "freezer_api/application.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "common/json.h"
#include "common/uuid.h"
#include "db/conflict_retry.h"
#include "freezer_api/auth/authorization.h"
#include "freezer_api/call.h"
#include "freezer_api/errors.h"
#include "freezer_api/http/proxy_headers.h"

namespace freezer::api {
namespace {

// Longest project id any column can hold.
constexpr std::size_t kMaxProjectIdLength = 64;

std::string request_id_for(const http::Request& request) {
  auto given = request.headers.get("x-openstack-request-id");
  if (!given || given->empty()) return "req-" + common::uuid4_dashed();
  std::string id(given->substr(0, 128));
  return id.rfind("req-", 0) == 0 ? id : "req-" + id;
}

// Falcon's answers for unknown routes and unsupported methods.
http::Response not_found_route() {
  return http::Response::json(404, R"({"title": "404 Not Found"})");
}

// RequireJSON: a client whose Accept admits no JSON gets 406 (with an empty body, since it
// would not read a JSON error either). No Accept means anything.
bool accepts_json(const http::Request& request) {
  auto accept = request.headers.get("accept");
  if (!accept || accept->empty()) return true;
  return accept->find("json") != std::string_view::npos ||
         accept->find("*/*") != std::string_view::npos ||
         accept->find("application/*") != std::string_view::npos;
}

// Ids come percent-decoded from the path: refuse those that are not text (invalid UTF-8,
// control characters such as %00) before they reach storage or an error body.
std::optional<std::string> bad_path_parameter(const http::RouteMatch& match) {
  for (const auto& [name, value] : match.params) {
    if (!common::is_valid_utf8(value) || std::any_of(value.begin(), value.end(), [](char c) {
          return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        }))
      return name;
  }
  return std::nullopt;
}

// A unit of work the database aborted (db/conflict_retry.h) runs again from the start.
http::Response run_handler(const http::Endpoint& endpoint, Call& call) {
  static const db::ConflictRetry kRetry{.on_retry = [](int attempt, const db::Error& e) {
    spdlog::info("transaction aborted by the database ({}): running it again, attempt {}", e.what(),
                 attempt);
  }};
  return db::retry_conflicts([&] { return endpoint.handler(call); }, kRetry);
}

http::Response method_not_allowed(const http::RouteMatch& match) {
  auto response = http::Response::json(405, R"({"title": "405 Method Not Allowed"})");
  response.set_header("Allow", match.allow_header());
  return response;
}

}  // namespace

Application::Application(Services services, ContextBuilder& auth)
    : services_(services), auth_(auth) {
  set_routes(router_, services_);
  require_known_route_rules(router_);
}

http::Response Application::handle(http::Request& request) {
  const auto started = std::chrono::steady_clock::now();
  if (services_.options.enable_proxy_headers_parsing) apply_proxy_headers(request);
  auto match = router_.match(request.method, request.path);
  std::string request_id;
  http::Response response;
  // Bodies over [oslo_middleware] max_request_body_size never get here: the HTTP parser
  // refuses them from their Content-Length or chunk sizes.
  if (auto name = bad_path_parameter(match)) {
    response = error_response(
        bad_request("The " + *name + " in the path must be UTF-8 text without control characters"));
  } else if (match.route != nullptr && match.route->access != http::Access::kAuthenticated) {
    if (match.kind == http::RouteMatch::Kind::kFound) {
      const RequestContext caller = optional_caller(request, match.route->access);
      Call call{request, match.params, caller};
      try {
        response = match.endpoint->handler(call);
      } catch (...) {
        response = response_for_current_exception();
      }
    } else {
      response = method_not_allowed(match);
    }
  } else {
    response = handle_authenticated(request, match, request_id);
  }
  if (!request_id.empty()) response.set_header("x-openstack-request-id", request_id);

  const auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
  spdlog::info("request method={} path={} status={} duration_ms={:.2f} request_id={}",
               http::method_name(request.method), request.path, response.status, elapsed.count(),
               request_id.empty() ? "-" : request_id);
  return response;
}

RequestContext Application::optional_caller(const http::Request& request, http::Access access) {
  if (access != http::Access::kPublicCallerKnown) return {};
  auto token = request.headers.get("x-auth-token");
  if (!token || token->empty()) return {};
  try {
    return auth_.authenticate(request, "");
  } catch (...) {
    return {};
  }
}

http::Response Application::handle_authenticated(http::Request& request, http::RouteMatch& match,
                                                 std::string& request_id) {
  RequestContext context;
  std::string project_id;
  if (auto p = match.params.find("project_id"); p != match.params.end()) project_id = p->second;
  try {
    context = auth_.authenticate(request, project_id);
  } catch (...) {
    return response_for_current_exception();  // 401/503 carry no request id, as upstream
  }
  request_id = request_id_for(request);
  context.request_id = request_id;
  if (!accepts_json(request)) {
    auto response = http::Response::no_content(406);
    response.set_header("Vary", "Accept");
    return response;
  }

  switch (match.kind) {
    case http::RouteMatch::Kind::kNotFound:
      return not_found_route();
    case http::RouteMatch::Kind::kMethodNotAllowed:
      if (request.method == http::Method::kOptions) {
        auto response = http::Response::no_content(200);
        response.set_header("Allow", match.allow_header());
        return response;
      }
      return method_not_allowed(match);
    case http::RouteMatch::Kind::kFound:
      break;
  }
  try {
    if (project_id.size() > kMaxProjectIdLength)
      throw bad_request("The project id in the URL is longer than " +
                        std::to_string(kMaxProjectIdLength) + " characters");
    if (!match.endpoint->rule.empty())
      require(services_.policy, match.endpoint->rule, context, project_id);
    Call call{request, match.params, context};
    return run_handler(*match.endpoint, call);
  } catch (...) {
    return response_for_current_exception();
  }
}

}  // namespace freezer::api
