#include "common/log_sinks.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/pattern_formatter.h>
#include <sys/stat.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include "common/host_name.h"

namespace freezer::common {
namespace {

std::atomic<unsigned> g_reopen_generation{0};

constexpr std::string_view kLevelNames[] = {"TRACE", "DEBUG",    "INFO",  "WARNING",
                                            "ERROR", "CRITICAL", "NOTSET"};
constexpr int kLevelNumbers[] = {5, 10, 20, 30, 40, 50, 0};  // Python's levelno
constexpr int kJournalPriorities[] = {7, 7, 6, 4, 3, 2, 7};  // syslog's priorities

std::string_view level_name(spdlog::level::level_enum level) {
  return kLevelNames[static_cast<int>(level)];
}

// %O: the level as oslo.log (Python logging) names it.
class OsloLevel final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    auto name = level_name(msg.level);
    const std::size_t width = padinfo_.width_;
    const std::size_t pad = width > name.size() ? width - name.size() : 0;
    const bool text_first = padinfo_.side_ == spdlog::details::padding_info::pad_side::right;
    auto spaces = [&dest, pad] {
      for (std::size_t i = 0; i < pad; ++i) dest.push_back(' ');
    };
    if (!text_first) spaces();
    dest.append(name.data(), name.data() + name.size());
    if (text_first) spaces();
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return spdlog::details::make_unique<OsloLevel>();
  }
};

std::string escape_percent(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '%') out += '%';
  }
  return out;
}

// The spdlog pattern for one Python field with its width ("-8"), "" for none.
std::string field_pattern(std::string_view field, std::string_view width,
                          const std::string& date_format) {
  std::string w(width);
  if (field == "asctime") return date_format;  // strftime's letters are spdlog's
  if (field == "msecs") return "%e";
  if (field == "process") return "%" + w + "P";
  if (field == "thread") return "%" + w + "t";
  if (field == "levelname") return "%" + w + "O";
  if (field == "name") return "%" + w + "n";
  if (field == "message") return "%v";
  if (field == "hostname") return escape_percent(host_name());
  if (field == "project") return "freezer";
  if (field == "processName") return "MainProcess";
  if (field == "instance" || field == "color" || field == "version") return "";
  return "-";  // request ids, user identity, code location: what oslo prints without them
}

std::string python_to_spdlog(const std::string& format, const std::string& date_format) {
  std::string out;
  for (std::size_t i = 0; i < format.size();) {
    if (format[i] != '%') {
      out += format[i++];
      continue;
    }
    if (i + 1 < format.size() && format[i + 1] == '%') {
      out += "%%";
      i += 2;
      continue;
    }
    if (i + 1 >= format.size() || format[i + 1] != '(') {
      out += "%%";
      ++i;
      continue;
    }
    auto close = format.find(')', i);
    if (close == std::string::npos) {
      out += escape_percent(format.substr(i));
      break;
    }
    std::string_view field(format.data() + i + 2, close - i - 2);
    // Flags, width and precision up to the conversion letter (s, d, f, r, ...).
    std::size_t j = close + 1;
    std::string width;
    while (j < format.size() && std::strchr("-+ #0123456789.", format[j]) != nullptr) {
      if (format[j] == '-' || (std::isdigit(static_cast<unsigned char>(format[j])) &&
                               !(format[j] == '0' && width.empty())))
        width += format[j];
      ++j;
    }
    if (auto dot = width.find('.'); dot != std::string::npos) width.resize(dot);
    if (j < format.size()) ++j;  // the conversion letter
    out += field_pattern(field, width, date_format);
    i = j;
  }
  return out;
}

class JsonFormatter final : public spdlog::formatter {
 public:
  explicit JsonFormatter(std::string date_format) : date_format_(std::move(date_format)) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    using namespace std::chrono;
    const auto since_epoch = msg.time.time_since_epoch();
    const double created = duration<double>(since_epoch).count();
    const std::time_t seconds = duration_cast<std::chrono::seconds>(since_epoch).count();
    std::tm local{};
    localtime_r(&seconds, &local);
    char asctime[128];
    const std::size_t n = std::strftime(asctime, sizeof asctime, date_format_.c_str(), &local);
    const std::string_view text(msg.payload.data(), msg.payload.size());
    const auto level = static_cast<int>(msg.level);

    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> w(out);
    w.StartObject();
    auto string = [&w](const char* key, std::string_view value) {
      w.Key(key);
      w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    };
    string("message", text);
    string("asctime", std::string_view(asctime, n));
    string("name", std::string_view(msg.logger_name.data(), msg.logger_name.size()));
    string("msg", text);
    w.Key("args");
    w.StartArray();
    w.EndArray();
    string("levelname", level_name(msg.level));
    w.Key("levelno");
    w.Int(kLevelNumbers[level]);
    string("pathname", "");
    string("filename", "");
    string("module", "");
    w.Key("lineno");
    w.Int(0);
    string("funcname", "");
    w.Key("created");
    w.Double(created);
    w.Key("msecs");
    w.Double(static_cast<double>(duration_cast<milliseconds>(since_epoch).count() % 1000));
    w.Key("relative_created");
    w.Double(duration<double, std::milli>(msg.time - started_).count());
    w.Key("thread");
    w.Uint64(msg.thread_id);
    string("thread_name", "MainThread");
    string("process_name", "MainProcess");
    w.Key("process");
    w.Int(static_cast<int>(getpid()));
    w.Key("traceback");
    w.Null();
    string("hostname", hostname_);
    string("error_summary", "");
    w.Key("context");
    w.StartObject();
    w.EndObject();
    w.Key("extra");
    w.StartObject();
    string("project", "freezer");
    w.EndObject();
    w.EndObject();
    dest.append(out.GetString(), out.GetString() + out.GetSize());
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>(date_format_);
  }

 private:
  std::string date_format_;
  std::string hostname_ = host_name();
  spdlog::log_clock::time_point started_ = spdlog::log_clock::now();
};

}  // namespace

