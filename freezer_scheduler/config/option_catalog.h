#pragma once
// Every freezer-scheduler option, declared once as data (common::OptionDecl): its group and
// name (as written in a config file), kind, default, the environment variables that supply
// the default, its command-line spellings and the older names operators' files still use. The
// command line, the config loader and the sample file are all driven by this catalog.
#include <string>

#include "common/option_catalog.h"

namespace freezer::scheduler {

const common::OptionCatalog& scheduler_option_catalog();
// The upstream pid file: <TMPDIR or /tmp>/freezer_sched_<basename of $HOME>.pid.
std::string default_pid_file();

}  // namespace freezer::scheduler
