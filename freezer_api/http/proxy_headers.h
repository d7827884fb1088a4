#pragma once
// oslo.middleware's HTTPProxyToWSGI: behind a TLS-terminating proxy (HAProxy in
// OpenStack-Ansible), the scheme, host and path prefix the client used come in Forwarded
// (RFC 7239) or X-Forwarded-Proto / -Host / -Prefix. Read only when
// [oslo_middleware] enable_proxy_headers_parsing is set: otherwise any client could choose
// the links the API answers with.
#include "freezer_api/http/message.h"

namespace freezer::api {

// Sets request.scheme, request.host and request.script_name from the proxy's headers.
void apply_proxy_headers(http::Request& request);

}  // namespace freezer::api
