#include "freezer_api/auth/keystone_context_builder.h"

#include <spdlog/spdlog.h>

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
      keystone_(options_),
      service_token_(keystone_, clock),
      cache_(options_.token_cache_size, options_.token_cache_time, clock) {
  if (options_.www_authenticate_uri.empty()) options_.www_authenticate_uri = options_.auth_url;
}

RequestContext KeystoneContextBuilder::authenticate(const http::Request& request,
                                                    std::string_view) {
  auto header = request.headers.get("x-auth-token");
  if (!header || header->empty()) throw unauthorized(options_.www_authenticate_uri);
  std::string token(*header);
  RequestContext context;
  if (auto cached = cache_.find(token)) {
    context = std::move(*cached);
  } else {
    context = validate_with_keystone(token);
  }
  context.auth_token = std::move(token);
  return context;
}

RequestContext KeystoneContextBuilder::validate_with_keystone(const std::string& token) {
  // One retry: a refused service token is renewed and the validation repeated.
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      auto service = service_token_.get();
      ++validations_;
      auto info = keystone_.validate(service.token, token);
      if (!info) throw unauthorized(options_.www_authenticate_uri);
      cache_.store(token, info->identity, info->expires_at);
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
