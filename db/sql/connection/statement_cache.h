#pragma once
// SELECTs prepared once per connection and run again with new values. Parsing and planning
// a query (sqlite3_prepare, SOCI's row description) cost more than running it: they were
// half of a GET of a job. Each pooled connection has its own cache, used by one thread at a
// time (whoever leases the connection), and emptied before the connection is closed.
#include <soci/soci.h>

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace freezer::db::sql {

// A named query parameter (the name without its colon): text or an integer.
struct Param {
  std::string name;
  std::variant<std::string, long long> value;
};
using Params = std::vector<Param>;

class StatementCache {
 public:
  // The rows of `query` (a SELECT whose columns map to Record) for these parameters. The
  // same query text must always come with the same parameter names and kinds.
  template <typename Record>
  std::vector<Record> select(soci::session& sql, const std::string& query, const Params& params) {
    auto found = entries_.find(query);
    if (found == entries_.end()) {
      auto entry = std::make_unique<Select<Record>>(sql, query, params);
      // Queries with IN lists vary with their length: past the cap they are run uncached.
      if (entries_.size() >= kMaxEntries) return entry->run(params);
      found = entries_.emplace(query, std::move(entry)).first;
    }
    auto* statement = dynamic_cast<Select<Record>*>(found->second.get());
    if (statement == nullptr) throw std::bad_cast();
    try {
      return statement->run(params);
    } catch (...) {
      entries_.erase(found);  // its state after a failure is unknown: prepare it again
      throw;
    }
  }

  void clear() { entries_.clear(); }

 private:
  static constexpr std::size_t kMaxEntries = 128;

  struct Entry {
    virtual ~Entry() = default;
  };

  template <typename Record>
  struct Select final : Entry {
    Select(soci::session& sql, const std::string& query, const Params& params) : statement(sql) {
      statement.exchange(soci::into(record));
      values.reserve(params.size());  // bound by address: the vector must never reallocate
      for (const auto& param : params) {
        values.push_back(param.value);
        std::visit([&](auto& value) { statement.exchange(soci::use(value, param.name)); },
                   values.back());
      }
      statement.alloc();
      statement.prepare(query);
      statement.define_and_bind();
    }

    std::vector<Record> run(const Params& params) {
      if (params.size() != values.size()) throw std::invalid_argument("parameters changed");
      for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i].value.index() != values[i].index())
          throw std::invalid_argument("parameter kinds changed");
        values[i] = params[i].value;  // same alternative: assigned in place, address kept
      }
      std::vector<Record> out;
      if (statement.execute(true)) {
        do out.push_back(record);
        while (statement.fetch());
      }
      return out;
    }

    Record record;
    std::vector<std::variant<std::string, long long>> values;
    soci::statement statement;  // last: destroyed before what it is bound to
  };

  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace freezer::db::sql
