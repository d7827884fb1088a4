#pragma once
// A strict HTTP/1.1 request parser (RFC 9112) over a connection's input buffer. Everything
// the server accepts passes through here, so it refuses what is ambiguous rather than
// guessing: a Content-Length that is not plain digits, Content-Length with
// Transfer-Encoding, whitespace before a header's colon, bare LF line ends, control bytes in
// headers, oversized heads and bodies (the body size is judged from the head, before a byte
// of it is stored).
#include <cstddef>
#include <string>
#include <string_view>

#include "freezer_api/http/message.h"

namespace freezer::api::http {

struct ParserLimits {
  std::size_t max_body_size = 1 << 20;
  std::size_t max_head_size = 64 * 1024;  // request line and headers together
  std::size_t max_line_size = 16 * 1024;  // one request line or header line
  std::size_t max_headers = 100;
};

// Why a request was refused: the status and the words of the JSON error body.
struct ProtocolError {
  int status = 400;
  std::string title;
  std::string description;
};

class RequestParser {
 public:
  enum class State { kNeedMore, kComplete, kError };

  explicit RequestParser(ParserLimits limits) : limits_(limits) {}

  // Parses the request at the start of `input`, which holds every byte received since the
  // previous request ended; call again with the same, longer input as bytes arrive.
  State parse(std::string_view input);

  // After kComplete: the request, and how many bytes of the input it took (the rest is the
  // next pipelined request). reset() before parsing the next one.
  Request take_request() { return std::move(request_); }
  std::size_t consumed() const { return consumed_; }
  // After kError.
  const ProtocolError& error() const { return error_; }
  // The head has been read and the body has not: a client that sent `Expect: 100-continue`
  // waits for the interim response now.
  bool awaiting_body() const { return phase_ == Phase::kBody || phase_ == Phase::kChunks; }
  bool expects_continue() const { return expects_continue_; }
  bool started() const { return phase_ != Phase::kHead || head_scanned_ > 0; }
  void reset();

 private:
  enum class Phase { kHead, kBody, kChunks, kDone };

  State fail(int status, std::string title, std::string description);
  State parse_head(std::string_view head);
  State parse_request_line(std::string_view line);
  State parse_header_line(std::string_view line);
  State decide_body_framing();
  State parse_chunks(std::string_view input);

  ParserLimits limits_;
  Phase phase_ = Phase::kHead;
  std::size_t head_scanned_ = 0;  // bytes searched for the end of the head so far
  std::size_t body_start_ = 0;
  std::size_t content_length_ = 0;
  std::size_t chunk_position_ = 0;  // where the next chunk's size line starts
  bool expects_continue_ = false;
  bool request_line_checked_ = false;  // the head is unfinished but its first line is valid
  Request request_;
  std::size_t consumed_ = 0;
  ProtocolError error_;
};

}  // namespace freezer::api::http
