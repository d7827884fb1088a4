// The job document cache: a document is found only at the change sequence it was kept at,
// and the least recently used goes first when it is full.
#include "db/sql/stores/job_document_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace freezer::db::sql {
namespace {

JobWithParts job(const std::string& id, long long change_seq, const std::string& description = "") {
  JobWithParts parts;
  parts.job.id = id;
  parts.job.change_seq = change_seq;
  parts.job.description = description;
  parts.job.action_ids = {id + "-action"};
  ActionRecord& action = parts.actions.emplace_back();
  action.id = id + "-action";
  action.action = "backup";
  return parts;
}

TEST(JobDocumentCache, FindsADocumentOnlyAtTheSequenceItWasKeptAt) {
  JobDocumentCache cache(100);
  EXPECT_FALSE(cache.find("a", 1));
  cache.keep(job("a", 1, "first"));
  auto found = cache.find("a", 1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->job.description, "first");
  ASSERT_EQ(found->actions.size(), 1u);
  EXPECT_EQ(found->actions[0].id, "a-action");
  EXPECT_FALSE(cache.find("a", 2));  // the job changed since
  EXPECT_FALSE(cache.find("b", 1));

  cache.keep(job("a", 2, "second"));  // replaces the old one
  EXPECT_FALSE(cache.find("a", 1));
  EXPECT_EQ(cache.find("a", 2)->job.description, "second");
  EXPECT_EQ(cache.size(), 1u);
}

TEST(JobDocumentCache, HoldsAtMostItsCapacityDroppingTheLeastRecentlyUsed) {
  // 16 shards of one entry each: a shard holds one document.
  JobDocumentCache cache(16);
  for (int i = 0; i < 1000; ++i) cache.keep(job("job-" + std::to_string(i), 1));
  EXPECT_LE(cache.size(), 16u);

  JobDocumentCache roomy(16 * 3);  // 3 per shard
  // Jobs of one shard: kept first, then used, then a fourth comes.
  std::vector<std::string> same_shard;
  for (int i = 0; same_shard.size() < 4; ++i) {
    const std::string id = "job-" + std::to_string(i);
    if (std::hash<std::string>{}(id) % 16 == std::hash<std::string>{}("job-0") % 16)
      same_shard.push_back(id);
  }
  for (int i = 0; i < 3; ++i) roomy.keep(job(same_shard[i], 1));
  ASSERT_TRUE(roomy.find(same_shard[0], 1));  // now the most recently used
  roomy.keep(job(same_shard[3], 1));
  EXPECT_TRUE(roomy.find(same_shard[0], 1));
  EXPECT_FALSE(roomy.find(same_shard[1], 1));  // the least recently used went
  EXPECT_TRUE(roomy.find(same_shard[2], 1));
  EXPECT_TRUE(roomy.find(same_shard[3], 1));
}

TEST(JobDocumentCache, WithNoCapacityKeepsNothing) {
  JobDocumentCache cache(0);
  cache.keep(job("a", 1));
  EXPECT_FALSE(cache.find("a", 1));
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace freezer::db::sql
