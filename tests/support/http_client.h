#pragma once
// A real HTTP client (libcurl) for tests: one persistent connection per client object.
#include <curl/curl.h>

#include <map>
#include <string>
#include <vector>

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
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // `body` is sent whenever it is non-empty, whatever the method (GET carries search
  // documents). Default headers: none besides what is given.
  HttpResult request(const std::string& method, const std::string& path,
                     const std::string& body = "", const std::vector<std::string>& headers = {});
  HttpResult get(const std::string& path, const std::string& body = "") {
    return request("GET", path, body);
  }
  HttpResult post(const std::string& path, const std::string& body) {
    return request("POST", path, body, {"Content-Type: application/json"});
  }
  HttpResult del(const std::string& path) { return request("DELETE", path); }

  // Number of TCP connections opened so far by this client.
  long connections_opened() const { return connects_; }

 private:
  std::string base_url_;
  CURL* curl_;
  long connects_ = 0;
};

}  // namespace freezer::testing
