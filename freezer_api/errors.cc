#include "freezer_api/errors.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include "common/json.h"
#include "db/errors.h"

namespace freezer::api {

ApiError bad_request(std::string description) {
  return ApiError(400, "Bad request format", std::move(description));
}
ApiError invalid_parameter(const std::string& name, std::string message) {
  return ApiError(400, "Invalid parameter",
                  "The \"" + name + "\" parameter is invalid. " + std::move(message));
}
ApiError forbidden() {
  return ApiError(403, "Access Forbidden", "You are not allowed to access this resource");
}
ApiError not_found(std::string description) {
  return ApiError(404, "Not Found", std::move(description));
}
ApiError conflict(std::string description) {
  return ApiError(409, "Document already existing", std::move(description));
}
ApiError unprocessable(std::string description) {
  return ApiError(422, "Unprocessable Entity", std::move(description));
}
ApiError service_unavailable(std::string description) {
  return ApiError(503, "Service Unavailable", std::move(description));
}
ApiError malformed_json() { return ApiError(753, "Malformed JSON"); }

http::Response error_response(const ApiError& error) {
  if (error.raw_body()) {
    auto response = http::Response::json(error.status(), *error.raw_body());
    for (const auto& [name, value] : error.headers()) response.set_header(name, value);
    return response;
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  // Descriptions quote what the client sent (ids from the path), which may not be UTF-8.
  const auto title = common::to_valid_utf8(error.title());
  w.Key("title");
  w.String(title.c_str(), static_cast<rapidjson::SizeType>(title.size()));
  if (error.description()) {
    const auto description = common::to_valid_utf8(*error.description());
    w.Key("description");
    w.String(description.c_str(), static_cast<rapidjson::SizeType>(description.size()));
  }
  w.EndObject();
  auto response = http::Response::json(error.status(), buffer.GetString());
  response.set_header("Vary", "Accept");
  for (const auto& [name, value] : error.headers()) response.set_header(name, value);
  return response;
}

http::Response response_for_current_exception() {
  try {
    throw;
  } catch (const ApiError& e) {
    return error_response(e);
  } catch (const db::Error& e) {
    switch (e.kind()) {
      case db::Error::Kind::kDuplicateKey:
        return error_response(conflict("Document with the specified ID already exists."));
      case db::Error::Kind::kUnavailable:
      case db::Error::Kind::kConflict:
        return error_response(service_unavailable("The database is unavailable, retry later."));
      case db::Error::Kind::kSchema:
        return error_response(
            service_unavailable("The database schema is not ready: " + std::string(e.what())));
      case db::Error::Kind::kInternal:
        break;
    }
    return error_response(ApiError(500, "Internal Storage Error", "Database operation failed."));
  } catch (const std::exception& e) {
    spdlog::error("unexpected error: {}", e.what());
    return error_response(
        ApiError(500, "Internal Server Error", "An unexpected error occurred on the server."));
  }
}

}  // namespace freezer::api
