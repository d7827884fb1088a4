#include "freezer_api/auth/noauth_context_builder.h"

#include <algorithm>
#include <cctype>

namespace freezer::api {
namespace {

std::vector<std::string> parse_roles(std::string_view header) {
  // As keystonemiddleware's context: split on ',', strip, lower-case.
  std::vector<std::string> roles;
  while (true) {
    auto comma = header.find(',');
    std::string role(header.substr(0, comma));
    role.erase(0, role.find_first_not_of(" \t"));
    role.erase(role.find_last_not_of(" \t") + 1);
    std::transform(role.begin(), role.end(), role.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!role.empty()) roles.push_back(std::move(role));
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return roles;
}

std::string header_or(const http::Request& request, std::string_view name,
                      std::string_view fallback) {
  auto value = request.headers.get(name);
  return std::string(value && !value->empty() ? *value : fallback);
}

}  // namespace

RequestContext NoAuthContextBuilder::authenticate(const http::Request& request,
                                                  std::string_view url_project_id) {
  RequestContext ctx;
  ctx.user_id = header_or(request, "X-User-Id", kDefaultUser);
  ctx.project_id = header_or(request, "X-Tenant-Id", "");
  if (ctx.project_id.empty()) ctx.project_id = header_or(request, "X-Project-Id", url_project_id);
  ctx.roles = parse_roles(header_or(request, "X-Roles", kDefaultRoles));
  ctx.domain_id = header_or(request, "X-Domain-Id", "");
  ctx.user_domain_id = header_or(request, "X-User-Domain-Id", "");
  ctx.project_domain_id = header_or(request, "X-Project-Domain-Id", "");
  ctx.auth_token = header_or(request, "X-Auth-Token", "");
  return ctx;
}

}  // namespace freezer::api
