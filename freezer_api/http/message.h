#pragma once
// Framework-neutral HTTP request and response: the server bridge fills a Request, the
// application returns a Response. Keeps Pistache out of every other file.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace freezer::api::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view method_name(Method method);

// Header names are stored lower-cased; lookups are case-insensitive.
class Headers {
 public:
  void add(std::string name, std::string value);
  std::optional<std::string_view> get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

struct Request {
  Method method = Method::kGet;
  std::string path;                                        // without the query string
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in arrival order
  Headers headers;
  std::string body;
  std::string host;             // Host header, for absolute links
  std::string scheme = "http";  // https when served over TLS or so forwarded by a proxy
  std::string script_name;      // path prefix a proxy serves the API under ("" or "/backup")
  bool http11 = true;

  // The last value of a query parameter (falcon semantics for repeated/csv values).
  std::optional<std::string> query_param(std::string_view name) const;
  // Every value of a list parameter (`name=a,b&name=c`: a, b, c), as falcon's
  // get_param_as_list; empty when absent.
  std::vector<std::string> query_param_list(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  // 204 and friends: no body and no Content-Type.
  static Response no_content(int status = 204) {
    Response r;
    r.status = status;
    r.content_type.clear();
    return r;
  }
  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace freezer::api::http
