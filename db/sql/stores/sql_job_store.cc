#include "db/sql/stores/sql_job_store.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <tuple>

#include "common/uuid.h"

namespace freezer::db::sql {
namespace {

// The columns of a JoinedLinkRow, from job_actions `ja` joined with actions `a`.
const std::string kLinkColumns =
    "ja.job_id AS ja_job_id, ja.position AS ja_position, ja.action_id AS ja_action_id, " +
    table_of<ActionRecord>().aliased_columns("a", "a_");
const std::string kJoinActions = "LEFT JOIN actions a ON a.id = ja.action_id AND a.deleted = 0";

// The live links of these jobs with their actions, by job and position. Sorted here, not by
// the database: an ORDER BY over joined rows with TEXT columns makes MySQL build a temporary
// table on disk for every read (it took three times the CPU of the whole query).
std::vector<JoinedLinkRow> links_of(soci::session& sql, StatementCache& statements,
                                    const std::vector<std::string>& job_ids) {
  auto links = statements.select<JoinedLinkRow>(
      sql,
      "SELECT " + kLinkColumns + " FROM job_actions ja " + kJoinActions +
          " WHERE ja.deleted = 0 AND ja.job_id IN (" + placeholders("j", job_ids.size()) + ")",
      numbered_params("j", job_ids));
  std::sort(links.begin(), links.end(), [](const JoinedLinkRow& a, const JoinedLinkRow& b) {
    return std::tie(a.job_id, a.position) < std::tie(b.job_id, b.position);
  });
  return links;
}

// The next link of a job: its action id, and its action when that still exists.
void add_link(JobWithParts& parts, JoinedLinkRow& link) {
  parts.job.action_ids.push_back(std::move(link.action_id));
  if (link.action) parts.actions.push_back(std::move(*link.action));
}

void write_action_links(soci::session& sql, const JobRecord& job, const std::string& now) {
  sql << "DELETE FROM job_actions WHERE job_id = :job_id", soci::use(job.id, "job_id");
  for (std::size_t position = 0; position < job.action_ids.size(); ++position) {
    const std::string link_id = common::uuid4_hex();
    const int pos = static_cast<int>(position);
    sql << "INSERT INTO job_actions (id, job_id, action_id, position, created_at, updated_at, "
           "deleted) VALUES (:id, :job_id, :action_id, :position, :now, :now, 0)",
        soci::use(link_id, "id"), soci::use(job.id, "job_id"),
        soci::use(job.action_ids[position], "action_id"), soci::use(pos, "position"),
        soci::use(now, "now");
  }
}

// A job (prefixed j_) joined with its live links and their actions, and its live credentials:
// the rows of JoinedJobRow. `jobs_source` is what the jobs come from (a table or a page).
std::string joined_job_query(const std::string& jobs_source) {
  return "SELECT " + table_of<JobRecord>().aliased_columns("j", "j_") + ", " + kLinkColumns + ", " +
         table_of<CredentialRecord>().aliased_columns("c", "c_") + " FROM " + jobs_source +
         " LEFT JOIN job_actions ja ON ja.job_id = j.id AND ja.deleted = 0 " + kJoinActions +
         " LEFT JOIN user_credentials c ON c.job_id = j.id AND c.deleted = 0";
}

// The jobs of joined rows, in id order, each with its links in position order and its first
// credentials row. Sorted here, not by the database (see links_of).
std::vector<JobWithParts> assemble_jobs(std::vector<JoinedJobRow>& rows) {
  auto order = [](const JoinedJobRow& row) {
    return std::make_tuple(std::string_view(row.job.id),
                           row.link ? row.link->position : std::nullopt,
                           row.credentials ? std::string_view(row.credentials->id) : "");
  };
  std::sort(rows.begin(), rows.end(),
            [&](const JoinedJobRow& a, const JoinedJobRow& b) { return order(a) < order(b); });
  std::vector<JobWithParts> out;
  const std::optional<long long>* last_position = nullptr;  // of the job's previous link
  for (auto& row : rows) {
    if (out.empty() || out.back().job.id != row.job.id) {
      out.push_back({std::move(row.job), {}, row.credentials});
      last_position = nullptr;
    }
    // A job with several credentials rows repeats its links once per row: one per position.
    if (!row.link || (last_position && row.link->position == *last_position)) continue;
    last_position = &row.link->position;
    add_link(out.back(), *row.link);
  }
  return out;
}

struct JobIdRow {
  std::string id;

