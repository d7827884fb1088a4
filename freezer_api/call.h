#pragma once
// Everything a resource handler gets for one request.
#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "freezer_api/http/message.h"
#include "freezer_api/http/router.h"
#include "freezer_api/request_context.h"

namespace freezer::api {

struct Call {
  http::Request& request;
  const http::PathParams& params;
  const RequestContext& context;

  // A path parameter of the route template, percent-decoded.
  const std::string& param(std::string_view name) const;
  // The request body as JSON: `{}` when there is none, 753 when it is not JSON.
  rapidjson::Document json_body() const;
  // The body of a write: 400 "Missing request body" when empty ({} or null), 400 when not
  // a JSON object.
  rapidjson::Document object_body() const;
};

}  // namespace freezer::api
