#pragma once
// How schedulers of one pool agree on who runs what: a group of live members (each member is
// in it while its session with the coordination service lives), and named locks that die
// with their holder's session.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace freezer::scheduler {

class Coordinator {
 public:
  virtual ~Coordinator() = default;

  virtual const std::string& member_id() const = 0;
  // The group's live members, this one included; nullopt while this member is not in the
  // group (no session): it then owns nothing. Joins (again) when it can.
  virtual std::optional<std::vector<std::string>> members() = 0;
  // Non-blocking: true when this member now holds `name`. A lock is released by unlock(), or
  // by the coordination service when the holder's session ends.
  virtual bool try_lock(const std::string& name) = 0;
  virtual void unlock(const std::string& name) = 0;
  // `changed` is called, from another thread, when members join or leave.
  virtual void watch_members(std::function<void()> changed) = 0;
};

}  // namespace freezer::scheduler
