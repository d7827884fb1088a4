#include "tests/support/http_client.h"

namespace freezer::testing {

HttpResult HttpClient::request(const std::string& method, const std::string& path,
                               const std::string& body, const std::vector<std::string>& headers) {
  auto response = http_.request(method, base_url_ + path, headers, body);
  connects_ += response.connections_opened;
  return HttpResult{response.status, std::move(response.headers), std::move(response.body)};
}

}  // namespace freezer::testing
