#pragma once
// The jobs directory ([scheduler] jobs_dir): in API mode a cache of every job this scheduler
// holds (job_<id>.conf, pretty JSON, mode 0600 since it may hold trust ids; removed with the
// job), and in no-api mode the source of jobs (every *.conf file, one job document each).
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace freezer::scheduler {

// Writes `content` to `path` readable by its owner only (0600). `fresh`: the file must not exist
// yet. Throws std::system_error.
void write_private_file(const std::string& path, std::string_view content, bool fresh);

class JobFiles {
 public:
  // Creates the directory (mode 0700) when missing; throws std::runtime_error when it cannot.
  explicit JobFiles(std::string dir);

  // Throws std::runtime_error on a write error.
  void store(const std::string& job_id, const rapidjson::Value& job) const;
  void remove(const std::string& job_id) const;
  // API mode: the job's cached document; nullopt when there is none or it cannot be read.
  std::optional<rapidjson::Document> load(const std::string& job_id) const;

  // No-api mode: the documents of every *.conf file (any case); a document without job_id
  // gets a random one. Unreadable files are logged and skipped.
  std::vector<rapidjson::Document> load_all() const;

  const std::string& dir() const { return dir_; }

 private:
  std::string path_of(const std::string& job_id) const;
  std::string dir_;
};

}  // namespace freezer::scheduler
