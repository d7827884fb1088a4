// The HTTP handling the project owns: the request parser fed in arbitrary pieces, and a
// connection driven end to end with a synchronous worker and an output that records bytes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "freezer_api/http/connection.h"
#include "freezer_api/http/request_parser.h"

namespace {

using namespace freezer::api::http;

class RecordingOutput : public ConnectionOutput {
 public:
  void write(std::string bytes) override { written += bytes.size(); }
  void write_and_finish(std::string bytes) override { written += bytes.size(); }
  void abort() override {}
  std::size_t written = 0;
};

ParserLimits small_limits() {
  ParserLimits limits;
  limits.max_body_size = 4096;
  limits.max_head_size = 2048;
  limits.max_line_size = 512;
  limits.max_headers = 20;
  return limits;
}

// Parses every request in the input fed `step` bytes at a time; checks the parser's promises.
void parse_in_pieces(std::string_view data, std::size_t step) {
  const auto limits = small_limits();
  RequestParser parser(limits);
  std::string input;
  for (std::size_t offset = 0; offset < data.size();) {
    input.append(data.substr(offset, step));
    offset += step;
    while (!input.empty()) {
      auto state = parser.parse(input);
      if (state == RequestParser::State::kError) {
        if (parser.error().status < 400 || parser.error().status > 599)
          throw std::logic_error("refusal with a non-error status");
        return;
      }
      if (state == RequestParser::State::kNeedMore) break;
      if (parser.consumed() == 0 || parser.consumed() > input.size())
        throw std::logic_error("a request took no bytes or more than it had");
      auto request = parser.take_request();
      if (request.body.size() > limits.max_body_size) throw std::logic_error("body over limit");
      if (request.path.empty()) throw std::logic_error("request without a path");
      input.erase(0, parser.consumed());
      parser.reset();
    }
  }
}

void drive_connection(std::string_view data) {
  auto settings = std::make_shared<ConnectionSettings>();
  settings->limits = small_limits();
  settings->handler = [](Request& request) {
    return Response::json(200, "{\"path\": \"" + std::to_string(request.path.size()) + "\"}");
  };
  // Workers run a request after the connection lets go of its lock, as the pool's do.
  std::vector<std::function<void()>> queued;
  settings->dispatch = [&queued](std::function<void()> task) { queued.push_back(std::move(task)); };
  auto run_queued = [&queued] {
    while (!queued.empty()) {
      auto task = std::move(queued.back());
      queued.pop_back();
      task();
    }
  };
  auto output = std::make_unique<RecordingOutput>();
  auto connection = std::make_shared<Connection>(settings, std::move(output));
  for (std::size_t offset = 0; offset < data.size(); offset += 97) {
    connection->receive(data.substr(offset, 97));
    run_queued();
  }
  connection->expire_if_due(Connection::Clock::now() + std::chrono::hours(1));
  connection->disconnected();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view data(reinterpret_cast<const char*>(bytes) + 1, size - 1);
  parse_in_pieces(data, data.size() + 1);                              // all at once
  parse_in_pieces(data, 1 + static_cast<std::size_t>(bytes[0] % 16));  // in small pieces
  drive_connection(data);
  return 0;
}
