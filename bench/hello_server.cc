// The ceiling of this stack on this machine: Pistache answering a small JSON document with
// the API server's own endpoint options (I/O threads, TCP_NODELAY), doing nothing else.
// Usage: hello_server <port> [io_threads]
#include <pistache/endpoint.h>
#include <pistache/http.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

namespace P = Pistache;

class HelloHandler : public P::Http::Handler {
 public:
  HTTP_PROTOTYPE(HelloHandler)
  void onRequest(const P::Http::Request&, P::Http::ResponseWriter writer) override {
    // As the API server does: Pistache would otherwise close HTTP/1.1 connections that do not
    // ask for keep-alive (wrk does not), and the ceiling would measure TCP set-up instead.
    writer.headers().remove<P::Http::Header::Connection>();
    writer.headers().add<P::Http::Header::Connection>(P::Http::ConnectionControl::KeepAlive);
    writer.headers().add<P::Http::Header::ContentType>(MIME(Application, Json));
    writer.send(P::Http::Code::Ok, R"({"hello": "world"})");
  }
};

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: hello_server <port> [io_threads]\n";
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // the I/O threads inherit the mask

  P::Http::Endpoint endpoint(P::Address("127.0.0.1", P::Port(std::atoi(argv[1]))));
  endpoint.init(P::Http::Endpoint::options()
                    .threads(argc > 2 ? std::atoi(argv[2]) : 2)
                    .flags(P::Tcp::Options::ReuseAddr | P::Tcp::Options::NoDelay));
  endpoint.setHandler(P::Http::make_handler<HelloHandler>());
  endpoint.serveThreaded();
  int received = 0;
  sigwait(&signals, &received);
  endpoint.shutdown();
  return 0;
}
