#include "freezer_api/http/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/net.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "common/thread_pool.h"

namespace freezer::api::http {
namespace {

namespace P = Pistache;

// Pistache's own limit covers headers and body; ours applies to the body alone and answers
// a JSON 413, so leave room for headers above it.
constexpr std::size_t kHeaderAllowance = 64 * 1024;

// A response header whose name is only known at run time (Pistache writes typed headers
// only, never raw ones).
class NamedHeader : public P::Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void write(std::ostream& stream) const override { stream << value_; }
#ifdef SAFE_HEADER_CAST
  uint64_t hash() const override { return std::hash<std::string>{}(name_); }
#endif

 private:
  std::string name_;
  std::string value_;
};

Method to_method(P::Http::Method m) {
  switch (m) {
    case P::Http::Method::Get: return Method::kGet;
    case P::Http::Method::Head: return Method::kHead;
    case P::Http::Method::Post: return Method::kPost;
    case P::Http::Method::Put: return Method::kPut;
    case P::Http::Method::Patch: return Method::kPatch;
    case P::Http::Method::Delete: return Method::kDelete;
    case P::Http::Method::Options: return Method::kOptions;
    default: return Method::kOther;
  }
}

Request to_request(const P::Http::Request& in) {
  Request out;
  out.method = to_method(in.method());
  out.path = in.resource();
  out.http11 = in.version() == P::Http::Version::Http11;
  const auto& query = in.query();
  for (auto it = query.parameters_begin(); it != query.parameters_end(); ++it)
    out.query.emplace_back(percent_decode(it->first, true), percent_decode(it->second, true));
  for (const auto& header : in.headers().list()) {
    std::ostringstream value;
    if (auto accept = std::dynamic_pointer_cast<P::Http::Header::Accept>(header)) {
      // Pistache keeps Accept only in parsed form and does not write it back.
      const char* separator = "";
      for (const auto& media : accept->media()) {
        value << separator << media.toString();
        separator = ", ";
      }
    } else {
      header->write(value);
    }
    out.headers.add(header->name(), value.str());
  }
  for (const auto& [name, raw] : in.headers().rawList()) out.headers.add(name, raw.value());
  if (auto host = out.headers.get("host")) out.host = std::string(*host);
  out.body = in.body();
  return out;
}

bool client_wants_close(const Request& request) {
  auto connection = request.headers.get("connection");
  if (!connection) return !request.http11;
  std::string value(*connection);
  for (auto& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (value.find("close") != std::string::npos) return true;
  return !request.http11 && value.find("keep-alive") == std::string::npos;
}

void send(P::Http::ResponseWriter& writer, const Request& request, const Response& response) {
  auto& headers = writer.headers();
  // Pistache answers `Connection: Close` to HTTP/1.1 requests that do not say keep-alive,
  // which is against HTTP/1.1's persistent-by-default rule: undo it.
  headers.remove<P::Http::Header::Connection>();
  headers.add<P::Http::Header::Connection>(client_wants_close(request)
                                               ? P::Http::ConnectionControl::Close
                                               : P::Http::ConnectionControl::KeepAlive);
  for (const auto& [name, value] : response.headers)
    headers.add(std::make_shared<NamedHeader>(name, value));
  // Content-Type goes out verbatim: Pistache's media type parser rejects parameters such as
  // "; charset=UTF-8" and unknown types such as application/json-home.
  if (!response.content_type.empty())
    headers.add(std::make_shared<NamedHeader>("Content-Type", response.content_type));
  writer.send(static_cast<P::Http::Code>(response.status), response.body);
}

struct Dispatcher {
  RequestHandler handler;
  common::ThreadPool workers;
  std::size_t max_body_size;

  Dispatcher(RequestHandler h, std::size_t threads, std::size_t max_body)
      : handler(std::move(h)), workers(threads), max_body_size(max_body) {}
};

class BridgeHandler : public P::Http::Handler {
 public:
  HTTP_PROTOTYPE(BridgeHandler)

  explicit BridgeHandler(std::shared_ptr<Dispatcher> dispatcher)
      : dispatcher_(std::move(dispatcher)) {}

  void onRequest(const P::Http::Request& request, P::Http::ResponseWriter writer) override {
    struct Job {
      Request request;
      P::Http::ResponseWriter writer;
    };
    auto job = std::make_shared<Job>(Job{to_request(request), std::move(writer)});
    auto dispatcher = dispatcher_;
    dispatcher->workers.submit([dispatcher, job] {
      Response response;
      try {
        response = dispatcher->handler(job->request);
      } catch (const std::exception& e) {
        spdlog::error("unhandled error: {}", e.what());
        response = Response::json(500, R"({"title": "Internal Server Error", )"
                                        R"("description": "An unexpected error occurred on the server."})");
      }
      try {
        send(job->writer, job->request, response);
      } catch (const std::exception& e) {
        spdlog::error("cannot send response: {}", e.what());
      }
    });
  }

 private:
  std::shared_ptr<Dispatcher> dispatcher_;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<Dispatcher> dispatcher;
  std::unique_ptr<P::Http::Endpoint> endpoint;
  bool running = false;
};

Server::Server(ServerOptions options, RequestHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->dispatcher = std::make_shared<Dispatcher>(std::move(handler), impl_->options.worker_threads,
                                                   impl_->options.max_body_size);
}

Server::~Server() { shutdown(); }

void Server::start() {
  P::Address address(impl_->options.host, P::Port(impl_->options.port));
  impl_->endpoint = std::make_unique<P::Http::Endpoint>(address);
  auto opts = P::Http::Endpoint::options()
                  .threads(static_cast<int>(impl_->options.io_threads))
                  .flags(P::Tcp::Options::ReuseAddr | P::Tcp::Options::NoDelay)
                  .maxRequestSize(impl_->options.max_body_size + kHeaderAllowance)
                  .maxResponseSize(64 * 1024 * 1024);
  impl_->endpoint->init(opts);
  impl_->endpoint->setHandler(P::Http::make_handler<BridgeHandler>(impl_->dispatcher));
  impl_->endpoint->serveThreaded();
  impl_->running = true;
}

std::uint16_t Server::port() const {
  return static_cast<std::uint16_t>(impl_->endpoint->getPort());
}

void Server::shutdown() {
  if (!impl_ || !impl_->running) return;
  impl_->running = false;
  // Finish the requests already handed to workers (their responses are queued on the
  // connections), then stop the I/O threads.
  impl_->dispatcher->workers.shutdown();
  impl_->endpoint->shutdown();
}

}  // namespace freezer::api::http
