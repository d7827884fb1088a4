#include "tests/support/log_capture.h"

namespace freezer::testing {

class LogCapture::Sink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    lines_.emplace_back(spdlog::level::to_string_view(msg.level).data());
    lines_.back() += " " + std::string(msg.payload.data(), msg.payload.size());
  }
  void flush_() override {}

 private:
  std::vector<std::string> lines_;
};

LogCapture::LogCapture() : sink_(std::make_shared<Sink>()), previous_(spdlog::default_logger()) {
  auto logger = std::make_shared<spdlog::logger>("test", sink_);
  logger->set_level(spdlog::level::debug);
  spdlog::set_default_logger(logger);
}

LogCapture::~LogCapture() { spdlog::set_default_logger(previous_); }

bool LogCapture::contains(const std::string& text) const { return count(text) > 0; }

std::size_t LogCapture::count(const std::string& text) const {
  std::size_t n = 0;
  for (const auto& line : sink_->lines())
    if (line.find(text) != std::string::npos) ++n;
  return n;
}

std::string LogCapture::all() const {
  std::string out;
  for (const auto& line : sink_->lines()) out += line + "\n";
  return out;
}

}  // namespace freezer::testing