std::unique_ptr<spdlog::formatter> make_json_formatter(const std::string& date_format) {
  return std::make_unique<JsonFormatter>(date_format);
}

std::unique_ptr<spdlog::formatter> make_line_formatter(const std::string& python_format,
                                                       const std::string& date_format) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<OsloLevel>('O').set_pattern(python_to_spdlog(python_format, date_format));
  return formatter;
}

WatchedFileSink::WatchedFileSink(std::string path, std::size_t max_bytes, int backup_count)
    : path_(std::move(path)), max_bytes_(max_bytes), backup_count_(backup_count) {
  open();
}

WatchedFileSink::~WatchedFileSink() {
  if (file_ != nullptr) std::fclose(file_);
}

void WatchedFileSink::reopen_all() { g_reopen_generation.fetch_add(1); }

void WatchedFileSink::open() {
  if (file_ != nullptr) std::fclose(file_);
  file_ = std::fopen(path_.c_str(), "a");
  if (file_ == nullptr)
    throw std::runtime_error("cannot open log file " + path_ + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fileno(file_), &st) == 0) {
    device_ = st.st_dev;
    inode_ = st.st_ino;
    size_ = static_cast<std::size_t>(st.st_size);
  }
  generation_ = g_reopen_generation.load();
  next_check_ = std::chrono::steady_clock::now() + std::chrono::seconds(1);
}

bool WatchedFileSink::moved_away() const {
  struct stat st {};
  if (stat(path_.c_str(), &st) != 0) return true;
  return st.st_dev != device_ || st.st_ino != inode_;
}

void WatchedFileSink::rotate() {
  std::fclose(file_);
  file_ = nullptr;
  if (backup_count_ > 0) {
    for (int i = backup_count_ - 1; i >= 1; --i)
      std::rename((path_ + "." + std::to_string(i)).c_str(),
                  (path_ + "." + std::to_string(i + 1)).c_str());
    std::rename(path_.c_str(), (path_ + ".1").c_str());
  } else {
    std::FILE* truncated = std::fopen(path_.c_str(), "w");
    if (truncated != nullptr) std::fclose(truncated);
  }
  open();
}

void WatchedFileSink::sink_it_(const spdlog::details::log_msg& msg) {
  const auto now = std::chrono::steady_clock::now();
  if (generation_ != g_reopen_generation.load() || (now >= next_check_ && moved_away())) {
    open();
  } else if (now >= next_check_) {
    next_check_ = now + std::chrono::seconds(1);
  }
  spdlog::memory_buf_t line;
  formatter_->format(msg, line);
  std::fwrite(line.data(), 1, line.size(), file_);
  size_ += line.size();
  if (max_bytes_ > 0 && size_ >= max_bytes_) rotate();
}

void WatchedFileSink::flush_() { std::fflush(file_); }

JournalSink::JournalSink(std::string identifier, int facility)
    : identifier_(std::move(identifier)), facility_(facility) {}

void JournalSink::sink_it_(const spdlog::details::log_msg& msg) {
  spdlog::memory_buf_t line;
  formatter_->format(msg, line);
  std::size_t length = line.size();
  while (length > 0 && (line.data()[length - 1] == '\n' || line.data()[length - 1] == '\r'))
    --length;
  const auto level = static_cast<int>(msg.level);
  const std::string_view logger(msg.logger_name.data(), msg.logger_name.size());
  sd_journal_send("MESSAGE=%.*s", static_cast<int>(length), line.data(),  //
                  "PRIORITY=%d", kJournalPriorities[level],               //
                  "SYSLOG_IDENTIFIER=%s", identifier_.c_str(),            //
                  "SYSLOG_FACILITY=%d", facility_ >> 3,                   //
                  "LOGGER_NAME=%.*s", static_cast<int>(logger.size()), logger.data(),
                  "LOGGER_LEVEL=%s", std::string(level_name(msg.level)).c_str(),  //
                  "THREAD_NAME=MainThread", "PROCESS_NAME=MainProcess",           //
                  "CODE_FILE=%s", msg.source.filename != nullptr ? msg.source.filename : "",
                  "CODE_LINE=%d", msg.source.line,  //
                  "CODE_FUNC=%s", msg.source.funcname != nullptr ? msg.source.funcname : "",
                  nullptr);
}

}  // namespace freezer::common
