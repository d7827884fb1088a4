#pragma once
// The operator's policy file ([oslo_policy] policy_file): a YAML mapping of rule name to
// check string. JSON is valid YAML, so the older policy.json format loads the same way.
#include <cstdint>
#include <filesystem>

#include "policy/rule_set.h"

namespace freezer::policy {

// An empty file means no overrides. Throws PolicyError naming the file for unreadable or
// malformed YAML and a document that is not a mapping, and naming the rule for a value that
// is not a string.
RuleTexts read_rule_file(const std::filesystem::path& path);

// What tells the Enforcer that the file changed since it was last read.
struct FileStamp {
  bool exists = false;
  std::filesystem::file_time_type modified{};
  std::uintmax_t size = 0;

  bool operator==(const FileStamp&) const = default;
};

FileStamp stamp_file(const std::filesystem::path& path);

}  // namespace freezer::policy
