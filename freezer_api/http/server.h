#pragma once
// The HTTP server: Pistache's TCP layer does socket I/O on its threads; each connection
// (connection.h) parses its requests with the project's strict parser and hands them to a
// worker pool, where the application runs; the response is sent from the worker. Slow
// handlers (database, Keystone) therefore never block socket I/O, and slow clients are timed
// out by a reaper thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "freezer_api/http/connection.h"
#include "freezer_api/http/tls.h"

namespace freezer::api::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: an ephemeral port, see Server::port()
  std::size_t io_threads = 2;
  std::size_t worker_threads = 8;
  std::size_t max_body_size = 1 << 20;
  std::size_t max_head_size = 64 * 1024;
  std::size_t max_line_size = 16 * 1024;
  std::size_t max_connections = 1000;
  std::chrono::milliseconds header_timeout{20'000};
  std::chrono::milliseconds body_timeout{60'000};
  std::chrono::milliseconds idle_timeout{900'000};
  std::optional<TlsOptions> tls;  // serve HTTPS
};

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