  void read(const ColumnReader& row) { id = row.text("id"); }
};

// The parameters of a listing's query: its filters and its page.
Params list_params(const JobQuery& query, const Page& page) {
  Params params;
  if (query.project_id) params.push_back({"project_id", *query.project_id});
  if (query.client_id) params.push_back({"client_id", *query.client_id});
  if (query.session_id) params.push_back({"session_id", *query.session_id});
  if (query.changed_after) params.push_back({"changed_after", *query.changed_after});
  add_page_params(params, page);
  return params;
}

// The jobs table of a listing in id order. MariaDB reads `... AND deleted = 0 AND id > :marker
// ORDER BY id` as a lookup of the index's equalities and checks the marker row by row from
// the first one: each page of a million-job listing read every row before it (a member's
// takeover listing took 146 s). With the index named, it seeks to the marker.
std::string jobs_in_id_order(const JobQuery& query, const DialectTraits& dialect) {
  if (dialect.dialect != Dialect::kMysql) return "jobs";
  if (query.project_id) return "jobs FORCE INDEX (ix_jobs_project_id)";
  if (query.client_id) return "jobs FORCE INDEX (ix_jobs_client_id)";
  if (query.session_id) return "jobs";  // no index of its own
  return "jobs FORCE INDEX (ix_jobs_deleted_id)";
}

}  // namespace

std::string SqlJobStore::where_sql(const JobQuery& query, const DialectTraits& dialect,
                                   const char* columns) {
  std::string sql = "SELECT " + std::string(columns) + " FROM " +
                    (query.changed_after ? std::string(dialect.jobs_by_change_seq) +
                                               " WHERE change_seq > :changed_after"
                                         : jobs_in_id_order(query, dialect) + " WHERE deleted = 0");
  if (query.project_id) sql += " AND project_id = :project_id";
  if (query.client_id) sql += " AND client_id = :client_id";
  if (query.session_id) sql += " AND session_id = :session_id";
  return sql;
}

std::string SqlJobStore::list_sql(const JobQuery& query, const DialectTraits& dialect) {
  // The page's ids first (by the filters' indexes, in id order), then each job of the page
  // with its parts: one round trip whatever the page size.
  return joined_job_query("(" + where_sql(query, dialect, "id") + kPageClause +
                          ") page JOIN jobs j ON j.id = page.id");
}

// A query made once per shape (which filters are set) and dialect: list_sql is a few kilobytes
// of text, and the statement cache finds its statement by it.
const std::string& SqlJobStore::per_shape(const JobQuery& query, const DialectTraits& dialect,
                                          Shaped shaped) {
  static const auto kQueries = [] {
    std::array<std::array<std::string, 32>, 3> all;
    for (std::size_t shape = 0; shape < 32; ++shape) {
      JobQuery q;
      if (shape & 1) q.project_id = "";
      if (shape & 2) q.client_id = "";
      if (shape & 4) q.session_id = "";
      if (shape & 8) q.changed_after = 0;
      const auto& d = traits(shape & 16 ? Dialect::kMysql : Dialect::kSqlite);
      all[0][shape] = list_sql(q, d);
      all[1][shape] = where_sql(q, d, "id, change_seq") + kPageClause;
      all[2][shape] = where_sql(q, d, "id") + kPageClause;
    }
    return all;
  }();
  const std::size_t shape = (query.project_id ? 1 : 0) | (query.client_id ? 2 : 0) |
                            (query.session_id ? 4 : 0) | (query.changed_after ? 8 : 0) |
                            (dialect.dialect == Dialect::kMysql ? 16 : 0);
  return kQueries[static_cast<std::size_t>(shaped)][shape];
}

// The job row and its links, in one statement: a write reads the job without its actions and
// credentials (two fewer joins, and no action documents).
std::optional<JobRecord> SqlJobStore::find(const std::string& project_id, const std::string& id) {
  static const std::string kQuery =
      "SELECT " + table_of<JobRecord>().aliased_columns("j", "j_") +
      ", ja.position AS ja_position, ja.action_id AS ja_action_id FROM jobs j "
      "LEFT JOIN job_actions ja ON ja.job_id = j.id AND ja.deleted = 0 "
      "WHERE j.id = :id AND j.project_id = :project_id AND j.deleted = 0";
  auto rows = source_.select<JobLinkRow>(kQuery, {{"id", id}, {"project_id", project_id}});
  if (rows.empty()) return std::nullopt;
  std::sort(rows.begin(), rows.end(),
            [](const JobLinkRow& a, const JobLinkRow& b) { return a.position < b.position; });
  JobRecord job = std::move(rows.front().job);
  for (auto& row : rows)
    if (row.action_id) job.action_ids.push_back(std::move(*row.action_id));
  if (source_.in_transaction()) links_read_[id] = job.action_ids;
  return job;
}

std::optional<JobWithParts> SqlJobStore::find_with_parts(const std::string& project_id,
                                                         const std::string& id) {
  if (cache_ != nullptr) return find_through_cache(project_id, id);
  static const std::string kQuery =
      joined_job_query("jobs j") +
      " WHERE j.id = :id AND j.project_id = :project_id AND j.deleted = 0";
  auto rows = source_.select<JoinedJobRow>(kQuery, {{"id", id}, {"project_id", project_id}});
  auto jobs = assemble_jobs(rows);
  if (jobs.empty()) return std::nullopt;
  if (source_.in_transaction()) links_read_[id] = jobs.front().job.action_ids;
  return std::move(jobs.front());
}

std::vector<JobWithParts> SqlJobStore::list(const JobQuery& query, const Page& page) {
  // A listing of changes is of jobs that changed: the cache would not hold them.
  if (cache_ != nullptr && !query.changed_after) return list_through_cache(query, page);
  auto rows = source_.select<JoinedJobRow>(per_shape(query, source_.dialect(), Shaped::kList),
                                           list_params(query, page));
  return assemble_jobs(rows);
}

std::optional<JobWithParts> SqlJobStore::find_through_cache(const std::string& project_id,
                                                            const std::string& id) {
  static const std::string kQuery =
      "SELECT id, change_seq FROM jobs WHERE id = :id AND project_id = :project_id AND "
      "deleted = 0";
  std::optional<long long> change_seq;
  if (versions_ != nullptr) {
    change_seq = versions_->change_seq(project_id, id);
  } else {
    auto rows = source_.select<JobVersion>(kQuery, {{"id", id}, {"project_id", project_id}});
    if (!rows.empty()) change_seq = rows.front().change_seq;
  }
  if (!change_seq) return std::nullopt;
  if (auto kept = cache_->find(id, *change_seq)) return kept;
  auto jobs = fetch_and_keep({id});
  if (jobs.empty() || jobs.front().job.project_id != project_id) return std::nullopt;
  return std::move(jobs.front());
}

std::vector<JobWithParts> SqlJobStore::list_through_cache(const JobQuery& query, const Page& page) {
  const std::string& versions_query = per_shape(query, source_.dialect(), Shaped::kVersions);
  const Params params = list_params(query, page);
  auto versions = versions_ != nullptr ? versions_->page(versions_query, params)
                                       : source_.select<JobVersion>(versions_query, params);
  std::vector<std::optional<JobWithParts>> kept;
  kept.reserve(versions.size());
  std::vector<std::string> missing;
  for (const auto& version : versions) {
    kept.push_back(cache_->find(version.id, version.change_seq));
    if (!kept.back()) missing.push_back(version.id);
  }
  std::vector<JobWithParts> fetched;
  if (!missing.empty()) fetched = fetch_and_keep(missing);
  // Both in id order; a job deleted between the two reads is left out.
  std::vector<JobWithParts> out;
  out.reserve(versions.size());
  auto next_fetched = fetched.begin();
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (kept[i]) {
      out.push_back(std::move(*kept[i]));
      continue;
    }
    while (next_fetched != fetched.end() && next_fetched->job.id < versions[i].id) ++next_fetched;
    if (next_fetched != fetched.end() && next_fetched->job.id == versions[i].id)
      out.push_back(std::move(*next_fetched++));
  }
  return out;
}

