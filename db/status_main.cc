// freezer-manager-status: upstream's upgrade checks (the oslo.upgradecheck convention): run
// before switching to this release, it says whether the database, the policy files and the
// configuration are ready. `freezer-manager-status upgrade check`; exit status 0 when every
// check succeeds, 1 when one warns, 2 when one fails, 255 when a check could not run.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "common/api_option_catalog.h"
#include "common/log_options.h"
#include "common/logging.h"
#include "common/service_config.h"
#include "db/driver_factory.h"
#include "db/errors.h"
#include "policy/credentials.h"
#include "policy/default_rules.h"
#include "policy/rule_file.h"

namespace {

using freezer::common::Config;
namespace fs = std::filesystem;

enum class Code { success = 0, warning = 1, failure = 2 };

struct Result {
  std::string check;
  Code code = Code::success;
  std::string details;  // "" prints as None
};

Result database_check(Config config) {
  Result r{"Database", Code::success, ""};
  config.set("database", "max_retries", "0");  // a check answers now, not when the database is up
  try {
    auto driver = freezer::db::make_driver(config, 1);
    r.details = driver->sync_plan();
  } catch (const freezer::db::Error& e) {
    r.code = Code::failure;
    r.details = e.kind() == freezer::db::Error::Kind::kUnavailable
                    ? std::string("cannot reach the database: ") + e.what()
                    : e.what();
  } catch (const std::invalid_argument& e) {
    r.code = Code::failure;
    r.details = std::string("[database] connection: ") + e.what();
  }
  return r;
}

// The files of [oslo_policy] policy_file and policy_dirs, as the API reads them.
std::vector<fs::path> policy_files(const Config& config, const std::string& config_dir) {
  const auto& catalog = freezer::common::api_option_catalog();
  auto under_config_dir = [&](const std::string& name) {
    fs::path path(name);
    return path.is_relative() ? fs::path(config_dir) / path : path;
  };
  std::vector<fs::path> files;
  std::error_code ec;
  const auto policy_file = catalog.get_string(config, "oslo_policy", "policy_file");
  if (!policy_file.empty() && fs::is_regular_file(under_config_dir(policy_file), ec))
    files.push_back(under_config_dir(policy_file));
  for (const auto& dir : catalog.get_list(config, "oslo_policy", "policy_dirs")) {
    std::vector<fs::path> in_dir;
    for (const auto& entry : fs::directory_iterator(under_config_dir(dir), ec))
      if (entry.is_regular_file(ec)) in_dir.push_back(entry.path());
    std::sort(in_dir.begin(), in_dir.end());
    files.insert(files.end(), in_dir.begin(), in_dir.end());
  }
  return files;
}

bool is_json(const fs::path& file) {
  std::ifstream in(file);
  char c = 0;
  while (in.get(c) && std::isspace(static_cast<unsigned char>(c))) {
  }
  return c == '{';
}

// As upstream's check: JSON-formatted policy files fail (oslo.policy dropped them); here also
// files that do not parse, and (a warning) rules that no route checks.
Result policy_check(const Config& config, const std::string& config_dir) {
  Result r{"Policy File", Code::success, ""};
  std::set<std::string> known;
  for (const auto& rule : freezer::policy::default_rules()) known.insert(rule.name);
  std::vector<std::string> problems, unknown;
  for (const auto& file : policy_files(config, config_dir)) {
    if (is_json(file)) {
      problems.push_back(
          file.string() +
          " is JSON-formatted: convert it to YAML (oslopolicy-convert-json-to-yaml)");
      continue;
    }
    try {
      for (const auto& [name, check] : freezer::policy::read_rule_file(file))
        if (!known.contains(name)) unknown.push_back(name + " (" + file.string() + ")");
    } catch (const freezer::policy::PolicyError& e) {
      problems.push_back(e.what());
    }
  }
  auto joined = [](const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : "; ") + item;
    return out;
  };
  if (!problems.empty()) {
    r.code = Code::failure;
    r.details = joined(problems);
  } else if (!unknown.empty()) {
    r.code = Code::warning;
    r.details = "rules no route checks (aliases others may name): " + joined(unknown);
  }
  return r;
}

