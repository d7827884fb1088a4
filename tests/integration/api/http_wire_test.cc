// The HTTP layer as a hostile or sloppy client meets it: exact bytes on a raw socket. Every
// refusal is JSON with the right status, arrives at once (before any body), and ends the
// connection; nothing reaches the application that the parser did not fully understand.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "tests/support/api_server.h"
#include "tests/support/raw_http.h"

namespace freezer::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kHeaders = "Host: 127.0.0.1\r\nX-Project-Id: p1\r\nX-User-Id: u1\r\n";

std::string post_clients(const std::string& extra_headers, const std::string& body) {
  return std::string("POST /v2/p1/clients HTTP/1.1\r\n") + kHeaders +
         "Content-Type: application/json\r\n" + extra_headers + "\r\n" + body;
}

// Sends the bytes, then expects one JSON refusal with `status` within a second, followed by
// the server closing the connection.
void expect_refusal(ApiServer& server, const std::string& bytes, int status) {
  RawConnection connection(port_of(server.base_url()));
  connection.send(bytes);
  const auto started = std::chrono::steady_clock::now();
  auto response = connection.read_response(2s);
  ASSERT_TRUE(response) << "no answer to: " << bytes.substr(0, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  EXPECT_EQ(response->status, status) << bytes.substr(0, 200) << "\n" << response->body;
  EXPECT_EQ(response->header("content-type"), "application/json");
  EXPECT_EQ(response->header("connection"), "close");
  auto body = parse(response->body);
  EXPECT_TRUE(body.IsObject() && body.HasMember("title")) << response->body;
  for (const char* leak : {"basic_string", "stoull", "std::", "bad_alloc", "what()"})
    EXPECT_EQ(response->body.find(leak), std::string::npos) << response->body;
  EXPECT_TRUE(connection.closed_within(3s));
}

long count_clients(ApiServer& server) {
  auto listed = parse(
      server.client()
          ->request("GET", "/v2/p1/clients?limit=1000", "", {"X-Project-Id: p1", "X-User-Id: u1"})
          .body);
  return static_cast<long>(listed["clients"].Size());
}

TEST(HttpWire, HugeContentLengthsAreRefusedBeforeAnyBodyArrives) {
  ApiServer server;
  for (const char* length : {"1000000000000", "2147483648", "1048577", "9223372036854775807",
                             "18446744073709551616", "000000000000000000000000000000001048577"})
    expect_refusal(server, post_clients(std::string("Content-Length: ") + length + "\r\n", ""),
                   413);
  EXPECT_EQ(count_clients(server), 0);
}

TEST(HttpWire, ContentLengthsThatAreNotDecimalNumbersAre400) {
  ApiServer server;
  const std::string body = R"({"client_id": "c1"})";
  for (const char* length : {"-1", "abc", "0x10", "1e3", "+19", "19 19", "", "19,20"})
    expect_refusal(server, post_clients(std::string("Content-Length: ") + length + "\r\n", body),
                   400);
  // Two Content-Length headers that disagree: the body's end would be ambiguous.
  expect_refusal(server, post_clients("Content-Length: 19\r\nContent-Length: 5\r\n", body), 400);
  EXPECT_EQ(count_clients(server), 0);
}

TEST(HttpWire, AgreeingContentLengthsAreOneLength) {
  ApiServer server;
  RawConnection connection(port_of(server.base_url()));
  const std::string body = R"({"client_id": "c1"})";
  connection.send(post_clients("Content-Length: 19\r\nContent-Length: 19\r\n", body));
  auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 201) << response->body;
}

TEST(HttpWire, PipelinedRequestsEachGetTheirResponseInOrder) {
  ApiServer server;
  RawConnection connection(port_of(server.base_url()));
  std::string three;
  for (int i = 0; i < 3; ++i) three += "GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n";
  three += std::string("GET /v2/p1/clients/missing HTTP/1.1\r\n") + kHeaders + "\r\n";
  connection.send(three);
  for (int i = 0; i < 3; ++i) {
    auto response = connection.read_response();
    ASSERT_TRUE(response) << "response " << i;
    EXPECT_EQ(response->status, 200);
  }
  auto last = connection.read_response();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->status, 404);
}

TEST(HttpWire, ABodyAfterItsContentLengthIsTheNextRequestNotPartOfThisOne) {
  ApiServer server;
  RawConnection connection(port_of(server.base_url()));
  // A smuggling shape: the stated length ends the body, the rest must parse as a request.
  connection.send(post_clients("Content-Length: 19\r\n", R"({"client_id": "c1"})") +
                  "GARBAGE\r\n\r\n");
  auto first = connection.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 201);
  auto second = connection.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 400);
  EXPECT_TRUE(connection.closed_within(3s));
}

