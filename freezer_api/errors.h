#pragma once
// The API's one error type, rendered as upstream's {"title", "description"} body.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "freezer_api/http/message.h"

namespace freezer::api {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string title, std::optional<std::string> description = std::nullopt)
      : std::runtime_error(description.value_or(title)),
        status_(status),
        title_(std::move(title)),
        description_(std::move(description)) {}

  int status() const { return status_; }
  const std::string& title() const { return title_; }
  const std::optional<std::string>& description() const { return description_; }
  std::vector<std::pair<std::string, std::string>>& headers() { return headers_; }
  // A body other than {"title", "description"} (keystonemiddleware's {"error": {...}}).
  void set_raw_body(std::string body) { raw_body_ = std::move(body); }
  const std::optional<std::string>& raw_body() const { return raw_body_; }
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }

 private:
  int status_;
  std::string title_;
  std::optional<std::string> description_;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::optional<std::string> raw_body_;
};

// The freezer exception classes of upstream, by status.
ApiError bad_request(std::string description);                             // 400
ApiError invalid_parameter(const std::string& name, std::string message);  // 400
ApiError forbidden();                                                      // 403
ApiError not_found(std::string description);                               // 404
ApiError conflict(std::string description);                                // 409
ApiError unprocessable(std::string description);                           // 422
ApiError service_unavailable(std::string description);                     // 503
ApiError malformed_json();                                                 // 753

http::Response error_response(const ApiError& error);
// Maps whatever is being handled (ApiError, db::Error, anything else) to a response.
http::Response response_for_current_exception();

}  // namespace freezer::api