// Options set under names that are deprecated, and options this release does not use.
Result configuration_check(const freezer::common::ServiceConfig& loaded) {
  Result r{"Configuration", Code::success, ""};
  std::vector<std::string> notes;
  for (const auto& decl : freezer::common::api_option_catalog().options())
    for (const auto& [group, name] : decl.deprecated_names)
      if (loaded.config.get(group, name))
        notes.push_back("[" + group + "] " + name + " is deprecated: use [" + decl.group + "] " +
                        decl.name);
  for (const auto& option : loaded.undeclared) notes.push_back(option + " is not used");
  if (!notes.empty()) {
    r.code = Code::warning;
    for (const auto& note : notes) r.details += (r.details.empty() ? "" : "; ") + note;
  }
  return r;
}

// oslo.upgradecheck's table.
void print(const std::vector<Result>& results) {
  constexpr std::size_t kWidth = 60;
  auto wrapped = [](const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start <= text.size()) {
      auto space = text.find(' ', start);
      std::string word =
          text.substr(start, space == std::string::npos ? std::string::npos : space - start);
      if (!line.empty() && line.size() + 1 + word.size() > kWidth) {
        lines.push_back(line);
        line.clear();
      }
      line += (line.empty() ? "" : " ") + word;
      if (space == std::string::npos) break;
      start = space + 1;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
  };
  const std::string rule = "+" + std::string(kWidth + 12, '-') + "+\n";
  auto row = [&](const std::string& text) {
    std::cout << "| " << text << std::string(kWidth + 10 - std::min(text.size(), kWidth + 10), ' ')
              << " |\n";
  };
  static constexpr const char* kNames[] = {"Success", "Warning", "Failure"};
  std::cout << rule;
  row("Upgrade Check Results");
  std::cout << rule;
  for (const auto& r : results) {
    row("Check: " + r.check);
    row(std::string("Result: ") + kNames[static_cast<int>(r.code)]);
    auto lines = wrapped(r.details.empty() ? "None" : r.details);
    for (std::size_t i = 0; i < lines.size(); ++i) row((i == 0 ? "Details: " : "  ") + lines[i]);
    std::cout << rule;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Checks whether this release of freezer-api can take over (upgrade checks)"};
  app.set_version_flag("--version", std::string("freezer-manager-status ") + FREEZER_VERSION);
  const auto& catalog = freezer::common::api_option_catalog();
  freezer::common::ServiceCommandLine line;
  freezer::common::add_service_options(app, line, catalog);
  auto* upgrade = app.add_subcommand("upgrade", "upgrade checks");
  upgrade->add_subcommand("check", "run every upgrade check");
  upgrade->require_subcommand(1);
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  try {
    auto loaded =
        freezer::common::load_service_config(line, catalog, {"freezer.conf", "freezer-api.conf"});
    auto logging = freezer::common::read_log_settings(
        catalog, loaded.config, {"freezer-manager-status", {"freezer_api", "freezer"}});
    logging.level = spdlog::level::err;  // the table says what matters
    for (auto& handler : logging.handlers)
      if (handler.destination == freezer::common::LogDestination::standard_output)
        handler.destination = freezer::common::LogDestination::standard_error;
    freezer::common::setup_logging(logging, "freezer-manager-status");
    std::vector<Result> results{database_check(loaded.config),
                                policy_check(loaded.config, loaded.directory),
                                configuration_check(loaded)};
    print(results);
    Code worst = Code::success;
    for (const auto& r : results) worst = std::max(worst, r.code);
    return static_cast<int>(worst);
  } catch (const std::exception& e) {
    std::cerr << "freezer-manager-status: " << e.what() << "\n";
    return 255;
  }
}