bool SqlJobStore::update_if_unchanged(const JobRecord& record) {
  static const std::string kStatement =
      table_of<JobRecord>().update_statement() + " AND change_seq = :read_change_seq";
  return source_.write_statement([&](soci::session& sql) {
    const std::string now = utc_now();
    soci::statement update = (sql.prepare << kStatement, soci::use(record), soci::use(now, "now"),
                              soci::use(record.change_seq, "read_change_seq"));
    update.execute(true);
    // The sequence always moves on, so a matched row is a changed one, on MySQL too.
    return update.get_affected_rows() > 0;
  });
}

std::vector<std::string> SqlJobStore::list_ids(const JobQuery& query, const Page& page) {
  std::vector<std::string> ids;
  for (auto& row : source_.select<JobIdRow>(per_shape(query, source_.dialect(), Shaped::kIds),
                                            list_params(query, page)))
    ids.push_back(std::move(row.id));
  return ids;
}

std::vector<JobWithParts> SqlJobStore::find_many_with_parts(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  return fetch(ids);
}

std::vector<JobWithParts> SqlJobStore::fetch_and_keep(const std::vector<std::string>& ids) {
  auto jobs = fetch(ids);
  for (const auto& job : jobs) cache_->keep(job);
  return jobs;
}

std::vector<JobWithParts> SqlJobStore::fetch(const std::vector<std::string>& ids) {
  // IN lists of a few lengths (powers of two, padded with an id no job has), so that each
  // connection prepares a handful of statements rather than one per length.
  std::size_t length = 1;
  while (length < ids.size()) length *= 2;
  std::vector<std::string> padded = ids;
  padded.resize(length);
  auto rows = source_.select<JoinedJobRow>(joined_job_query("jobs j") +
                                               " WHERE j.deleted = 0 AND j.id IN (" +
                                               placeholders("j", length) + ")",
                                           numbered_params("j", padded));
  return assemble_jobs(rows);
}

