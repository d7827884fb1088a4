#include "freezer_api/http/request_parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

#include "freezer_api/http/text.h"

namespace freezer::api::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// RFC 9110 tchar: the bytes a method or a header name may hold.
constexpr std::array<bool, 256> make_token_table() {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) table[static_cast<unsigned char>(c)] = true;
  return table;
}
constexpr auto kTokenTable = make_token_table();

bool is_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return kTokenTable[static_cast<unsigned char>(c)];
  });
}

// Field values may hold visible ASCII, spaces, tabs and obs-text, never other control bytes.
bool is_field_value(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\t') || byte == 0x7f;
  });
}

Method method_of(std::string_view token) {
  if (token == "GET") return Method::kGet;
  if (token == "POST") return Method::kPost;
  if (token == "PATCH") return Method::kPatch;
  if (token == "DELETE") return Method::kDelete;
  if (token == "PUT") return Method::kPut;
  if (token == "HEAD") return Method::kHead;
  if (token == "OPTIONS") return Method::kOptions;
  return Method::kOther;
}

void parse_query(std::string_view text, Request& request) {
  while (!text.empty()) {
    auto end = text.find('&');
    auto pair = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (pair.empty()) continue;
    auto equals = pair.find('=');
    auto key = pair.substr(0, equals);
    auto value = equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
    request.query.emplace_back(percent_decode(key, true), percent_decode(value, true));
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string too_large_description(std::size_t limit) {
  return "The request body is larger than the limit of " + std::to_string(limit) + " bytes";
}

}  // namespace

void RequestParser::reset() {
  phase_ = Phase::kHead;
  head_scanned_ = 0;
  body_start_ = 0;
  content_length_ = 0;
  chunk_position_ = 0;
  expects_continue_ = false;
  request_line_checked_ = false;
  request_ = Request{};
  consumed_ = 0;
  error_ = ProtocolError{};
}

RequestParser::State RequestParser::fail(int status, std::string title, std::string description) {
  error_ = ProtocolError{status, std::move(title), std::move(description)};
  return State::kError;
}

RequestParser::State RequestParser::parse(std::string_view input) {
  if (phase_ == Phase::kHead) {
    // Empty lines before a request line are allowed (RFC 9112 2.2), e.g. after a body.
    std::size_t start = 0;
    while (input.substr(start, 2) == kCrlf) start += 2;
    if (start > limits_.max_head_size)
      return fail(400, "Bad Request", "Too many empty lines before the request line");
    if (start > 0 && head_scanned_ < start) head_scanned_ = start;
    const auto head_input = input.substr(start);
    const auto scan_from = head_scanned_ > start + 3 ? head_scanned_ - start - 3 : 0;
    const auto end = head_input.find("\r\n\r\n", scan_from);
    // Only the head is searched for bare LFs: the body is the application's.
    const auto head_part = head_input.substr(0, end == std::string_view::npos ? end : end + 4);
    for (auto i = head_part.find('\n', scan_from); i != std::string_view::npos;
         i = head_part.find('\n', i + 1))
      if (i == 0 || head_part[i - 1] != '\r')
        return fail(400, "Bad Request", "Lines must end with CRLF");
    if (end == std::string_view::npos) {
      head_scanned_ = input.size();
      if (head_input.size() > limits_.max_head_size)
        return fail(431, "Request Header Fields Too Large",
                    "The request line and headers exceed " + std::to_string(limits_.max_head_size) +
                        " bytes");
      // A finished request line is checked at once, so that garbage is refused before the
      // client sends (or never sends) the rest.
      if (auto line_end = head_input.find(kCrlf); line_end != std::string_view::npos) {
        if (!request_line_checked_) {
          if (parse_request_line(head_input.substr(0, line_end)) == State::kError)
            return State::kError;
          request_line_checked_ = true;
          request_ = Request{};  // parse_head() reads the line again with the headers
        }
      } else if (line_end == std::string_view::npos && head_input.size() > limits_.max_line_size) {
        return fail(414, "URI Too Long",
                    "The request line exceeds " + std::to_string(limits_.max_line_size) + " bytes");
      }
      return State::kNeedMore;
    }
    if (end + 4 > limits_.max_head_size)
      return fail(431, "Request Header Fields Too Large",
                  "The request line and headers exceed " + std::to_string(limits_.max_head_size) +
                      " bytes");
    if (auto state = parse_head(head_input.substr(0, end + 2)); state == State::kError)
      return state;
    body_start_ = start + end + 4;
    if (auto state = decide_body_framing(); state == State::kError) return state;
  }
  if (phase_ == Phase::kBody) {
    if (input.size() - body_start_ < content_length_) return State::kNeedMore;
    request_.body.assign(input.substr(body_start_, content_length_));
    consumed_ = body_start_ + content_length_;
    phase_ = Phase::kDone;
  }
  if (phase_ == Phase::kChunks) {
    if (auto state = parse_chunks(input); state != State::kComplete) return state;
  }
  return State::kComplete;
}

RequestParser::State RequestParser::parse_head(std::string_view head) {
  auto line_end = head.find(kCrlf);
  if (auto state = parse_request_line(head.substr(0, line_end)); state == State::kError)
    return state;
  std::size_t count = 0;
  for (auto position = line_end + 2; position < head.size();) {
    auto next = head.find(kCrlf, position);
    if (++count > limits_.max_headers)
      return fail(431, "Request Header Fields Too Large",
                  "More than " + std::to_string(limits_.max_headers) + " header fields");
    if (auto state = parse_header_line(head.substr(position, next - position));
        state == State::kError)
      return state;
    position = next + 2;
  }
  return State::kNeedMore;
}

RequestParser::State RequestParser::parse_request_line(std::string_view line) {
  if (line.size() > limits_.max_line_size)
    return fail(414, "URI Too Long",
                "The request line exceeds " + std::to_string(limits_.max_line_size) + " bytes");
  auto first_space = line.find(' ');
  auto last_space = line.rfind(' ');
  if (first_space == std::string_view::npos || first_space == last_space)
    return fail(400, "Bad Request", "The request line must be: method, target, HTTP version");
  auto method = line.substr(0, first_space);
  auto target = line.substr(first_space + 1, last_space - first_space - 1);
  auto version = line.substr(last_space + 1);
  if (!is_token(method)) return fail(400, "Bad Request", "The request method is not a token");
  if (version == "HTTP/1.1") {
    request_.http11 = true;
  } else if (version == "HTTP/1.0") {
    request_.http11 = false;
  } else if (version.size() == 8 && version.substr(0, 5) == "HTTP/" &&
             std::isdigit(static_cast<unsigned char>(version[5])) && version[6] == '.' &&
             std::isdigit(static_cast<unsigned char>(version[7]))) {
    return fail(505, "HTTP Version Not Supported", "This server speaks HTTP/1.1 and HTTP/1.0");
  } else {
    return fail(400, "Bad Request", "The request line must end with the HTTP version");
  }
  if (target.empty() || std::any_of(target.begin(), target.end(), [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte <= 0x20 || byte >= 0x7f;
      }))
    return fail(400, "Bad Request", "The request target holds bytes that must be percent-encoded");
  // Absolute form (a client talking to a proxy): keep the path and query.
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() >= scheme.size() && to_lower(target.substr(0, scheme.size())) == scheme) {
      auto slash = target.find('/', scheme.size());
      target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
      break;
    }
  }
  request_.method = method_of(method);
  if (target == "*" && request_.method == Method::kOptions) {
    request_.path = "*";
    return State::kNeedMore;
  }
  if (target.front() != '/')
    return fail(400, "Bad Request", "The request target must be an absolute path");
  auto query_start = target.find('?');
  request_.path = std::string(target.substr(0, query_start));
  if (query_start != std::string_view::npos) parse_query(target.substr(query_start + 1), request_);
  return State::kNeedMore;
}

