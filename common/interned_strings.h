#pragma once
// Strings that many objects hold, each held once: the project and trust ids of a scheduler's
// jobs (a project has many jobs, all through one trust). A string's address is stable until a
// sweep drops it.
#include <string>
#include <unordered_set>

namespace freezer::common {

class InternedStrings {
 public:
  // The pool's copy of `s`, added when it has none.
  const std::string* intern(const std::string& s) { return &*strings_.insert(s).first; }

  // Drops every string for which `used(&string)` is false: those nothing points at any more.
  template <typename Used>
  void sweep(Used used) {
    std::erase_if(strings_, [&](const std::string& s) { return !used(&s); });
  }

  std::size_t size() const { return strings_.size(); }

 private:
  std::unordered_set<std::string> strings_;
};

}  // namespace freezer::common
