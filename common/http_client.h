#pragma once
// Outbound HTTP (Keystone now; Cinder and the freezer API later) over libcurl: one reusable
// connection cache per thread, timeouts on every call, TLS verification on by default.
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace freezer::common {

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds timeout{10000};  // whole request
  bool verify_tls = true;
  std::string ca_file;  // empty: the system's CA bundle
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  long connections_opened = 0;  // new TCP connections this request needed (0: reused one)
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// The request could not be completed (connection refused, timeout, TLS failure, ...).
class HttpTransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `text` percent-encoded for a URL's query (libcurl's escaping: all but A-Z a-z 0-9 - . _ ~).
std::string url_escape(std::string_view text);

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {});

  // `headers` as "Name: value". A non-empty body is sent with any method.
  HttpResponse request(const std::string& method, const std::string& url,
                       const std::vector<std::string>& headers = {},
                       const std::string& body = "") const;

 private:
  HttpClientOptions options_;
};

}  // namespace freezer::common
