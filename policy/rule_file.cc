#include "policy/rule_file.h"

#include <yaml-cpp/yaml.h>

#include <system_error>

namespace freezer::policy {

RuleTexts read_rule_file(const std::filesystem::path& path) {
  const std::string where = "policy file " + path.string();
  YAML::Node document;
  try {
    document = YAML::LoadFile(path.string());
  } catch (const YAML::Exception& e) {
    throw PolicyError(where + ": " + e.what());
  }
  if (document.IsNull()) return {};
  if (!document.IsMap()) {
    throw PolicyError(where + ": expected a mapping of rule names to check strings");
  }
  RuleTexts rules;
  for (const auto& entry : document) {
    if (!entry.first.IsScalar()) throw PolicyError(where + ": a rule name is not a string");
    const std::string name = entry.first.Scalar();
    // oslo would read a null as "allow everyone"; an explicit "" says that without surprise.
    if (!entry.second.IsScalar()) {
      throw PolicyError(where + ": policy rule \"" + name +
                        "\" must be a check string (use \"\" to allow everyone)");
    }
    rules[name] = entry.second.Scalar();
  }
  return rules;
}

FileStamp stamp_file(const std::filesystem::path& path) {
  std::error_code error;
  FileStamp stamp;
  stamp.modified = std::filesystem::last_write_time(path, error);
  if (error) return FileStamp{};
  stamp.size = std::filesystem::file_size(path, error);
  if (error) return FileStamp{};
  stamp.exists = true;
  return stamp;
}

}  // namespace freezer::policy
