#include "common/python_logging_file.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "common/config.h"
#include "common/text.h"

namespace freezer::common {
namespace {

using Level = spdlog::level::level_enum;

std::string trimmed(std::string_view s) { return std::string(trim_whitespace(s)); }

std::vector<std::string> split(std::string_view text, char by) {
  std::vector<std::string> out;
  int depth = 0;
  char quote = 0;
  std::string item;
  for (char c : text) {
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (c == by && depth == 0) {
      out.push_back(trimmed(item));
      item.clear();
      continue;
    }
    item += c;
  }
  if (!trimmed(item).empty()) out.push_back(trimmed(item));
  return out;
}

// Python's level names (oslo.log adds TRACE); nullopt for NOTSET.
std::optional<Level> level_named(const std::string& name, const std::string& where) {
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "NOTSET") return std::nullopt;
  if (upper == "TRACE") return Level::trace;
  if (upper == "DEBUG") return Level::debug;
  if (upper == "INFO") return Level::info;
  if (upper == "WARNING" || upper == "WARN") return Level::warn;
  if (upper == "ERROR") return Level::err;
  if (upper == "CRITICAL" || upper == "FATAL") return Level::critical;
  throw ConfigError(where + ": unknown level '" + name + "'");
}

// A Python literal among those logging files use: a quoted string, or a name.
std::string literal(const std::string& item) {
  if (item.size() >= 2 && (item.front() == '\'' || item.front() == '"') &&
      item.back() == item.front())
    return item.substr(1, item.size() - 2);
  return item;
}

struct Arguments {
  std::vector<std::string> positional;
  std::map<std::string, std::string> named;
  std::string at(std::size_t index, const std::string& name) const {
    if (auto it = named.find(name); it != named.end()) return it->second;
    return index < positional.size() ? positional[index] : std::string();
  }
};

Arguments arguments_of(const Config& file, const std::string& section) {
  Arguments out;
  std::string args = trimmed(file.get_string(section, "args", "()"));
  if (args.size() >= 2 && args.front() == '(' && args.back() == ')')
    args = args.substr(1, args.size() - 2);
  out.positional = split(args, ',');
  std::string kwargs = trimmed(file.get_string(section, "kwargs", "{}"));
  if (kwargs.size() >= 2 && kwargs.front() == '{' && kwargs.back() == '}')
    for (const auto& pair : split(kwargs.substr(1, kwargs.size() - 2), ',')) {
      auto colon = split(pair, ':');
      if (colon.size() == 2) out.named[literal(colon[0])] = colon[1];
    }
  return out;
}

std::string without_module(const std::string& class_name) {
  auto dot = class_name.rfind('.');
  return dot == std::string::npos ? class_name : class_name.substr(dot + 1);
}

void read_formatter(const Config& file, const std::string& name,
                    const std::string& default_line_format, LogHandler& handler) {
  if (name.empty()) {  // Python's default Formatter
    handler.line_format = "%(message)s";
    return;
  }
  const std::string section = "formatter_" + name;
  if (!file.sections().contains(section))
    throw ConfigError("[" + section + "] is missing (a handler's formatter names it)");
  const std::string cls = without_module(file.get_string(section, "class", "Formatter"));
  auto datefmt = file.get(section, "datefmt");
  if (cls == "JSONFormatter") {
    handler.json = true;
  } else if (cls == "ContextFormatter") {
    handler.line_format = default_line_format;  // oslo's own format strings, not `format`
  } else {
    handler.line_format = file.get_string(section, "format", "%(message)s");
    if (!datefmt) datefmt = "%Y-%m-%d %H:%M:%S,%e";  // Python's default asctime
  }
  if (datefmt) handler.date_format = *datefmt;
}

// The handler of section handler_<name>, or nullopt (with a note) for a class this service
// cannot send to.
std::optional<LogHandler> read_handler(const Config& file, const std::string& name,
                                       const std::string& default_line_format,
                                       std::vector<std::string>& notes) {
  const std::string section = "handler_" + name;
  if (!file.sections().contains(section))
    throw ConfigError("[" + section + "] is missing (a logger's handlers name it)");
  const std::string where = "[" + section + "]";
  const std::string full_class = file.get_string(section, "class", "");
  const std::string cls = without_module(full_class);
  const Arguments args = arguments_of(file, section);
  LogHandler handler;
  if (cls == "StreamHandler" || cls == "ColorHandler") {
    const std::string stream = args.at(0, "stream");
    handler.destination =
        stream == "sys.stdout" ? LogDestination::standard_output : LogDestination::standard_error;
  } else if (cls == "FileHandler" || cls == "WatchedFileHandler" ||
             cls == "FastWatchedFileHandler" || cls == "RotatingFileHandler" ||
             cls == "TimedRotatingFileHandler") {
    handler.destination = LogDestination::file;
    handler.path = literal(args.at(0, "filename"));
    if (handler.path.empty()) throw ConfigError(where + ": args names no file");
    if (cls == "RotatingFileHandler") {
      const std::string max_bytes = args.at(2, "maxBytes");
      const std::string backups = args.at(3, "backupCount");
      try {
        if (!max_bytes.empty()) handler.max_bytes = std::stoull(max_bytes);
        if (!backups.empty()) handler.backup_count = std::stoi(backups);
      } catch (const std::exception&) {
        throw ConfigError(where + ": maxBytes and backupCount must be integers");
      }
    }
    if (cls == "TimedRotatingFileHandler")
      notes.push_back(where +
                      ": rotation by time is left to logrotate (the file is reopened "
                      "when it is moved)");
  } else if (cls == "SysLogHandler" || cls == "OSSysLogHandler") {
    handler.destination = LogDestination::syslog;
    const bool oslo = cls == "OSSysLogHandler";
    const std::string address = oslo ? std::string() : args.at(0, "address");
    const std::string facility = args.at(oslo ? 0 : 1, "facility");
    if (!facility.empty()) {
      auto value = syslog_facility_named(literal(facility));
      if (!value) throw ConfigError(where + ": unknown syslog facility " + facility);
      handler.facility = *value;
    }
    if (!address.empty() && address.front() == '(') {
      notes.push_back(where + ": syslog over the network is sent through the local syslog");
    } else if (!address.empty()) {
      handler.syslog_socket = literal(address);
      if (handler.syslog_socket == "/dev/log") handler.syslog_socket.clear();
    }
  } else if (cls == "OSJournalHandler") {
    handler.destination = LogDestination::journal;
  } else if (cls == "NullHandler") {
    handler.destination = LogDestination::none;
  } else {
    notes.push_back(where + ": handler class " + full_class +
                    " is not one this service can send to; it is left out");
    return std::nullopt;
  }
  if (auto level = file.get(section, "level"))
    if (auto parsed = level_named(trimmed(*level), where)) handler.level = *parsed;
  read_formatter(file, trimmed(file.get_string(section, "formatter", "")), default_line_format,
                 handler);
  return handler;
}

struct PythonLogger {
  std::string qualname;  // "" for root
  std::optional<Level> level;
  std::vector<std::string> handlers;
  bool propagate = true;
};

bool is_self_or_ancestor(const std::string& ancestor, const std::string& name) {
  return ancestor == name ||
         (name.size() > ancestor.size() && name.compare(0, ancestor.size(), ancestor) == 0 &&
          name[ancestor.size()] == '.');
}

}  // namespace

