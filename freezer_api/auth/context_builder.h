#pragma once
// Authentication: turns a request into a RequestContext, or rejects it (401/503).
#include <string_view>

#include "freezer_api/http/message.h"
#include "freezer_api/request_context.h"

namespace freezer::api {

class ContextBuilder {
 public:
  virtual ~ContextBuilder() = default;
  // `url_project_id` is the {project_id} of the route, empty when the route has none.
  // Throws ApiError when the caller cannot be authenticated.
  virtual RequestContext authenticate(const http::Request& request,
                                      std::string_view url_project_id) = 0;
};

}  // namespace freezer::api
