#include "freezer_scheduler/job/job_files.h"

#include <fcntl.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "common/json.h"
#include "common/uuid.h"

namespace freezer::scheduler {
namespace {

namespace fs = std::filesystem;

bool safe_id(const std::string& id) {
  return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_';
  });
}

}  // namespace

void write_private_file(const std::string& path, std::string_view content, bool fresh) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (fresh ? O_EXCL : O_TRUNC);
  int fd = open(path.c_str(), flags, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot write " + path);
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      close(fd);
      throw std::system_error(error, std::generic_category(), "cannot write " + path);
    }
    done += static_cast<std::size_t>(n);
  }
  close(fd);
}

JobFiles::JobFiles(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec || !fs::is_directory(dir_))
    throw std::runtime_error("cannot create the jobs directory " + dir_ + ": " +
                             (ec ? ec.message() : "not a directory"));
}

std::string JobFiles::path_of(const std::string& job_id) const {
  return (fs::path(dir_) / ("job_" + job_id + ".conf")).string();
}

void JobFiles::store(const std::string& job_id, const rapidjson::Value& job) const {
  if (!safe_id(job_id)) throw std::runtime_error("job id '" + job_id + "' cannot name a file");
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 4);
  job.Accept(writer);
  // Written in place (no temporary file and rename: a cache of ten thousand jobs would pay a
  // journalled rename each); a file cut short by a crash is skipped when read.
  write_private_file(path_of(job_id), std::string_view(buffer.GetString(), buffer.GetSize()),
                     false);
}

void JobFiles::remove(const std::string& job_id) const {
  if (!safe_id(job_id)) return;
  std::error_code ec;
  fs::remove(path_of(job_id), ec);
}

namespace {

std::optional<rapidjson::Document> read_object(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  if (!common::parse_json(text.str(), doc) || !doc.IsObject()) return std::nullopt;
  return doc;
}

}  // namespace

std::optional<rapidjson::Document> JobFiles::load(const std::string& job_id) const {
  if (!safe_id(job_id)) return std::nullopt;
  return read_object(path_of(job_id));
}

std::vector<rapidjson::Document> JobFiles::load_all() const {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (entry.is_regular_file() && ext == ".conf") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<rapidjson::Document> jobs;
  for (const auto& file : files) {
    auto read = read_object(file);
    if (!read) {
      spdlog::error("Unable to load job file {}: not a JSON object", file.string());
      continue;
    }
    rapidjson::Document& doc = *read;
    if (!doc.HasMember("job_id") || !doc["job_id"].IsString()) {
      doc.RemoveMember("job_id");
      auto id = common::uuid4_hex();
      doc.AddMember("job_id", rapidjson::Value(id.c_str(), doc.GetAllocator()), doc.GetAllocator());
    }
    jobs.push_back(std::move(doc));
  }
  return jobs;
}

}  // namespace freezer::scheduler
