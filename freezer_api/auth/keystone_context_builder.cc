#include "freezer_api/auth/keystone_context_builder.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "freezer_api/errors.h"

namespace freezer::api {
namespace {

ApiError unauthorized(const std::string& www_authenticate_uri) {
  ApiError error(401, "Unauthorized", "The request you have made requires authentication.");
  error.set_raw_body(
      R"({"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}})");
  error.headers().emplace_back("WWW-Authenticate", "Keystone uri=\"" + www_authenticate_uri + "\"");
  return error;
}

ApiError keystone_unavailable() {
  ApiError error(503, "Service Unavailable", "The authentication service is unavailable.");
  error.set_raw_body(
      R"({"error": {"code": 503, "title": "Service Unavailable", "message": "The server is currently unavailable. Please try again at a later time."}})");
  return error;
}

}  // namespace

KeystoneContextBuilder::KeystoneContextBuilder(KeystoneOptions options, const common::Clock& clock)
    : options_(std::move(options)),
      clock_(clock),
      keystone_(options_),
      service_token_(keystone_, clock),
      cache_(options_.token_cache_size, options_.token_cache_time, clock) {
  if (options_.www_authenticate_uri.empty()) options_.www_authenticate_uri = options_.auth_url;
  if (!options_.memcached.servers.empty()) {
    options_.memcached.entry_lifetime = options_.token_cache_time;
    shared_cache_ = std::make_unique<MemcachedTokenStore>(
        options_.memcached,
        MemcacheProtection(options_.memcache_strategy, options_.memcache_secret_key));
  }
}

RequestContext KeystoneContextBuilder::authenticate(const http::Request& request,
                                                    std::string_view) {
  auto header = request.headers.get("x-auth-token");
  if (!header || header->empty()) throw unauthorized(options_.www_authenticate_uri);
  bool allow_expired = false;
  if (auto service = request.headers.get("x-service-token"); service && !service->empty()) {
    if (!service_token_accepted(std::string(*service)))
      throw unauthorized(options_.www_authenticate_uri);
    allow_expired = true;
  }
  std::string token(*header);
  auto identity = identity_of(token, allow_expired);
  if (!identity) throw unauthorized(options_.www_authenticate_uri);
  identity->auth_token = std::move(token);
  return std::move(*identity);
}

bool KeystoneContextBuilder::service_token_accepted(const std::string& service_token) {
  auto identity = identity_of(service_token, false);
  if (!identity) {
    spdlog::info("invalid X-Service-Token: request refused");
    return false;
  }
  const bool has_role =
      std::any_of(options_.service_token_roles.begin(), options_.service_token_roles.end(),
                  [&](const std::string& role) { return identity->has_role(role); });
  if (has_role) return true;
  if (options_.service_token_roles_required) {
    spdlog::info("X-Service-Token without any of service_token_roles: request refused");
    return false;
  }
  spdlog::warn(
      "a valid token was sent as X-Service-Token but it has none of service_token_roles; "
      "accepted because service_token_roles_required is false");
  return true;
}

std::optional<RequestContext> KeystoneContextBuilder::identity_of(const std::string& token,
                                                                  bool allow_expired) {
  if (auto cached = cache_.find(token)) return cached;
  if (shared_cache_)
    if (auto shared = shared_identity_of(token, allow_expired)) return shared;
  return validate_with_keystone(token, allow_expired);
}

std::optional<RequestContext> KeystoneContextBuilder::shared_identity_of(const std::string& token,
                                                                         bool allow_expired) {
  auto body = shared_cache_->find(token);
  if (!body) return std::nullopt;
  auto info = parse_validation(*body);
  if (!info) return std::nullopt;  // not a validation: ask Keystone
  // An entry outlives its token when token_cache_time is longer than the token's life.
  if (!allow_expired && info->expires_at <= clock_.now()) return std::nullopt;
  cache_.store(token, info->identity, info->expires_at);
  return std::move(info->identity);
}

std::optional<RequestContext> KeystoneContextBuilder::validate_with_keystone(
    const std::string& token, bool allow_expired) {
  // One retry: a refused service token is renewed and the validation repeated.
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      auto service = service_token_.get();
      ++validations_;
      auto body = keystone_.validation_body(service.token, token, allow_expired);
      if (!body) return std::nullopt;
      auto info = parse_validation(*body);
      if (!info) {
        spdlog::error("token validation failed: Keystone answered an unreadable token");
        throw keystone_unavailable();
      }
      cache_.store(token, info->identity, info->expires_at);
      if (shared_cache_) shared_cache_->store(token, *body);
      return std::move(info->identity);
    } catch (const KeystoneError& e) {
      if (e.status() == 401 && attempt == 0) {
        spdlog::warn("Keystone refused the service token; authenticating again");
        service_token_.invalidate(service_token_.get().token);
        continue;
      }
      spdlog::error("token validation failed: {}", e.what());
      throw keystone_unavailable();
    } catch (const common::HttpTransportError& e) {
      spdlog::error("Keystone unreachable: {}", e.what());
      throw keystone_unavailable();
    }
  }
  throw keystone_unavailable();
}

}  // namespace freezer::api
