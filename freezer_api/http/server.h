#pragma once
// The HTTP server: Pistache parses requests on its I/O threads and hands each one to a
// worker pool, where the application runs; the response is sent from the worker. Slow
// handlers (database, Keystone) therefore never block socket I/O.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "freezer_api/http/message.h"

namespace freezer::api::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: an ephemeral port, see Server::port()
  std::size_t io_threads = 2;
  std::size_t worker_threads = 8;
  std::size_t max_body_size = 1 << 20;
};

using RequestHandler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();  // returns once listening
  std::uint16_t port() const;
  // Stops accepting, lets running requests finish, joins every thread. Idempotent.
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace freezer::api::http
