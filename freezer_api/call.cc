#include "freezer_api/call.h"

#include <stdexcept>

#include "common/json.h"
#include "freezer_api/errors.h"

namespace freezer::api {

const std::string& Call::param(std::string_view name) const {
  auto it = params.find(name);
  if (it == params.end()) throw std::logic_error("route has no parameter " + std::string(name));
  return it->second;
}

rapidjson::Document Call::json_body() const {
  rapidjson::Document doc;
  if (request.body.empty()) {
    doc.SetObject();
    return doc;
  }
  if (!common::parse_json(request.body, doc)) throw malformed_json();
  return doc;
}

rapidjson::Document Call::object_body() const {
  rapidjson::Document body = json_body();
  if (!common::python_truthy(body)) throw bad_request("Missing request body");
  if (!body.IsObject()) throw bad_request("The request body must be a JSON object");
  return body;
}

}  // namespace freezer::api
