#pragma once
// oslo.log's options, declared once for every binary (each catalog appends them), and the
// LogSettings they give: oslo.log's own handlers from log_file/log_dir, use_stderr,
// use_syslog, use_journal and use_json, or, when log_config_append names a Python logging
// file, that file's handlers instead (as oslo.log hands it to logging.config.fileConfig).
#include <string>
#include <vector>

#include "common/config.h"
#include "common/logging.h"
#include "common/option_catalog.h"

namespace freezer::common {

std::vector<OptionDecl> oslo_log_options();

// Who is logging: the file name log_dir gets without log_file ("freezer-api.log"), the syslog
// and journal identifier, and the Python logger names a logging file may configure for this
// binary, most specific first ("freezer_api", "freezer").
struct LogIdentity {
  std::string program;
  std::vector<std::string> logger_names;
};

// Throws ConfigError naming the option (or the logging file's section) that is wrong.
LogSettings read_log_settings(const OptionCatalog& catalog, const Config& config,
                              const LogIdentity& identity);

}  // namespace freezer::common
