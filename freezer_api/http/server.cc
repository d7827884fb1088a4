#include "freezer_api/http/server.h"

#include <pistache/listener.h>
#include <pistache/net.h>
#include <pistache/peer.h>
#include <pistache/tcp.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <atomic>
#include <condition_variable>
#include <thread>
#include <unordered_map>

#include "common/thread_pool.h"
#include "freezer_api/http/connection.h"

namespace freezer::api::http {
namespace {

namespace P = Pistache;

// Writes to a Pistache peer. Pistache owns the socket: it closes the descriptor after telling
// the handler of the disconnection, and the connection stops using its output then, so a
// descriptor is never touched once it could have been reused.
class PeerOutput : public ConnectionOutput {
 public:
  explicit PeerOutput(const std::shared_ptr<P::Tcp::Peer>& peer) : peer_(peer) {}

  void write(std::string bytes) override {
    if (auto peer = peer_.lock()) {
      const auto size = bytes.size();
      peer->send(P::RawBuffer(std::move(bytes), size));
    }
  }

  void write_and_finish(std::string bytes) override {
    auto peer = peer_.lock();
    if (!peer) return;
    const auto size = bytes.size();
    const int fd = peer->fd();
    // The callback runs on the peer's I/O thread right after the write, while the
    // descriptor is still the peer's.
    peer->send(P::RawBuffer(std::move(bytes), size))
        .then([fd](ssize_t) { ::shutdown(fd, SHUT_WR); },
              [fd](std::exception_ptr&) { ::shutdown(fd, SHUT_RDWR); });
  }

  void abort() override {
    // Pistache then reads end-of-file and closes the socket on its own thread.
    if (auto peer = peer_.lock()) ::shutdown(peer->fd(), SHUT_RDWR);
  }

 private:
  std::weak_ptr<P::Tcp::Peer> peer_;
};

// Every open connection, for the connection limit and the reaper.
class ConnectionRegistry {
 public:
  std::size_t add(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(mutex_);
    connections_[connection.get()] = connection;
    return connections_.size();
  }
  void remove(const Connection* connection) {
    std::lock_guard lock(mutex_);
    connections_.erase(connection);
  }
  std::vector<std::shared_ptr<Connection>> snapshot() {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<Connection>> out;
    out.reserve(connections_.size());
    for (const auto& [key, connection] : connections_)
      if (auto alive = connection.lock()) out.push_back(std::move(alive));
    return out;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<const Connection*, std::weak_ptr<Connection>> connections_;
};

struct Shared {
  std::shared_ptr<ConnectionSettings> settings;
  std::unique_ptr<TlsContext> tls;  // null: plain HTTP
  ConnectionRegistry registry;
  std::size_t max_connections = 0;
};

constexpr const char* kConnectionKey = "freezer.connection";
constexpr const char* kTlsKey = "freezer.tls";

class ConnectionHandler : public P::Tcp::Handler {
 public:
  PROTOTYPE_OF(P::Tcp::Handler, ConnectionHandler)

