#pragma once
// One place that configures spdlog for both binaries: `key=value` fields after the message
// keep the logs greppable and machine readable.
#include <string>

#include "common/config.h"

namespace freezer::common {

// Reads [DEFAULT] debug, log_file and use_stderr (oslo.log names).
void setup_logging(const Config& config, const std::string& program);

}  // namespace freezer::common