RequestParser::State RequestParser::parse_header_line(std::string_view line) {
  if (line.size() > limits_.max_line_size)
    return fail(431, "Request Header Fields Too Large",
                "A header line exceeds " + std::to_string(limits_.max_line_size) + " bytes");
  if (line.empty() || line.front() == ' ' || line.front() == '\t')
    return fail(400, "Bad Request", "Folded header lines are not accepted");
  auto colon = line.find(':');
  if (colon == std::string_view::npos)
    return fail(400, "Bad Request", "A header line has no colon");
  auto name = line.substr(0, colon);
  if (!is_token(name))
    return fail(400, "Bad Request", "A header name holds bytes other than token characters");
  auto value = trim_whitespace(line.substr(colon + 1));
  if (!is_field_value(value))
    return fail(400, "Bad Request", "A header value holds control characters");
  request_.headers.add(std::string(name), std::string(value));
  return State::kNeedMore;
}

RequestParser::State RequestParser::decide_body_framing() {
  std::size_t hosts = 0;
  std::optional<std::size_t> length;
  std::optional<std::string> transfer_encoding;
  for (const auto& [name, value] : request_.headers.entries()) {
    if (name == "host") {
      ++hosts;
      request_.host = value;
    } else if (name == "content-length") {
      // A list ("5, 5") is allowed when every member agrees (RFC 9112 6.3).
      std::string_view rest = value;
      while (true) {
        auto comma = rest.find(',');
        auto member = trim_whitespace(rest.substr(0, comma));
        if (member.empty() ||
            !std::all_of(member.begin(), member.end(), [](char c) { return c >= '0' && c <= '9'; }))
          return fail(400, "Bad Request", "Content-Length must be a decimal number of bytes");
        member.remove_prefix(std::min(member.find_first_not_of('0'), member.size() - 1));
        std::size_t size = 0;  // beyond 18 digits it cannot be a size we accept
        if (member.size() > 18 ||
            std::from_chars(member.data(), member.data() + member.size(), size).ec != std::errc() ||
            size > limits_.max_body_size)
          return fail(413, "Request Entity Too Large",
                      too_large_description(limits_.max_body_size));
        if (length && *length != size)
          return fail(400, "Bad Request", "Content-Length values disagree");
        length = size;
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
      }
    } else if (name == "transfer-encoding") {
      transfer_encoding = transfer_encoding ? *transfer_encoding + "," + value : value;
    } else if (name == "expect") {
      if (to_lower(value) != "100-continue")
        return fail(417, "Expectation Failed", "Only 100-continue is understood");
      expects_continue_ = true;
    }
  }
  if (hosts > 1 || (hosts == 0 && request_.http11))
    return fail(400, "Bad Request", "An HTTP/1.1 request carries exactly one Host header");
  if (transfer_encoding) {
    if (length)
      return fail(400, "Bad Request", "Content-Length and Transfer-Encoding are both present");
    if (!request_.http11) return fail(400, "Bad Request", "Transfer-Encoding needs HTTP/1.1");
    auto coding = to_lower(trim_whitespace(*transfer_encoding));
    if (coding != "chunked") {
      auto last = coding.rfind(',');
      if (trim_whitespace(std::string_view(coding).substr(
              last == std::string::npos ? 0 : last + 1)) != "chunked")
        return fail(400, "Bad Request", "A request body must end with the chunked coding");
      return fail(501, "Not Implemented", "Transfer codings other than chunked are not supported");
    }
    phase_ = Phase::kChunks;
    chunk_position_ = body_start_;
    return State::kNeedMore;
  }
  content_length_ = length.value_or(0);
  phase_ = Phase::kBody;
  return State::kNeedMore;
}

