#include "freezer_api/http/router.h"

#include <algorithm>

namespace freezer::api::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  if (!path.empty() && path.front() == '/') pos = 1;
  while (pos <= path.size()) {
    auto slash = path.find('/', pos);
    auto end = slash == std::string_view::npos ? path.size() : slash;
    out.push_back(path.substr(pos, end - pos));
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  // "/" -> [""] ; "/v2/" -> ["v2"] (trailing slash ignored)
  if (out.size() > 1 && out.back().empty()) out.pop_back();
  return out;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(Method method, std::string_view path_template, std::string rule, Handler handler) {
  insert(method, path_template, Access::kAuthenticated,
         Endpoint{std::move(rule), std::move(handler)});
}

void Router::add_public(Method method, std::string_view path_template, Handler handler,
                        Access access) {
  insert(method, path_template, access, Endpoint{"", std::move(handler)});
}

void Router::insert(Method method, std::string_view path_template, Access access,
                    Endpoint endpoint) {
  for (auto& route : routes_) {
    if (route.path_template == path_template) {
      route.endpoints[method] = std::move(endpoint);
      return;
    }
  }
  Route route;
  route.path_template = std::string(path_template);
  route.access = access;
  for (auto segment : split_path(path_template)) route.segments.emplace_back(segment);
  route.endpoints[method] = std::move(endpoint);
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(Method method, std::string_view path) const {
  RouteMatch result;
  auto segments = split_path(path);
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    PathParams params;
    bool matched = true;
    for (std::size_t i = 0; i < segments.size() && matched; ++i) {
      const auto& expected = route.segments[i];
      if (is_param(expected)) {
        // A parameter matches exactly one non-empty segment.
        if (segments[i].empty())
          matched = false;
        else
          params.emplace(expected.substr(1, expected.size() - 2),
                         percent_decode(segments[i], false));
      } else {
        matched = expected == segments[i];
      }
    }
    if (!matched) continue;
    result.route = &route;
    result.params = std::move(params);
    auto endpoint = route.endpoints.find(method);
    if (endpoint == route.endpoints.end()) {
      result.kind = RouteMatch::Kind::kMethodNotAllowed;
    } else {
      result.kind = RouteMatch::Kind::kFound;
      result.endpoint = &endpoint->second;
    }
    return result;
  }
  return result;
}

std::string RouteMatch::allow_header() const {
  if (route == nullptr) return "";
  std::vector<std::string_view> names;
  for (const auto& [method, endpoint] : route->endpoints) names.push_back(method_name(method));
  names.push_back("OPTIONS");
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (auto name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace freezer::api::http
