#include "db/sql/stores/job_version_reads.h"

#include <algorithm>
#include <array>
#include <bit>
#include <regex>

#include "db/sql/connection/connection_source.h"
#include "db/sql/rows/select.h"

namespace freezer::db::sql {
namespace {

struct OwnedVersionRow {
  JobVersion version;
  std::string project_id;

  void read(const ColumnReader& row) {
    version.read(row);
    project_id = row.text("project_id");
  }
};

}  // namespace

// The SELECT of `padded` ids, a power of two up to kMaxBatch: IN lists of a few lengths (padded
// with an id no job has), so that each connection prepares a handful of statements.
const std::string& JobVersionReads::query_for(std::size_t padded) {
  static const auto kQueries = [] {
    std::array<std::string, std::bit_width(kMaxBatch)> queries;
    for (std::size_t i = 0; i < queries.size(); ++i)
      queries[i] = "SELECT id, project_id, change_seq FROM jobs WHERE deleted = 0 AND id IN (" +
                   placeholders("j", std::size_t{1} << i) + ")";
    return queries;
  }();
  return kQueries.at(static_cast<std::size_t>(std::countr_zero(padded)));
}

namespace {

// `page_query` as part `part` of a UNION ALL: its rows tagged with `part` (column q), its
// parameters renamed :name_<part>.
std::string page_part(const std::string& page_query, std::size_t part) {
  static const std::regex kParameter(":([A-Za-z_][A-Za-z0-9_]*)");
  static const std::regex kSelect("^SELECT ");
  const std::string tag = std::to_string(part);
  std::string sql = std::regex_replace(page_query, kParameter, ":$1_" + tag);
  sql = std::regex_replace(sql, kSelect, "SELECT " + tag + " AS q, ",
                           std::regex_constants::format_first_only);
  return "(" + sql + ")";
}

struct TaggedVersionRow {
  long long part = 0;
  JobVersion version;

  void read(const ColumnReader& row) {
    part = row.integer("q").value_or(0);
    version.read(row);
  }
};

}  // namespace

struct JobVersionReads::PageBatches {
  explicit PageBatches(const std::string& page_query) {
    for (std::size_t i = 0; i < unions.size(); ++i) {
      for (std::size_t part = 0; part < (std::size_t{1} << i); ++part)
        unions[i] += (part == 0 ? "" : " UNION ALL ") + page_part(page_query, part);
    }
  }

  std::array<std::string, std::bit_width(kMaxPages)> unions;
  LeaderBatches<PageQuestion> batches{kMaxPages};
};

JobVersionReads::JobVersionReads(ConnectionPool& pool) : pool_(pool) {}

JobVersionReads::~JobVersionReads() = default;

std::optional<long long> JobVersionReads::change_seq(const std::string& project_id,
                                                     const std::string& id) {
  Question mine{&project_id, &id, std::nullopt, nullptr};
  batches_.submit(mine, [this](const std::vector<Question*>& batch) { answer(batch); });
  if (mine.error) std::rethrow_exception(mine.error);
  return mine.change_seq;
}

void JobVersionReads::answer(const std::vector<Question*>& batch) {
  try {
    std::vector<std::string> ids;
    for (const auto* question : batch) ids.push_back(*question->id);
    ids.resize(std::bit_ceil(ids.size()));
    std::map<std::string, OwnedVersionRow> live;
    for (auto& row : ConnectionSource(pool_).select<OwnedVersionRow>(query_for(ids.size()),
                                                                     numbered_params("j", ids)))
      live.emplace(row.version.id, std::move(row));
    for (auto* question : batch) {
      auto found = live.find(*question->id);
      if (found != live.end() && found->second.project_id == *question->project_id)
        question->change_seq = found->second.version.change_seq;
    }
  } catch (...) {
    for (auto* question : batch) question->error = std::current_exception();
  }
}

std::vector<JobVersion> JobVersionReads::page(const std::string& page_query, const Params& params) {
  PageBatches& query = batches_of(page_query);
  PageQuestion mine{&params, {}, nullptr};
  query.batches.submit(
      mine, [&](const std::vector<PageQuestion*>& batch) { answer_pages(query, batch); });
  if (mine.error) std::rethrow_exception(mine.error);
  return std::move(mine.rows);
}

JobVersionReads::PageBatches& JobVersionReads::batches_of(const std::string& page_query) {
  std::lock_guard lock(page_batches_mutex_);
  auto& batches = page_batches_[&page_query];
  if (!batches) batches = std::make_unique<PageBatches>(page_query);
  return *batches;
}

void JobVersionReads::answer_pages(const PageBatches& query,
                                   const std::vector<PageQuestion*>& batch) {
  try {
    // Padded with copies of the last question, whose answers are not read.
    const std::size_t parts = std::bit_ceil(batch.size());
    Params params;
    for (std::size_t part = 0; part < parts; ++part) {
      const std::string suffix = "_" + std::to_string(part);
      for (const auto& param : *batch[std::min(part, batch.size() - 1)]->params)
        params.push_back({param.name + suffix, param.value});
    }
    const auto& sql = query.unions.at(static_cast<std::size_t>(std::countr_zero(parts)));
    for (auto& row : ConnectionSource(pool_).select<TaggedVersionRow>(sql, params)) {
      if (row.part >= 0 && static_cast<std::size_t>(row.part) < batch.size())
        batch[static_cast<std::size_t>(row.part)]->rows.push_back(std::move(row.version));
    }
    // A UNION ALL keeps no order of its own.
    for (auto* question : batch)
      std::sort(question->rows.begin(), question->rows.end(),
                [](const JobVersion& a, const JobVersion& b) { return a.id < b.id; });
  } catch (...) {
    for (auto* question : batch) question->error = std::current_exception();
  }
}

}  // namespace freezer::db::sql
