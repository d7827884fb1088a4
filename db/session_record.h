#pragma once
#include <optional>
#include <string>

namespace freezer::db {

// A row of `sessions`. `schedule` and `jobs` (column `job`) are JSON documents; `jobs` maps
// job ids to {client_id, status, result, time_started, time_ended}.
struct SessionRecord {
  std::string id;
  std::string project_id;
  std::string user_id;
  std::optional<std::string> description;
  std::optional<long long> session_tag;
  std::optional<long long> hold_off;
  std::optional<std::string> schedule;
  std::optional<std::string> jobs;
  std::optional<long long> time_start;
  std::optional<long long> time_end;
  std::optional<long long> time_started;
  std::optional<long long> time_ended;
  std::optional<std::string> status;
  std::optional<std::string> result;
};

}  // namespace freezer::db
