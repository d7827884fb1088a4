#pragma once
// [coordination] backend_url as tooz reads it: zookeeper://host:port[,host:port...][?options]
// with the options timeout (session timeout in seconds, 10) and namespace (root znode, tooz).
#include <chrono>
#include <stdexcept>
#include <string>

namespace freezer::scheduler {

struct BackendUrl {
  std::string hosts;  // "h1:2181,h2:2181", as the ZooKeeper client takes them
  std::chrono::seconds timeout{10};
  std::string name_space = "tooz";
};

class BackendUrlError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Throws BackendUrlError naming what is wrong (another scheme, no host, a bad timeout).
BackendUrl parse_backend_url(const std::string& url);

}  // namespace freezer::scheduler
