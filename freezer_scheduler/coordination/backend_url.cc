#include "freezer_scheduler/coordination/backend_url.h"

#include <charconv>

namespace freezer::scheduler {

BackendUrl parse_backend_url(const std::string& url) {
  const std::string scheme = "zookeeper://";
  if (url.compare(0, scheme.size(), scheme) != 0)
    throw BackendUrlError("'" + url + "': only zookeeper:// is supported");
  std::string rest = url.substr(scheme.size());
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest.resize(q);
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  BackendUrl out;
  out.hosts = rest;
  if (out.hosts.empty() || out.hosts.find('/') != std::string::npos)
    throw BackendUrlError("'" + url + "': expected zookeeper://host:port[,host:port...]");
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string pair = query.substr(0, amp);
    query = amp == std::string::npos ? "" : query.substr(amp + 1);
    auto eq = pair.find('=');
    std::string key = pair.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1);
    if (key == "timeout") {
      long long seconds = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
      if (ec != std::errc() || end != value.data() + value.size() || seconds < 1)
        throw BackendUrlError("'" + url + "': timeout must be a whole number of seconds >= 1");
      out.timeout = std::chrono::seconds(seconds);
    } else if (key == "namespace") {
      if (value.empty() || value.find('/') != std::string::npos)
        throw BackendUrlError("'" + url + "': namespace must be a non-empty name without '/'");
      out.name_space = value;
    }
    // Other tooz options (randomize_hosts, connection_retry, ...) do not apply here.
  }
  return out;
}

}  // namespace freezer::scheduler
