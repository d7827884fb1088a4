#pragma once
// The service mode's clients scoped to users' trusts (a Keystone identity with its token, and
// the API client using it), one per trust, kept for reuse so that a trust's token is fetched
// once and reused until shortly before it expires. A cloud has a trust per user and project:
// the cache is bounded, least recently used out first. A client still in use (a run, a report)
// lives on after it leaves the cache, until its user lets it go.
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "freezer_scheduler/api/freezer_client.h"
#include "freezer_scheduler/api/service_identity.h"

namespace freezer::scheduler {

struct TrustClient {
  std::unique_ptr<KeystoneIdentity> identity;
  std::unique_ptr<FreezerClient> api;
};

class TrustClientCache {
 public:
  using Factory = std::function<std::shared_ptr<TrustClient>(const std::string& trust_id)>;
  TrustClientCache(std::size_t capacity, Factory make)
      : capacity_(capacity), make_(std::move(make)) {}

  // The trust's client, made on first use (outside the lock: it may not talk to Keystone yet,
  // but a factory may be slow).
  std::shared_ptr<TrustClient> get(const std::string& trust_id);

  std::size_t size() const;
  std::size_t made() const;  // clients made so far (each fetches its own tokens)

 private:
  using Entries = std::list<std::pair<std::string, std::shared_ptr<TrustClient>>>;

  const std::size_t capacity_;
  const Factory make_;
  mutable std::mutex mutex_;
  Entries entries_;  // most recently used first
  std::unordered_map<std::string, Entries::iterator> by_trust_;
  std::size_t made_ = 0;
};

}  // namespace freezer::scheduler