LogSettings read_python_logging_file(const std::string& path,
                                     const std::vector<std::string>& logger_names,
                                     const std::string& default_line_format) {
  Config file;
  try {
    file = Config::load_file(path);
  } catch (const ConfigError& e) {
    throw ConfigError(std::string("[DEFAULT] log_config_append: ") + e.what());
  }
  auto where = [&path](const std::string& section) { return path + " [" + section + "]"; };
  if (!file.sections().contains("loggers"))
    throw ConfigError(where("loggers") + " is missing: not a Python logging file");

  std::vector<PythonLogger> loggers;
  std::optional<PythonLogger> root;
  for (const auto& key : split(file.get_string("loggers", "keys", ""), ',')) {
    const std::string section = "logger_" + key;
    if (!file.sections().contains(section))
      throw ConfigError(where(section) + " is missing ([loggers] keys names it)");
    PythonLogger logger;
    if (auto level = file.get(section, "level"))
      logger.level = level_named(trimmed(*level), where(section));
    for (const auto& h : split(file.get_string(section, "handlers", ""), ','))
      if (!h.empty()) logger.handlers.push_back(h);
    if (key == "root") {
      if (!file.get(section, "level")) logger.level = Level::warn;  // Python's root default
      root = logger;
      continue;
    }
    logger.qualname = trimmed(file.get_string(section, "qualname", key));
    logger.propagate = file.get_int(section, "propagate", 1) != 0;
    loggers.push_back(logger);
  }

  // The loggers this binary's records pass through, most specific first: those of the first
  // of its names that the file configures at all.
  std::vector<const PythonLogger*> chain;
  for (const auto& name : logger_names) {
    for (const auto& logger : loggers)
      if (is_self_or_ancestor(logger.qualname, name)) chain.push_back(&logger);
    if (!chain.empty()) break;
  }
  std::sort(chain.begin(), chain.end(), [](const PythonLogger* a, const PythonLogger* b) {
    return a->qualname.size() > b->qualname.size();
  });
  if (root) chain.push_back(&*root);

  LogSettings settings;
  settings.level = Level::warn;
  for (const auto* logger : chain)
    if (logger->level) {
      settings.level = *logger->level;
      break;
    }
  std::vector<std::string> handler_names;
  for (const auto* logger : chain) {
    for (const auto& h : logger->handlers)
      if (std::find(handler_names.begin(), handler_names.end(), h) == handler_names.end())
        handler_names.push_back(h);
    if (!logger->propagate) break;
  }
  for (const auto& name : handler_names) try {
      if (auto handler = read_handler(file, name, default_line_format, settings.notes))
        settings.handlers.push_back(*handler);
    } catch (const ConfigError& e) {
      throw ConfigError(path + " " + e.what());
    }
  if (handler_names.empty()) {  // Python's last resort: warnings and errors, bare, to stderr
    LogHandler last_resort;
    last_resort.level = Level::warn;
    last_resort.line_format = "%(message)s";
    settings.handlers.push_back(last_resort);
  } else if (settings.handlers.empty()) {  // only handlers left out: nothing is written
    LogHandler none;
    none.destination = LogDestination::none;
    settings.handlers.push_back(none);
  }
  return settings;
}

}  // namespace freezer::common
