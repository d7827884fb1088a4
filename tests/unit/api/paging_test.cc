#include "freezer_api/listing/paging.h"

#include <gtest/gtest.h>

#include "freezer_api/errors.h"

namespace freezer::api {
namespace {

http::Request with_query(std::vector<std::pair<std::string, std::string>> q) {
  http::Request r;
  r.query = std::move(q);
  return r;
}

TEST(Paging, PythonIntSemantics) {
  EXPECT_EQ(parse_python_int(" 5 "), 5);
  EXPECT_EQ(parse_python_int("+5"), 5);
  EXPECT_EQ(parse_python_int("-5"), -5);
  EXPECT_EQ(parse_python_int("1_000"), 1000);
  EXPECT_FALSE(parse_python_int("1__0"));
  EXPECT_FALSE(parse_python_int("_1"));
  EXPECT_FALSE(parse_python_int("1.5"));
  EXPECT_FALSE(parse_python_int(""));
  EXPECT_FALSE(parse_python_int("99999999999999999999999"));
}

TEST(Paging, DefaultsZeroAndMaximum) {
  auto page = parse_page(with_query({}), 10, 100);
  EXPECT_EQ(page.limit, 10);
  EXPECT_EQ(page.offset, 0);
  EXPECT_FALSE(page.marker);
  EXPECT_EQ(parse_page(with_query({{"limit", "0"}}), 10, 100).limit, 10);
  EXPECT_EQ(parse_page(with_query({{"limit", "5000"}}), 10, 100).limit, 100);
  EXPECT_EQ(parse_page(with_query({{"offset", "7"}, {"marker", "abc"}}), 10, 100).marker, "abc");
}

TEST(Paging, InvalidValuesAre400) {
  EXPECT_THROW(parse_page(with_query({{"limit", "x"}}), 10, 100), ApiError);
  EXPECT_THROW(parse_page(with_query({{"limit", "-1"}}), 10, 100), ApiError);
  EXPECT_THROW(parse_page(with_query({{"offset", "-1"}}), 10, 100), ApiError);
  EXPECT_THROW(parse_page(with_query({{"marker", std::string(300, 'm')}}), 10, 100), ApiError);
}

}  // namespace
}  // namespace freezer::api
