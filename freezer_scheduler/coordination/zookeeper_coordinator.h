#pragma once
// The Coordinator over ZooKeeper, laid out as tooz's ZooKeeper driver lays it out, so tooz
// tools see the same thing:
//   /<namespace>/<group>/<member>       ephemeral, data {"weight": 1} in msgpack (a member)
//   /<namespace>/locks/<name>/<uuid>__lock__<sequence>   ephemeral sequential (kazoo's lock)
// The lowest sequence under a lock holds it. A member whose session expires leaves the group
// and loses its locks at once; the next call makes a new session and joins again.
//
// The ZooKeeper client's own threads only update `state_` and call the members watch; every
// ZooKeeper call happens on the caller's thread, under `mutex_`.
#include <zookeeper/zookeeper.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>

#include "freezer_scheduler/coordination/backend_url.h"
#include "freezer_scheduler/coordination/coordinator.h"

namespace freezer::scheduler {

class ZooKeeperCoordinator final : public Coordinator {
 public:
  // Connects in the background; the first members() call waits for the session.
  ZooKeeperCoordinator(BackendUrl url, const std::string& group, std::string member_id);
  ~ZooKeeperCoordinator() override;  // leaves the group (closes the session)
  ZooKeeperCoordinator(const ZooKeeperCoordinator&) = delete;
  ZooKeeperCoordinator& operator=(const ZooKeeperCoordinator&) = delete;

  const std::string& member_id() const override { return member_; }
  std::optional<std::vector<std::string>> members() override;
  bool try_lock(const std::string& name) override;
  void unlock(const std::string& name) override;
  void watch_members(std::function<void()> changed) override;

 private:
  bool in_group();  // a live session with this member in the group (with mutex_ held)
  void open_session();
  bool join();
  bool create_path(const std::string& path);  // persistent, true when it exists now
  static void on_session_event(zhandle_t* zh, int type, int state, const char* path, void* self);
  static void on_members_event(zhandle_t* zh, int type, int state, const char* path, void* self);

  const BackendUrl url_;
  const std::string member_;
  const std::string group_path_;
  const std::string locks_path_;

  std::mutex mutex_;
  zhandle_t* zh_ = nullptr;
  bool joined_ = false;
  std::map<std::string, std::string> locks_;  // name -> the lock node this member created

  std::atomic<int> state_{0};  // the session's last state, from the client's thread
  std::mutex state_mutex_;
  std::condition_variable state_changed_;

  std::mutex watch_mutex_;
  std::function<void()> changed_;
};

}  // namespace freezer::scheduler
