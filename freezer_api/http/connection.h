#pragma once
// One client connection: buffers what arrives, parses one request at a time, hands it to a
// worker and writes the response, then takes the next pipelined request. Refusals (bad
// syntax, oversized heads and bodies, slow clients) are answered here in JSON and close the
// connection. Independent of the socket library, so tests and fuzzers drive it directly.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "freezer_api/http/message.h"
#include "freezer_api/http/request_parser.h"

namespace freezer::api::http {

using RequestHandler = std::function<Response(Request&)>;

struct ConnectionSettings {
  ParserLimits limits;
  // From a request's first byte to the end of its head, then from there to the end of its
  // body; a connection with no request for idle_timeout is closed.
  std::chrono::milliseconds header_timeout{20'000};
  std::chrono::milliseconds body_timeout{60'000};
  std::chrono::milliseconds idle_timeout{900'000};
  bool secure = false;  // served over TLS: requests say scheme https
  RequestHandler handler;
  // Runs a request's handling away from the I/O thread.
  std::function<void(std::function<void()>)> dispatch;
};

// Where a connection's bytes go. Calls come with the connection's lock held, so the output
// is never used after disconnected().
class ConnectionOutput {
 public:
  virtual ~ConnectionOutput() = default;
  virtual void write(std::string bytes) = 0;
  // Writes, then stops sending; what the client still sends is read and dropped until it
  // closes (so that it reads the response rather than a reset).
  virtual void write_and_finish(std::string bytes) = 0;
  // Drops the connection now.
  virtual void abort() = 0;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Clock = std::chrono::steady_clock;

  Connection(std::shared_ptr<const ConnectionSettings> settings,
             std::unique_ptr<ConnectionOutput> output);

  // From the I/O thread.
  void receive(std::string_view bytes);
  void disconnected();
  // Answers 503 and closes: the server has no room for another connection.
  void refuse_overloaded();
  // A TLS handshake is under way: it must end within the header timeout.
  void begin_handshake();
  void end_handshake();
  // Drops the connection without an answer (a failed TLS handshake).
  void drop();
  // From the reaper: times out a slow request (408) or an idle connection.
  void expire_if_due(Clock::time_point now);

 private:
  void advance();  // lock held: parses what is buffered, then dispatches or refuses
  void refuse(const ProtocolError& error);
  void handle(Request request);  // on a worker
  void finish_request(const Request& request, const Response& response);

  const std::shared_ptr<const ConnectionSettings> settings_;
  std::mutex mutex_;
  std::unique_ptr<ConnectionOutput> output_;
  RequestParser parser_;
  std::string input_;
  bool busy_ = false;       // a request is with a worker
  bool finishing_ = false;  // the last response is written; input is dropped
  bool closed_ = false;     // the socket is gone
  bool continue_sent_ = false;
  bool in_body_ = false;
  bool in_handshake_ = false;
  Clock::time_point request_started_{};
  Clock::time_point body_started_{};
  Clock::time_point idle_since_;
  Clock::time_point finishing_since_{};
};

}  // namespace freezer::api::http
