#pragma once
// Writes a Response as HTTP/1.1 bytes: status line, the response's headers, Content-Length,
// Connection and Date, then the body (none for HEAD requests).
#include <string>

#include "freezer_api/http/message.h"
#include "freezer_api/http/request_parser.h"

namespace freezer::api::http {

std::string serialize_response(const Response& response, bool head_request, bool close);

// The JSON error body for a request refused before it reached the application.
Response protocol_error_response(const ProtocolError& error);

// `Connection: close`, or HTTP/1.0 without keep-alive.
bool client_wants_close(const Request& request);

}  // namespace freezer::api::http
