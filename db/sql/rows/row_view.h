#pragma once
// One row of a result, read by column position: what a record mapping needs from any source
// (a database's own prepared statement, or SOCI's dynamic row). Positions are found by name
// once per statement (ColumnPositions), not per value.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace freezer::db::sql {

class RowView {
 public:
  virtual ~RowView() = default;
  // The position of a column by its (possibly aliased) name; throws when there is none.
  virtual int position(std::string_view name) const = 0;
  virtual bool is_null(int position) const = 0;
  // Empty for NULL.
  virtual std::string text(int position) const = 0;
  // Integer-like columns (INTEGER, BOOLEAN, numeric text); nullopt for NULL.
  virtual std::optional<long long> integer(int position) const = 0;
};

// Column names to positions, for one statement's result. A record mapping asks for the same
// names in the same order on every row: the n-th lookup of a row is checked against the n-th
// of the row before (a short compare) before the names are hashed.
class ColumnPositions {
 public:
  void add(std::string name, int position) { positions_.emplace(std::move(name), position); }
  // Called before each row is read.
  void start_row() const { next_lookup_ = 0; }

  int at(std::string_view name) const {
    const std::size_t lookup = next_lookup_++;
    if (lookup < sequence_.size() && sequence_[lookup].first == name)
      return sequence_[lookup].second;
    auto found = positions_.find(name);
    if (found == positions_.end())
      throw std::out_of_range("no column " + std::string(name) + " in the result");
    if (lookup == sequence_.size() && lookup < kMaxSequence)
      sequence_.emplace_back(found->first, found->second);
    return found->second;
  }

 private:
  static constexpr std::size_t kMaxSequence = 256;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int, Hash, std::equal_to<>> positions_;
  // Read by whoever leases the connection, one thread at a time.
  mutable std::vector<std::pair<std::string_view, int>> sequence_;  // views of positions_' keys
  mutable std::size_t next_lookup_ = 0;
};

// Integer text as SQL databases print it ("42", "-1"); throws on anything else.
long long parse_integer_text(std::string_view text);

}  // namespace freezer::db::sql
