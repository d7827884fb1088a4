#pragma once
// Shared by the policy tests: the callers of api.md 7.3's matrix, scratch policy files and
// a way to see what the Enforcer logged.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "policy/credentials.h"
#include "policy/rule_set.h"

namespace freezer::policy::test_support {

inline const std::string kProjectP = "project-p";
inline const std::string kProjectQ = "project-q";

inline Credentials caller(std::vector<std::string> roles, const std::string& project_id,
                          const std::string& user_id = "user-1") {
  const bool is_admin = std::find(roles.begin(), roles.end(), "admin") != roles.end();
  return Credentials{std::move(roles),
                     {{"project_id", project_id},
                      {"user_id", user_id},
                      {"is_admin", is_admin ? "True" : "False"}}};
}

// Keystone's implied roles (admin > member > reader) are already expanded in the token.
inline Credentials member_of_p() { return caller({"member", "reader"}, kProjectP); }
inline Credentials reader_of_p() { return caller({"reader"}, kProjectP); }
inline Credentials member_of_q() { return caller({"member", "reader"}, kProjectQ); }
inline Credentials admin_of_q() { return caller({"admin", "member", "reader"}, kProjectQ); }
inline Credentials service_of_q() { return caller({"service"}, kProjectQ); }

inline Target url_project_p() { return {{"project_id", kProjectP}}; }

// Whether the one-rule policy `rule_text` passes for these credentials and target.
inline bool rule_passes(const std::string& rule_text, const Credentials& credentials,
                        const Target& target = {}) {
  const auto rules = RuleSet::compile({{"under_test", rule_text}});
  return rules->evaluate("under_test", target, credentials);
}

// A fresh directory per test, removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("freezer-policy-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `name` and, when it existed, moves its mtime clearly forward so that a rewrite
  // within the file system's timestamp granularity still counts as a change.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const std::filesystem::path file = path_ / name;
    std::error_code no_previous;
    const auto previous = std::filesystem::last_write_time(file, no_previous);
    {
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out << text;
    }
    if (!no_previous) {
      std::filesystem::last_write_time(file, previous + std::chrono::seconds(2));
    }
    return file;
  }

 private:
  std::filesystem::path path_;
};

// Routes spdlog's default logger into memory for the lifetime of the object.
class CapturedLogs {
 public:
  CapturedLogs()
      : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64)),
        previous_(spdlog::default_logger()) {
    sink_->set_pattern("%l %v");
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("captured", sink_));
  }
  ~CapturedLogs() { spdlog::set_default_logger(previous_); }
  CapturedLogs(const CapturedLogs&) = delete;
  CapturedLogs& operator=(const CapturedLogs&) = delete;

  // True when a message at `level` ("error", "warning"...) contains `text`.
  bool has(const std::string& level, const std::string& text) const {
    for (const std::string& line : sink_->last_formatted()) {
      if (line.starts_with(level + " ") && line.find(text) != std::string::npos) return true;
    }
    return false;
  }

 private:
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
  std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace freezer::policy::test_support
