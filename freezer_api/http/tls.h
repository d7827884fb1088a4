#pragma once
// TLS for the API's connections, done with OpenSSL over memory buffers: Pistache moves the
// encrypted bytes, each connection's TlsSession turns them into plaintext and back. The
// handshake therefore never blocks a thread (Pistache's own TLS accepts connections with a
// blocking handshake on its single accept thread, which one silent client can stall), and
// slow handshakes are timed out like slow request heads.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "freezer_api/http/connection.h"

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;

namespace freezer::api::http {

struct TlsOptions {
  std::string cert_file;  // PEM certificate chain, server certificate first
  std::string key_file;   // PEM private key
  std::string ca_file;    // when set, clients must present a certificate it signed
};

// The server's TLS configuration: TLS 1.2 or newer, OpenSSL's default ciphers.
class TlsContext {
 public:
  // Throws std::runtime_error naming the file and OpenSSL's reason when a file cannot be
  // read or the key does not match the certificate.
  explicit TlsContext(const TlsOptions& options);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;
  SSL_CTX* get() const { return context_; }

 private:
  SSL_CTX* context_ = nullptr;
};

// One connection's TLS state. Its lock is taken after the connection's (writes come from
// the connection) and never held while calling into the connection.
class TlsSession {
 public:
  TlsSession(const TlsContext& context, std::unique_ptr<ConnectionOutput> wire);
  ~TlsSession();
  TlsSession(const TlsSession&) = delete;
  TlsSession& operator=(const TlsSession&) = delete;

  struct Received {
    std::string plaintext;
    bool handshake_done = false;  // the handshake finished with these bytes
    bool failed = false;          // the peer is not speaking TLS we accept: drop it
  };
  // Encrypted bytes from the client; sends what the handshake answers.
  Received receive(std::string_view encrypted);

  // The connection's output: plaintext in, encrypted bytes to the wire. Writes before the
  // handshake ends wait for it.
  void write(std::string plaintext, bool finish);
  void abort();

 private:
  void flush_pending();              // lock held
  void send_encrypted(bool finish);  // lock held

  std::mutex mutex_;
  SSL* ssl_ = nullptr;
  std::unique_ptr<ConnectionOutput> wire_;
  std::string pending_;
  bool finish_pending_ = false;
  bool handshake_done_ = false;
};

// The ConnectionOutput of a TLS connection.
class TlsOutput : public ConnectionOutput {
 public:
  explicit TlsOutput(std::shared_ptr<TlsSession> session) : session_(std::move(session)) {}
  void write(std::string bytes) override { session_->write(std::move(bytes), false); }
  void write_and_finish(std::string bytes) override { session_->write(std::move(bytes), true); }
  void abort() override { session_->abort(); }

 private:
  std::shared_ptr<TlsSession> session_;
};

}  // namespace freezer::api::http
