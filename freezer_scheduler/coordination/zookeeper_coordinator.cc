#include "freezer_scheduler/coordination/zookeeper_coordinator.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/uuid.h"

namespace freezer::scheduler {
namespace {

// tooz's join_partitioned_group capabilities, {"weight": 1}, msgpack-encoded.
constexpr char kCapabilities[] = "\x81\xa6weight\x01";
constexpr char kLockMarker[] = "__lock__";

// The client's log lines go to this process's debug log, not to its standard error: it
// retries an unreachable server every few milliseconds. The failures that matter are logged
// by this class.
void log_line(const char* message) { spdlog::debug("zookeeper: {}", message); }

std::string error_text(int rc) { return zerror(rc); }

// A lock node's sequence: the 10 digits ZooKeeper appends.
std::string sequence_of(const std::string& node) {
  return node.size() >= 10 ? node.substr(node.size() - 10) : node;
}

}  // namespace

ZooKeeperCoordinator::ZooKeeperCoordinator(BackendUrl url, const std::string& group,
                                           std::string member_id)
    : url_(std::move(url)),
      member_(std::move(member_id)),
      group_path_("/" + url_.name_space + "/" + group),
      locks_path_("/" + url_.name_space + "/locks") {
  zoo_set_debug_level(ZOO_LOG_LEVEL_WARN);
  std::lock_guard lock(mutex_);
  open_session();
}

ZooKeeperCoordinator::~ZooKeeperCoordinator() {
  std::lock_guard lock(mutex_);
  if (zh_ != nullptr) zookeeper_close(zh_);  // ephemeral nodes go now, not at expiry
}

void ZooKeeperCoordinator::open_session() {
  joined_ = false;
  locks_.clear();
  state_ = 0;
  auto timeout_ms = static_cast<int>(url_.timeout.count() * 1000);
  zh_ = zookeeper_init2(url_.hosts.c_str(), &ZooKeeperCoordinator::on_session_event, timeout_ms,
                        nullptr, this, 0, &log_line);
  if (zh_ == nullptr)
    spdlog::error("Coordination: cannot start a ZooKeeper client for {}", url_.hosts);
}

void ZooKeeperCoordinator::on_session_event(zhandle_t*, int type, int state, const char*,
                                            void* self) {
  if (type != ZOO_SESSION_EVENT) return;
  auto* c = static_cast<ZooKeeperCoordinator*>(self);
  {
    std::lock_guard lock(c->state_mutex_);
    c->state_ = state;
  }
  c->state_changed_.notify_all();
  if (state == ZOO_EXPIRED_SESSION_STATE) {
    // The group saw this member leave; its jobs are another member's now.
    spdlog::warn("Coordination: the ZooKeeper session expired; this member left the group");
    std::lock_guard lock(c->watch_mutex_);
    if (c->changed_) c->changed_();
  }
}

void ZooKeeperCoordinator::on_members_event(zhandle_t*, int type, int, const char*, void* self) {
  if (type != ZOO_CHILD_EVENT) return;
  auto* c = static_cast<ZooKeeperCoordinator*>(self);
  std::lock_guard lock(c->watch_mutex_);
  if (c->changed_) c->changed_();
}

void ZooKeeperCoordinator::watch_members(std::function<void()> changed) {
  std::lock_guard lock(watch_mutex_);
  changed_ = std::move(changed);
}

bool ZooKeeperCoordinator::in_group() {
  int state = state_;
  if (zh_ != nullptr && (state == ZOO_EXPIRED_SESSION_STATE || state == ZOO_AUTH_FAILED_STATE)) {
    zookeeper_close(zh_);
    zh_ = nullptr;
  }
  if (zh_ == nullptr) open_session();
  if (zh_ == nullptr) return false;
  {
    // A new session connects within a few round trips; a lost one may come back meanwhile.
    std::unique_lock lock(state_mutex_);
    state_changed_.wait_for(lock,
                            std::min<std::chrono::seconds>(url_.timeout, std::chrono::seconds(5)),
                            [this] { return state_ == ZOO_CONNECTED_STATE; });
  }
  if (state_ != ZOO_CONNECTED_STATE) return false;
  if (!joined_) joined_ = join();
  return joined_;
}

bool ZooKeeperCoordinator::create_path(const std::string& path) {
  int rc = zoo_create(zh_, path.c_str(), nullptr, -1, &ZOO_OPEN_ACL_UNSAFE, 0, nullptr, 0);
  if (rc == ZOK || rc == ZNODEEXISTS) return true;
  spdlog::error("Coordination: cannot create {}: {}", path, error_text(rc));
  return false;
}

bool ZooKeeperCoordinator::join() {
  auto ns = "/" + url_.name_space;
  if (!create_path(ns) || !create_path(group_path_)) return false;
  auto path = group_path_ + "/" + member_;
  int rc = zoo_create(zh_, path.c_str(), kCapabilities, sizeof kCapabilities - 1,
                      &ZOO_OPEN_ACL_UNSAFE, ZOO_EPHEMERAL, nullptr, 0);
  if (rc == ZNODEEXISTS) {
    // Ours when a lost connection hid the first create's answer; else an older session of
    // this member id that has not expired yet.
    struct Stat stat {};
    if (zoo_exists(zh_, path.c_str(), 0, &stat) == ZOK &&
        stat.ephemeralOwner == zoo_client_id(zh_)->client_id)
      rc = ZOK;
    else
      spdlog::warn(
          "Coordination: member {} is still held by another session: waiting for it to "
          "expire",
          member_);
  }
  if (rc != ZOK) {
    if (rc != ZNODEEXISTS) spdlog::error("Coordination: cannot join {}: {}", path, error_text(rc));
    return false;
  }
  spdlog::info("Coordination: joined {} as {}", group_path_, member_);
  return true;
}

std::optional<std::vector<std::string>> ZooKeeperCoordinator::members() {
  std::lock_guard lock(mutex_);
  if (!in_group()) return std::nullopt;
  String_vector children{};
  int rc = zoo_wget_children(zh_, group_path_.c_str(), &ZooKeeperCoordinator::on_members_event,
                             this, &children);
  if (rc != ZOK) {
    spdlog::error("Coordination: cannot list {}: {}", group_path_, error_text(rc));
    return std::nullopt;
  }
  std::vector<std::string> out(children.data, children.data + children.count);
  deallocate_String_vector(&children);
  if (std::find(out.begin(), out.end(), member_) == out.end()) {
    spdlog::warn("Coordination: {} is not in {} any more: joining again", member_, group_path_);
    joined_ = false;
    return std::nullopt;
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool ZooKeeperCoordinator::try_lock(const std::string& name) {
  std::lock_guard lock(mutex_);
  if (locks_.count(name)) return true;
  if (!in_group()) return false;
  auto dir = locks_path_ + "/" + name;
  auto prefix = dir + "/" + common::uuid4_hex() + kLockMarker;
  std::string created(prefix.size() + 16, '\0');
  int rc = ZNONODE;
  // The lock's znode may be removed by its last holder between our creating it and our
  // creating the lock node under it: made again then.
  for (int attempt = 0; rc == ZNONODE && attempt < 3; ++attempt) {
    if (!create_path(locks_path_) || !create_path(dir)) return false;
    rc = zoo_create(zh_, prefix.c_str(), member_.data(), static_cast<int>(member_.size()),
                    &ZOO_OPEN_ACL_UNSAFE, ZOO_EPHEMERAL_SEQUENTIAL, created.data(),
                    static_cast<int>(created.size()));
  }
  if (rc != ZOK) {
    spdlog::error("Coordination: cannot take lock {}: {}", name, error_text(rc));
    return false;
  }
  created.resize(created.find('\0'));
  String_vector children{};
  rc = zoo_get_children(zh_, dir.c_str(), 0, &children);
  std::string lowest;
  for (int i = 0; rc == ZOK && i < children.count; ++i) {
    std::string child = children.data[i];
    if (child.find(kLockMarker) == std::string::npos) continue;
    if (lowest.empty() || sequence_of(child) < sequence_of(lowest)) lowest = child;
  }
  if (rc == ZOK) deallocate_String_vector(&children);
  if (rc == ZOK && dir + "/" + lowest == created) {
    locks_[name] = created;
    return true;
  }
  zoo_delete(zh_, created.c_str(), -1);  // another holder, or unknown: not ours
  return false;
}

void ZooKeeperCoordinator::unlock(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = locks_.find(name);
  if (it == locks_.end()) return;
  if (zh_ != nullptr) {
    int rc = zoo_delete(zh_, it->second.c_str(), -1);
    if (rc != ZOK && rc != ZNONODE)
      spdlog::warn("Coordination: cannot release lock {}: {} (it goes with the session)", name,
                   error_text(rc));
    zoo_delete(zh_, (locks_path_ + "/" + name).c_str(), -1);  // tidy; fails while others wait
  }
  locks_.erase(it);
}

}  // namespace freezer::scheduler
