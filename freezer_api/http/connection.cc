#include "freezer_api/http/connection.h"

#include <spdlog/spdlog.h>

#include "freezer_api/http/wire_response.h"

namespace freezer::api::http {
namespace {

// How long a finished connection waits for the client to close before it is dropped.
constexpr std::chrono::seconds kLingerTime{2};

std::string seconds_text(std::chrono::milliseconds duration) {
  auto text = std::to_string(duration.count() / 1000.0);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

Connection::Connection(std::shared_ptr<const ConnectionSettings> settings,
                       std::unique_ptr<ConnectionOutput> output)
    : settings_(std::move(settings)),
      output_(std::move(output)),
      parser_(settings_->limits),
      idle_since_(Clock::now()) {}

void Connection::receive(std::string_view bytes) {
  std::lock_guard lock(mutex_);
  if (closed_ || finishing_) return;
  input_.append(bytes);
  if (!busy_) {
    advance();
  } else if (input_.size() > settings_->limits.max_head_size + settings_->limits.max_body_size) {
    // More pipelined bytes than one request may hold, sent before the last was answered.
    closed_ = true;
    output_->abort();
  }
}

void Connection::disconnected() {
  std::lock_guard lock(mutex_);
  closed_ = true;
}

void Connection::refuse_overloaded() {
  std::lock_guard lock(mutex_);
  refuse(ProtocolError{503, "Service Unavailable",
                       "The server has reached its connection limit; try again later"});
}

void Connection::begin_handshake() {
  std::lock_guard lock(mutex_);
  in_handshake_ = true;
  request_started_ = Clock::now();
}

void Connection::end_handshake() {
  std::lock_guard lock(mutex_);
  in_handshake_ = false;
  idle_since_ = Clock::now();
}

void Connection::drop() {
  std::lock_guard lock(mutex_);
  if (closed_) return;
  closed_ = true;
  output_->abort();
}

void Connection::expire_if_due(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (closed_ || busy_) return;
  if (in_handshake_) {
    if (now - request_started_ > settings_->header_timeout) {
      closed_ = true;
      output_->abort();
    }
    return;
  }
  if (finishing_) {
    if (now - finishing_since_ > kLingerTime) {
      closed_ = true;
      output_->abort();
    }
    return;
  }
  if (in_body_) {
    if (now - body_started_ > settings_->body_timeout)
      refuse(ProtocolError{408, "Request Timeout",
                           "The request body did not arrive within " +
                               seconds_text(settings_->body_timeout) + " seconds"});
  } else if (!input_.empty()) {
    if (now - request_started_ > settings_->header_timeout)
      refuse(ProtocolError{408, "Request Timeout",
                           "The request headers did not arrive within " +
                               seconds_text(settings_->header_timeout) + " seconds"});
  } else if (now - idle_since_ > settings_->idle_timeout) {
    closed_ = true;
    output_->abort();
  }
}

void Connection::advance() {
  while (!busy_ && !finishing_ && !input_.empty()) {
    const bool was_started = parser_.started();
    switch (parser_.parse(input_)) {
      case RequestParser::State::kNeedMore:
        if (!was_started) request_started_ = Clock::now();
        if (parser_.awaiting_body() && !in_body_) {
          in_body_ = true;
          body_started_ = Clock::now();
          if (parser_.expects_continue() && !continue_sent_) {
            continue_sent_ = true;
            output_->write("HTTP/1.1 100 Continue\r\n\r\n");
          }
        }
        return;
      case RequestParser::State::kError:
        refuse(parser_.error());
        return;
      case RequestParser::State::kComplete: {
        auto request = parser_.take_request();
        if (settings_->secure) request.scheme = "https";
        input_.erase(0, parser_.consumed());
        parser_.reset();
        in_body_ = false;
        continue_sent_ = false;
        busy_ = true;
        settings_->dispatch([self = shared_from_this(), request = std::move(request)]() mutable {
          self->handle(std::move(request));
        });
        return;
      }
    }
  }
}

void Connection::refuse(const ProtocolError& error) {
  if (error.status >= 500)
    spdlog::warn("refused a connection: {} {}", error.status, error.description);
  else
    spdlog::info("refused a request: {} {}", error.status, error.description);
  finishing_ = true;
  finishing_since_ = Clock::now();
  input_.clear();
  input_.shrink_to_fit();
  output_->write_and_finish(serialize_response(protocol_error_response(error), false, true));
}

void Connection::handle(Request request) {
  Response response;
  try {
    response = settings_->handler(request);
  } catch (const std::exception& e) {
    spdlog::error("unhandled error: {}", e.what());
    response =
        Response::json(500, R"({"title": "Internal Server Error", )"
                            R"("description": "An unexpected error occurred on the server."})");
  }
  finish_request(request, response);
}

void Connection::finish_request(const Request& request, const Response& response) {
  std::lock_guard lock(mutex_);
  busy_ = false;
  if (closed_) return;
  const bool close = client_wants_close(request);
  auto bytes = serialize_response(response, request.method == Method::kHead, close);
  if (close) {
    finishing_ = true;
    finishing_since_ = Clock::now();
    input_.clear();
    output_->write_and_finish(std::move(bytes));
    return;
  }
  output_->write(std::move(bytes));
  idle_since_ = Clock::now();
  advance();
}

}  // namespace freezer::api::http
