#pragma once
// The tests' HTTP client: the service's own libcurl client (common/http_client.h) bound to a
// base URL, with what tests assert on (status, lower-cased headers, body, connections).
#include <map>
#include <string>
#include <vector>

#include "common/http_client.h"

namespace freezer::testing {

struct HttpResult {
  long status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  bool has_header(const std::string& name) const { return headers.count(name) > 0; }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url) : base_url_(std::move(base_url)) {}

  // `body` is sent whenever it is non-empty, whatever the method (GET carries search
  // documents). No headers besides those given.
  HttpResult request(const std::string& method, const std::string& path,
                     const std::string& body = "", const std::vector<std::string>& headers = {});
  HttpResult get(const std::string& path, const std::string& body = "") {
    return request("GET", path, body);
  }
  HttpResult post(const std::string& path, const std::string& body) {
    return request("POST", path, body, {"Content-Type: application/json"});
  }
  HttpResult del(const std::string& path) { return request("DELETE", path); }

  // TCP connections opened so far by this client's requests.
  long connections_opened() const { return connects_; }

 private:
  std::string base_url_;
  common::HttpClient http_{common::HttpClientOptions{std::chrono::milliseconds(3000),
                                                     std::chrono::milliseconds(30000), true, ""}};
  long connects_ = 0;
};

}  // namespace freezer::testing