void SqlJobStore::after_insert(soci::session& sql, const JobRecord& record,
                               const std::string& now) {
  write_action_links(sql, record, now);
}

void SqlJobStore::after_update(soci::session& sql, const JobRecord& record,
                               const std::string& now) {
  // Most updates (a PATCH of the description, the schedule's status) keep the actions: a read
  // is cheaper than rewriting every link, and leaves nothing for Galera to certify. A job this
  // transaction read has its links read already.
  std::vector<std::string> stored;
  if (auto read = links_read_.find(record.id); read != links_read_.end()) {
    stored = std::move(read->second);
    links_read_.erase(read);
  } else {
    for (auto& link : links_of(sql, source_.statements(sql), {record.id}))
      stored.push_back(std::move(link.action_id));
  }
  if (stored != record.action_ids) write_action_links(sql, record, now);
}

void SqlJobStore::after_soft_delete(soci::session& sql, const std::string& id,
                                    const std::string& now) {
  mark_job_changed(sql, id);
  sql << "DELETE FROM job_actions WHERE job_id = :id", soci::use(id, "id");
  sql << "UPDATE user_credentials SET deleted = 1, deleted_at = :now "
         "WHERE job_id = :id AND deleted = 0",
      soci::use(now, "now"), soci::use(id, "id");
}

}  // namespace freezer::db::sql