  explicit ConnectionHandler(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

  void onConnection(const std::shared_ptr<P::Tcp::Peer>& peer) override {
    std::unique_ptr<ConnectionOutput> output = std::make_unique<PeerOutput>(peer);
    std::shared_ptr<TlsSession> tls;
    if (shared_->tls) {
      tls = std::make_shared<TlsSession>(*shared_->tls, std::move(output));
      output = std::make_unique<TlsOutput>(tls);
      peer->putData(kTlsKey, tls);
    }
    auto connection = std::make_shared<Connection>(shared_->settings, std::move(output));
    peer->putData(kConnectionKey, connection);
    if (tls) connection->begin_handshake();
    if (shared_->registry.add(connection) > shared_->max_connections) {
      // Over TLS the refusal waits for the handshake; plain connections get it at once.
      connection->refuse_overloaded();
    }
  }

  void onInput(const char* buffer, size_t length,
               const std::shared_ptr<P::Tcp::Peer>& peer) override {
    auto connection = connection_of(peer);
    if (!connection) return;
    auto tls = std::static_pointer_cast<TlsSession>(peer->tryGetData(kTlsKey));
    if (!tls) {
      connection->receive({buffer, length});
      return;
    }
    auto received = tls->receive({buffer, length});
    if (received.handshake_done) connection->end_handshake();
    if (!received.plaintext.empty()) connection->receive(received.plaintext);
    if (received.failed) connection->drop();
  }

  void onDisconnection(const std::shared_ptr<P::Tcp::Peer>& peer) override {
    if (auto connection = connection_of(peer)) {
      connection->disconnected();
      shared_->registry.remove(connection.get());
    }
  }

 private:
  static std::shared_ptr<Connection> connection_of(const std::shared_ptr<P::Tcp::Peer>& peer) {
    return std::static_pointer_cast<Connection>(peer->tryGetData(kConnectionKey));
  }

  std::shared_ptr<Shared> shared_;
};

// Times out slow requests and idle connections.
class Reaper {
 public:
  explicit Reaper(ConnectionRegistry& registry) : registry_(registry) {
    thread_ = std::thread([this] { run(); });
  }
  ~Reaper() { stop(); }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stopping_; })) {
      lock.unlock();
      const auto now = Connection::Clock::now();
      for (const auto& connection : registry_.snapshot()) connection->expire_if_due(now);
      lock.lock();
    }
  }

  ConnectionRegistry& registry_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  std::unique_ptr<common::ThreadPool> workers;
  std::unique_ptr<P::Tcp::Listener> listener;
  std::unique_ptr<Reaper> reaper;
  bool running = false;
};

Server::Server(ServerOptions options, RequestHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  const auto& o = impl_->options;
  impl_->workers = std::make_unique<common::ThreadPool>(o.worker_threads);
  auto settings = std::make_shared<ConnectionSettings>();
  settings->limits.max_body_size = o.max_body_size;
  settings->limits.max_head_size = o.max_head_size;
  settings->limits.max_line_size = o.max_line_size;
  settings->header_timeout = o.header_timeout;
  settings->body_timeout = o.body_timeout;
  settings->idle_timeout = o.idle_timeout;
  settings->handler = std::move(handler);
  settings->dispatch = [workers = impl_->workers.get()](std::function<void()> task) {
    workers->submit(std::move(task));
  };
  if (o.tls) {
    impl_->shared->tls = std::make_unique<TlsContext>(*o.tls);
    settings->secure = true;
  }
  impl_->shared->settings = std::move(settings);
  impl_->shared->max_connections = o.max_connections;
}

Server::~Server() { shutdown(); }

void Server::start() {
  const auto& o = impl_->options;
  // Pistache joins host and port with a colon and parses the result: an IPv6 literal
  // (bind_host = :: or ::1) must be bracketed to survive that.
  const bool ipv6_literal = o.host.find(':') != std::string::npos && o.host.front() != '[';
  const std::string host = ipv6_literal ? "[" + o.host + "]" : o.host;
  impl_->listener = std::make_unique<P::Tcp::Listener>(P::Address(host, P::Port(o.port)));
  impl_->listener->init(o.io_threads, P::Flags<P::Tcp::Options>(P::Tcp::Options::ReuseAddr) |
                                          P::Tcp::Options::NoDelay);
  impl_->listener->setHandler(std::make_shared<ConnectionHandler>(impl_->shared));
  impl_->listener->bind();
  impl_->listener->runThreaded();
  impl_->reaper = std::make_unique<Reaper>(impl_->shared->registry);
  impl_->running = true;
}

std::uint16_t Server::port() const {
  return static_cast<std::uint16_t>(impl_->listener->getPort());
}

void Server::shutdown() {
  if (!impl_ || !impl_->running) return;
  impl_->running = false;
  // Finish the requests already handed to workers (their responses are queued on the
  // connections), then stop the I/O threads.
  impl_->reaper->stop();
  impl_->workers->shutdown();
  impl_->listener->shutdown();
}

}  // namespace freezer::api::http
