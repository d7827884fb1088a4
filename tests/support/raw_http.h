#pragma once
// A raw TCP client for tests of the HTTP layer itself: sends exactly the bytes it is given
// (malformed, partial, pipelined) and reads responses as they come.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace freezer::testing {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class RawConnection {
 public:
  explicit RawConnection(unsigned short port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the server has closed or reset the connection.
  bool send(std::string_view bytes);
  // The next response (head and Content-Length body); nullopt when none came in time or the
  // connection closed first. A response to HEAD has no body: pass head_request.
  std::optional<RawResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::seconds(5), bool head_request = false);
  // Whether the server closes the connection within the time (unread bytes are dropped).
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  // Appends what arrives within the time; false on timeout, EOF or error.
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  bool eof_ = false;
  std::string buffer_;
};

// The port of an http://127.0.0.1:PORT base URL.
unsigned short port_of(const std::string& base_url);

}  // namespace freezer::testing