RequestParser::State RequestParser::parse_chunks(std::string_view input) {
  while (true) {
    auto line_end = input.find(kCrlf, chunk_position_);
    if (line_end == std::string_view::npos) {
      if (input.find('\n', chunk_position_) != std::string_view::npos)
        return fail(400, "Bad Request", "Lines must end with CRLF");
      if (input.size() - chunk_position_ > limits_.max_line_size)
        return fail(400, "Bad Request", "A chunk size line is too long");
      return State::kNeedMore;
    }
    auto line = input.substr(chunk_position_, line_end - chunk_position_);
    if (line.find('\n') != std::string_view::npos)
      return fail(400, "Bad Request", "Lines must end with CRLF");
    std::size_t size = 0;
    std::size_t digits = 0;
    for (; digits < line.size() && hex_digit(line[digits]) >= 0; ++digits) {
      size = size * 16 + static_cast<std::size_t>(hex_digit(line[digits]));
      if (size > limits_.max_body_size)
        return fail(413, "Request Entity Too Large", too_large_description(limits_.max_body_size));
    }
    auto extension = line.substr(digits);
    if (digits == 0 ||
        (!extension.empty() && extension.front() != ';' && extension.front() != ' ' &&
         extension.front() != '\t') ||
        !is_field_value(extension))
      return fail(400, "Bad Request", "A chunk size is not a hexadecimal number");
    const auto data_start = line_end + 2;
    if (size == 0) {
      // The trailer section: header lines, read and dropped, up to an empty line.
      for (auto position = data_start;;) {
        auto end = input.find(kCrlf, position);
        if (end == std::string_view::npos) {
          if (input.size() - data_start > limits_.max_head_size)
            return fail(431, "Request Header Fields Too Large", "The trailer section is too large");
          return State::kNeedMore;
        }
        if (end == position) {
          consumed_ = end + 2;
          phase_ = Phase::kDone;
          return State::kComplete;
        }
        auto trailer = input.substr(position, end - position);
        if (trailer.find('\n') != std::string_view::npos)
          return fail(400, "Bad Request", "Lines must end with CRLF");
        auto colon = trailer.find(':');
        if (colon == std::string_view::npos || !is_token(trailer.substr(0, colon)) ||
            !is_field_value(trailer.substr(colon + 1)))
          return fail(400, "Bad Request", "A trailer field is malformed");
        position = end + 2;
      }
    }
    if (input.size() < data_start + size + 2) return State::kNeedMore;
    if (input.substr(data_start + size, 2) != kCrlf)
      return fail(400, "Bad Request", "A chunk is longer than its size says");
    if (request_.body.size() + size > limits_.max_body_size)
      return fail(413, "Request Entity Too Large", too_large_description(limits_.max_body_size));
    request_.body.append(input.substr(data_start, size));
    chunk_position_ = data_start + size + 2;
  }
}

}  // namespace freezer::api::http
