#include "freezer_api/http/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509err.h>
#include <spdlog/spdlog.h>

#include <stdexcept>

namespace freezer::api::http {
namespace {

// OpenSSL's error queue as one line, emptying it.
std::string openssl_errors() {
  std::string out;
  while (unsigned long code = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    if (!out.empty()) out += "; ";
    out += text;
  }
  return out.empty() ? "unknown error" : out;
}

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("[ssl] " + what + ": " + openssl_errors());
}

}  // namespace

TlsContext::TlsContext(const TlsOptions& options) {
  context_ = SSL_CTX_new(TLS_server_method());
  if (context_ == nullptr) fail("cannot create a TLS context");
  SSL_CTX_set_min_proto_version(context_, TLS1_2_VERSION);
  SSL_CTX_set_options(
      context_, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_mode(context_, SSL_MODE_RELEASE_BUFFERS);
  try {
    if (SSL_CTX_use_certificate_chain_file(context_, options.cert_file.c_str()) != 1)
      fail("cannot use cert_file " + options.cert_file);
    if (SSL_CTX_use_PrivateKey_file(context_, options.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
      if (ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH)
        fail("key_file " + options.key_file + " does not match cert_file " + options.cert_file);
      fail("cannot use key_file " + options.key_file);
    }
    if (SSL_CTX_check_private_key(context_) != 1)
      fail("key_file " + options.key_file + " does not match cert_file " + options.cert_file);
    if (!options.ca_file.empty()) {
      if (SSL_CTX_load_verify_locations(context_, options.ca_file.c_str(), nullptr) != 1)
        fail("cannot use ca_file " + options.ca_file);
      SSL_CTX_set_verify(context_, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    }
  } catch (...) {
    SSL_CTX_free(context_);
    throw;
  }
}

TlsContext::~TlsContext() { SSL_CTX_free(context_); }

TlsSession::TlsSession(const TlsContext& context, std::unique_ptr<ConnectionOutput> wire)
    : ssl_(SSL_new(context.get())), wire_(std::move(wire)) {
  if (ssl_ == nullptr) throw std::runtime_error("cannot create a TLS session: " + openssl_errors());
  BIO* from_client = BIO_new(BIO_s_mem());
  BIO* to_client = BIO_new(BIO_s_mem());
  BIO_set_mem_eof_return(from_client, -1);
  BIO_set_mem_eof_return(to_client, -1);
  SSL_set_bio(ssl_, from_client, to_client);
  SSL_set_accept_state(ssl_);
}

TlsSession::~TlsSession() { SSL_free(ssl_); }

TlsSession::Received TlsSession::receive(std::string_view encrypted) {
  std::lock_guard lock(mutex_);
  Received out;
  BIO_write(SSL_get_rbio(ssl_), encrypted.data(), static_cast<int>(encrypted.size()));
  char buffer[16384];
  while (true) {
    const int read = SSL_read(ssl_, buffer, sizeof buffer);
    if (read > 0) {
      out.plaintext.append(buffer, static_cast<std::size_t>(read));
      continue;
    }
    const int error = SSL_get_error(ssl_, read);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) break;
    if (error != SSL_ERROR_ZERO_RETURN) {
      spdlog::info("TLS connection refused: {}", openssl_errors());
      out.failed = true;
    }
    ERR_clear_error();
    break;
  }
  if (!handshake_done_ && SSL_is_init_finished(ssl_)) {
    handshake_done_ = out.handshake_done = true;
    flush_pending();
  }
  // The handshake's answers, or the alert that ends a failed one.
  send_encrypted(false);
  return out;
}

void TlsSession::write(std::string plaintext, bool finish) {
  std::lock_guard lock(mutex_);
  if (pending_.empty())
    pending_ = std::move(plaintext);
  else
    pending_ += plaintext;
  finish_pending_ = finish_pending_ || finish;
  if (handshake_done_) flush_pending();
}

void TlsSession::abort() {
  std::lock_guard lock(mutex_);
  wire_->abort();
}

void TlsSession::flush_pending() {
  if (!pending_.empty()) {
    // Memory BIOs grow as needed: a write takes everything at once.
    if (SSL_write(ssl_, pending_.data(), static_cast<int>(pending_.size())) <= 0) {
      spdlog::warn("TLS write failed: {}", openssl_errors());
      wire_->abort();
      return;
    }
    pending_.clear();
  }
  if (finish_pending_) {
    SSL_shutdown(ssl_);  // close_notify
    send_encrypted(true);
    finish_pending_ = false;
    return;
  }
  send_encrypted(false);
}

void TlsSession::send_encrypted(bool finish) {
  BIO* to_client = SSL_get_wbio(ssl_);
  std::string bytes;
  if (const auto waiting = BIO_ctrl_pending(to_client); waiting > 0) {
    bytes.resize(waiting);
    bytes.resize(static_cast<std::size_t>(
        std::max(0, BIO_read(to_client, bytes.data(), static_cast<int>(waiting)))));
  }
  if (finish) {
    wire_->write_and_finish(std::move(bytes));
  } else if (!bytes.empty()) {
    wire_->write(std::move(bytes));
  }
}

}  // namespace freezer::api::http
