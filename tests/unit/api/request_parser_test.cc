// The strict request parser on its own: the same bytes give the same request whether they
// arrive at once or one at a time, and each refusal has its status.
#include "freezer_api/http/request_parser.h"

#include <gtest/gtest.h>

namespace freezer::api::http {
namespace {

struct Outcome {
  RequestParser::State state;
  Request request;
  std::size_t consumed = 0;
  int error_status = 0;
};

Outcome parse_in_steps(const std::string& bytes, std::size_t step, ParserLimits limits = {}) {
  RequestParser parser(limits);
  std::string input;
  for (std::size_t offset = 0; offset < bytes.size(); offset += step) {
    input.append(bytes.substr(offset, step));
    auto state = parser.parse(input);
    if (state == RequestParser::State::kComplete)
      return {state, parser.take_request(), parser.consumed(), 0};
    if (state == RequestParser::State::kError) return {state, {}, 0, parser.error().status};
  }
  return {RequestParser::State::kNeedMore, {}, 0, 0};
}

TEST(RequestParser, ByteByByteGivesTheSameRequestAsAllAtOnce) {
  const std::string bytes =
      "POST /v2/p1/jobs?limit=5&search=a%20b+c&flag HTTP/1.1\r\nHost: api\r\n"
      "X-Auth-Token:  tok \r\nContent-Length: 11\r\n\r\nhello world"
      "GET / HTTP/1.1\r\n";
  for (std::size_t step : {bytes.size(), std::size_t{1}, std::size_t{7}}) {
    auto outcome = parse_in_steps(bytes, step);
    ASSERT_EQ(outcome.state, RequestParser::State::kComplete) << step;
    EXPECT_EQ(outcome.request.method, Method::kPost);
    EXPECT_EQ(outcome.request.path, "/v2/p1/jobs");
    ASSERT_EQ(outcome.request.query.size(), 3u);
    EXPECT_EQ(outcome.request.query[1].second, "a b c");
    EXPECT_EQ(outcome.request.query[2].first, "flag");
    EXPECT_EQ(outcome.request.headers.get("x-auth-token").value_or(""), "tok");
    EXPECT_EQ(outcome.request.host, "api");
    EXPECT_EQ(outcome.request.body, "hello world");
    EXPECT_EQ(outcome.consumed, bytes.find("GET /"));
  }
}

TEST(RequestParser, ChunkedBodiesInAnyPiecesAreDecoded) {
  const std::string bytes =
      "PUT /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
      "5\r\nhello\r\nA;name=value\r\n, world!!!\r\n0\r\nTrailer: yes\r\n\r\n";
  for (std::size_t step : {bytes.size(), std::size_t{1}, std::size_t{3}}) {
    auto outcome = parse_in_steps(bytes, step);
    ASSERT_EQ(outcome.state, RequestParser::State::kComplete) << step;
    EXPECT_EQ(outcome.request.body, "hello, world!!!");
    EXPECT_EQ(outcome.consumed, bytes.size());
  }
}

TEST(RequestParser, RefusalsCarryTheirStatus) {
  ParserLimits limits;
  limits.max_body_size = 100;
  const std::vector<std::pair<std::string, int>> cases = {
      {"GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n", 413},
      {"GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413},
      {"GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1 0\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity\r\n\r\n", 400},
      {"GET / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"GET / HTTP/3.0\r\nHost: h\r\n\r\n", 505},
      {"GET / HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nHost: h\r\nX: \x7f\r\n\r\n", 400},
      {"GET /\xff HTTP/1.1\r\nHost: h\r\n\r\n", 400},
      {"\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", 0},  // leading empty lines are skipped
  };
  for (const auto& [bytes, status] : cases) {
    auto outcome = parse_in_steps(bytes, bytes.size(), limits);
    if (status == 0) {
      EXPECT_EQ(outcome.state, RequestParser::State::kComplete) << bytes;
    } else {
      EXPECT_EQ(outcome.error_status, status) << bytes;
    }
  }
}

TEST(RequestParser, AnUnfinishedRequestLineIsCheckedBeforeTheHeadEnds) {
  auto outcome = parse_in_steps("GET / HTTP/9\r\nHost: h\r\n", 64);
  EXPECT_EQ(outcome.error_status, 400);
  auto fine = parse_in_steps("GET / HTTP/1.1\r\nHost: h\r\n", 64);
  EXPECT_EQ(fine.state, RequestParser::State::kNeedMore);
}

}  // namespace
}  // namespace freezer::api::http