TEST(HttpWire, MalformedRequestLinesAndHeadersAreJsonErrors) {
  ApiServer server;
  expect_refusal(server, "GET /healthcheck\r\n", 400);  // no version: refused at once
  expect_refusal(server, "GET /healthcheck HTTP/2.0\r\nHost: x\r\n\r\n", 505);
  expect_refusal(server, "GET /healthcheck HTTP/1.1.1\r\nHost: x\r\n\r\n", 400);
  expect_refusal(server, "GET /healthcheck FTP/1.1\r\nHost: x\r\n\r\n", 400);
  expect_refusal(server, "G(T /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n", 400);
  expect_refusal(server, "GET healthcheck HTTP/1.1\r\nHost: x\r\n\r\n", 400);
  expect_refusal(server, "GET /health\x01check HTTP/1.1\r\nHost: x\r\n\r\n", 400);
  expect_refusal(server, "GET /healthcheck HTTP/1.1\r\nHost : x\r\n\r\n", 400);
  expect_refusal(server, "GET /healthcheck HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n b\r\n\r\n", 400);
  expect_refusal(server, "GET /healthcheck HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", 400);
  expect_refusal(
      server, "GET /healthcheck HTTP/1.1\r\nHost: x\r\nX-A: a" + std::string(1, '\0') + "b\r\n\r\n",
      400);
  expect_refusal(server, "GET /healthcheck HTTP/1.1\nHost: x\n\n", 400);
  expect_refusal(server, "GET /healthcheck HTTP/1.1\r\n\r\n", 400);  // no Host
  expect_refusal(server, "GET /healthcheck HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400);
  expect_refusal(server, "GET /healthcheck HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", 417);
}

TEST(HttpWire, OversizedHeadsAre414Or431) {
  ApiServer server("[api]\nmax_header_line = 1024\n");
  expect_refusal(server, "GET /" + std::string(2000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
  expect_refusal(
      server,
      "GET /healthcheck HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'b') + "\r\n\r\n", 431);
  std::string many = "GET /healthcheck HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 101; ++i) many += "X-" + std::to_string(i) + ": 1\r\n";
  expect_refusal(server, many + "\r\n", 431);
  std::string flood = "GET /healthcheck HTTP/1.1\r\nHost: x\r\n";
  while (flood.size() < 5000) flood += "X-Flood: " + std::string(900, 'f') + "\r\n";
  expect_refusal(server, flood + "\r\n", 431);
}

TEST(HttpWire, ChunkedBodiesAreDecodedAndBadChunksRefused) {
  ApiServer server;
  {
    RawConnection connection(port_of(server.base_url()));
    connection.send(
        post_clients("Transfer-Encoding: chunked\r\n",
                     "a;ext=1\r\n{\"client_i\r\n9\r\nd\": \"c1\"}\r\n0\r\nX-T: 1\r\n\r\n"));
    auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 201) << response->body;
  }
  EXPECT_EQ(count_clients(server), 1);
  expect_refusal(server, post_clients("Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n"),
                 400);
  expect_refusal(server, post_clients("Transfer-Encoding: chunked\r\n", "-1\r\n{}\r\n0\r\n\r\n"),
                 400);
  expect_refusal(server, post_clients("Transfer-Encoding: chunked\r\n", "1\r\n{}\r\n0\r\n\r\n"),
                 400);
  expect_refusal(server, post_clients("Transfer-Encoding: chunked\r\n", "fffffffffffffffffff\r\n"),
                 413);
  expect_refusal(server, post_clients("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"), 501);
  expect_refusal(server, post_clients("Transfer-Encoding: chunked, gzip\r\n", "0\r\n\r\n"), 400);
  // Both framings at once: the classic request-smuggling shape.
  expect_refusal(server,
                 post_clients("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
                 400);
  EXPECT_EQ(count_clients(server), 1);
}

TEST(HttpWire, BodiesBeyondTheLimitAre413InJsonWhateverTheirFraming) {
  ApiServer server("[oslo_middleware]\nmax_request_body_size = 1000\n");
  const std::string big(1001, ' ');
  expect_refusal(server, post_clients("Content-Length: 1001\r\n", big), 413);
  expect_refusal(server,
                 post_clients("Transfer-Encoding: chunked\r\n", "3e9\r\n" + big + "\r\n0\r\n\r\n"),
                 413);
  expect_refusal(server,
                 post_clients("Transfer-Encoding: chunked\r\n",
                              "1f4\r\n" + big.substr(0, 500) + "\r\n1f5\r\n" + big.substr(0, 501) +
                                  "\r\n0\r\n\r\n"),
                 413);
  // Far beyond what Pistache itself would take (its own limit answered in plain text).
  expect_refusal(server, post_clients("Content-Length: 200000\r\n", std::string(200000, ' ')), 413);
}

TEST(HttpWire, ExpectContinueGetsAnInterimResponseThenTheAnswer) {
  ApiServer server;
  RawConnection connection(port_of(server.base_url()));
  const std::string body = R"({"client_id": "c1"})";
  connection.send(post_clients("Content-Length: 19\r\nExpect: 100-continue\r\n", ""));
  auto interim = connection.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  connection.send(body);
  auto final_response = connection.read_response();
  ASSERT_TRUE(final_response);
  EXPECT_EQ(final_response->status, 201);
}

TEST(HttpWire, EveryMethodAndMediaTypeReachesTheApplication) {
  ApiServer server;
  RawConnection connection(port_of(server.base_url()));
  // Pistache used to answer these itself, in plain text.
  connection.send(std::string("BREW /v2/p1/clients HTTP/1.1\r\n") + kHeaders + "\r\n");
  auto brew = connection.read_response();
  ASSERT_TRUE(brew);
  EXPECT_EQ(brew->status, 405);
  EXPECT_EQ(brew->header("content-type"), "application/json");
  connection.send("GET /v2 HTTP/1.1\r\nHost: x\r\nAccept: application/json-home\r\n\r\n");
  auto home = connection.read_response();
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_EQ(home->header("content-type"), "application/json-home");
  connection.send(std::string("POST /v2/p1/clients HTTP/1.1\r\n") + kHeaders +
                  "Content-Type: \r\nContent-Length: 19\r\n\r\n" + R"({"client_id": "c1"})");
  auto untyped = connection.read_response();
  ASSERT_TRUE(untyped);
  EXPECT_EQ(untyped->status, 201);
  connection.send("HEAD /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n");
  auto head = connection.read_response(5s, true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 204);
  connection.send("GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n");  // nothing left over
  auto after = connection.read_response();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST(HttpWire, Http10ClosesUnlessKeptAlive) {
  ApiServer server;
  RawConnection closing(port_of(server.base_url()));
  closing.send("GET /healthcheck HTTP/1.0\r\n\r\n");
  auto response = closing.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(closing.closed_within(3s));
  RawConnection kept(port_of(server.base_url()));
  kept.send("GET /healthcheck HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  ASSERT_TRUE(kept.read_response());
  kept.send("GET /healthcheck HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  ASSERT_TRUE(kept.read_response());
}

TEST(HttpWire, SlowHeadsAndBodiesAre408AndIdleConnectionsClosed) {
  ApiServer server(
      "[api]\nrequest_header_timeout = 1\nrequest_body_timeout = 1\nclient_socket_timeout = 2\n");
  const auto port = port_of(server.base_url());
  RawConnection slow_head(port);
  slow_head.send("GET /healthcheck HTTP/1.1\r\nHost: x\r\n");
  RawConnection slow_body(port);
  slow_body.send(post_clients("Content-Length: 19\r\n", R"({"client)"));
  RawConnection idle(port);
  for (auto* connection : {&slow_head, &slow_body}) {
    auto response = connection->read_response(3s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 408);
    EXPECT_EQ(response->header("content-type"), "application/json");
    EXPECT_TRUE(connection->closed_within(3s));
  }
  EXPECT_TRUE(idle.closed_within(4s));
  EXPECT_EQ(count_clients(server), 0);
}

TEST(HttpWire, ConnectionsBeyondTheLimitAre503) {
  ApiServer server("[api]\nmax_connections = 3\n");
  const auto port = port_of(server.base_url());
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawConnection>(port));
    held.back()->send("GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(held.back()->read_response());
  }
  RawConnection extra(port);
  auto refused = extra.read_response(2s);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_TRUE(extra.closed_within(3s));
  held.clear();  // room again
  std::this_thread::sleep_for(200ms);
  RawConnection later(port);
  later.send("GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n");
  auto served = later.read_response();
  ASSERT_TRUE(served);
  EXPECT_EQ(served->status, 200);
}

// 200 slowloris connections (a header byte now and then) do not slow anyone else down.
TEST(HttpWire, SlowClientsDoNotStarveOthers) {
  ApiServer server;
  const auto port = port_of(server.base_url());
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 200; ++i) {
    slow.push_back(std::make_unique<RawConnection>(port));
    slow.back()->send("GET /healthcheck HTTP/1.1\r\n");
  }
  std::vector<double> latencies_ms;
  RawConnection normal(port);
  for (int round = 0; round < 200; ++round) {
    if (round % 20 == 0)
      for (auto& connection : slow) connection->send("X-Slow: 1\r\n");
    const auto started = std::chrono::steady_clock::now();
    normal.send("GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n");
    auto response = normal.read_response();
    ASSERT_TRUE(response);
    ASSERT_EQ(response->status, 200);
    latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count());
  }
  std::sort(latencies_ms.begin(), latencies_ms.end());
  const double p99 = latencies_ms[latencies_ms.size() * 99 / 100];
  EXPECT_LT(p99, 100.0);
  std::cout << "p99 with 200 slow connections open: " << p99 << " ms\n";
}

TEST(HttpWire, NulBytesInBodiesAreRefusedNotTruncated) {
  ApiServer server;
  auto http = server.client();
  const std::vector<std::string> headers = {"X-Project-Id: p1", "X-User-Id: u1",
                                            "Content-Type: application/json"};
  auto trailing =
      http->request("POST", "/v2/p1/clients",
                    std::string(R"({"client_id": "c1"})") + std::string(1, '\0') + "junk", headers);
  EXPECT_EQ(trailing.status, 753) << trailing.body;  // upstream's Malformed JSON
  auto inside = http->request("POST", "/v2/p1/clients", R"({"client_id": "a\u0000b"})", headers);
  EXPECT_EQ(inside.status, 400) << inside.body;
  EXPECT_NE(inside.body.find("NUL"), std::string::npos);
  EXPECT_EQ(count_clients(server), 0);
}

TEST(HttpWire, DeepNestingIs400NotACrash) {
  ApiServer server;
  auto http = server.client();
  const std::vector<std::string> headers = {"X-Project-Id: p1", "X-User-Id: u1",
                                            "Content-Type: application/json"};
  for (int depth : {101, 10000, 500000}) {
    std::string body =
        R"({"client_id": "c1", "x": )" + std::string(depth, '[') + std::string(depth, ']') + "}";
    auto r = http->request("POST", "/v2/p1/clients", body, headers);
    EXPECT_EQ(r.status, 400) << depth;
  }
  EXPECT_EQ(count_clients(server), 0);
}

TEST(HttpWire, IdsThatAreNotTextAre400WithValidJson) {
  ApiServer server;
  auto http = server.client();
  for (const char* id : {"%ff%fe", "a%00b", "%c0%af", "%0d%0aX-Injected:%201"}) {
    auto r = http->request("GET", std::string("/v2/p1/jobs/") + id, "",
                           {"X-Project-Id: p1", "X-User-Id: u1"});
    EXPECT_EQ(r.status, 400) << id;
    EXPECT_NO_THROW(parse(r.body)) << r.body;
    EXPECT_FALSE(r.has_header("x-injected"));
  }
}

}  // namespace
}  // namespace freezer::testing

namespace freezer::testing {
namespace {

// Patterns are matched with std::regex, whose matcher recurses per character: a long value
// must be refused by its length before the pattern runs, never overflow the stack.
TEST(HttpWire, LongValuesOfPatternCheckedFieldsAre400) {
  ApiServer server;
  auto http = server.client();
  const std::vector<std::string> headers = {"X-Project-Id: p1", "X-User-Id: u1",
                                            "Content-Type: application/json"};
  const std::string digits(500000, '1');
  for (const std::string& schedule :
       {R"({"schedule_interval": ")" + digits + R"( days"})",
        R"({"schedule_start_date": ")" + digits + R"(-01-01T00:00:00"})"}) {
    auto r = http->request("POST", "/v2/p1/jobs",
                           R"({"job_id": "j1", "client_id": "c1", "job_schedule": )" + schedule +
                               R"(, "job_actions": [{"freezer_action": {"action": "backup"}}]})",
                           headers);
    EXPECT_EQ(r.status, 400) << r.body.substr(0, 300);
  }
  EXPECT_EQ(http->get("/healthcheck").status, 200);
}

}  // namespace
}  // namespace freezer::testing
