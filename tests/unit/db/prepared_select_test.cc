// MySQL's positional placeholders made from the stores' named parameters.
#include "db/sql/connection/prepared_select.h"

#include <gtest/gtest.h>

namespace freezer::db::sql {
namespace {

TEST(ToPositional, NamesInOrderOfAppearanceRepeatsIncluded) {
  auto q = to_positional(
      "UPDATE t SET a = :now, b = :b_2 WHERE id = :id AND c = :now LIMIT :limit OFFSET :offset");
  EXPECT_EQ(q.text, "UPDATE t SET a = ?, b = ? WHERE id = ? AND c = ? LIMIT ? OFFSET ?");
  EXPECT_EQ(q.names, (std::vector<std::string>{"now", "b_2", "id", "now", "limit", "offset"}));
}

TEST(ToPositional, ColonsInQuotesAndOutsideNamesStay) {
  auto q = to_positional(
      "SELECT ':x', \"a:b\", `c:d`, '10:00' FROM t WHERE x = :x AND y = 'it''s :y' AND z::int");
  EXPECT_EQ(
      q.text,
      "SELECT ':x', \"a:b\", `c:d`, '10:00' FROM t WHERE x = ? AND y = 'it''s :y' AND z::int");
  EXPECT_EQ(q.names, std::vector<std::string>{"x"});
}

TEST(ParamIndex, FindsByNameAndRefusesAMissingOne) {
  Params params{{"id", std::string("j1")}, {"limit", 10LL}};
  EXPECT_EQ(param_index(params, "limit"), 1u);
  EXPECT_EQ(param_index(params, "id"), 0u);
  EXPECT_THROW(param_index(params, "marker"), std::invalid_argument);
}

}  // namespace
}  // namespace freezer::db::sql
