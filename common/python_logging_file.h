#pragma once
// oslo.log's log_config_append: a Python logging configuration file (the format of
// logging.config.fileConfig, as openstack-helm mounts it) read for what applies to this
// binary's messages: the loggers whose qualname is one of the binary's logger names (or a
// dotted ancestor of one) and the root logger, their levels, and the handlers records reach
// through propagation, with each handler's class, arguments, level and formatter.
#include <string>
#include <vector>

#include "common/logging.h"

namespace freezer::common {

// Throws ConfigError naming the file and section when the file cannot be read or names a
// section, level or argument that does not exist.
// What is understood only in part (a handler class this service cannot send to) is in the
// settings' notes.
LogSettings read_python_logging_file(const std::string& path,
                                     const std::vector<std::string>& logger_names,
                                     const std::string& default_line_format);

}  // namespace freezer::common
