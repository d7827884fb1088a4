#pragma once
// Captures what the code under test logs (spdlog's default logger) so tests can assert on
// the lines operators would read.
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace freezer::testing {

class LogCapture {
 public:
  LogCapture();
  ~LogCapture();
  bool contains(const std::string& text) const;
  std::size_t count(const std::string& text) const;
  std::string all() const;

 private:
  class Sink;
  std::shared_ptr<Sink> sink_;
  std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace freezer::testing
