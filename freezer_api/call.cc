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
  // Deeper bodies would cost later recursive walks (schema validation, serialization) their
  // stack; no Freezer document comes near this.
  constexpr std::size_t kMaxDepth = 100;
  if (common::json_nesting_depth(request.body) > kMaxDepth)
    throw bad_request("The request body nests arrays and objects deeper than " +
                      std::to_string(kMaxDepth) + " levels");
  if (!common::parse_json(request.body, doc)) throw malformed_json();
  if (common::contains_nul_string(doc))
    throw bad_request("JSON strings must not contain the NUL character (\\u0000)");
  return doc;
}

rapidjson::Document Call::object_body() const {
  rapidjson::Document body = json_body();
  if (!common::python_truthy(body)) throw bad_request("Missing request body");
  if (!body.IsObject()) throw bad_request("The request body must be a JSON object");
  return body;
}

}  // namespace freezer::api
