#include "common/json.h"

#include <gtest/gtest.h>

namespace freezer::common {
namespace {

JsonDocument doc(const char* text) {
  JsonDocument d;
  EXPECT_TRUE(parse_json(text, d)) << text;
  return d;
}

TEST(Json, PythonReprMatchesJsonschemaMessages) {
  EXPECT_EQ(python_repr(doc(R"("abc")")), "'abc'");
  EXPECT_EQ(python_repr(doc(R"("it's")")), "\"it's\"");
  EXPECT_EQ(python_repr(doc("[1, true, null, 2.5]")), "[1, True, None, 2.5]");
  EXPECT_EQ(python_repr(doc(R"({"a": false})")), "{'a': False}");
}

TEST(Json, PythonEqualitySemantics) {
  EXPECT_TRUE(python_equal(doc("1"), doc("true")));
  EXPECT_TRUE(python_equal(doc("1.0"), doc("1")));
  EXPECT_TRUE(python_equal(doc("0"), doc("false")));
  EXPECT_FALSE(python_equal(doc(R"("1")"), doc("1")));
  EXPECT_FALSE(python_equal(doc(R"("A")"), doc(R"("a")")));
  EXPECT_TRUE(
      python_equal(doc(R"({"a": [1, {"b": null}]})"), doc(R"({"a": [true, {"b": null}]})")));
  EXPECT_FALSE(python_equal(doc("[1]"), doc("[1, 2]")));
}

TEST(Json, StrictParsing) {
  JsonDocument d;
  EXPECT_FALSE(parse_json("{} x", d));
  EXPECT_FALSE(parse_json("\xff", d));
  EXPECT_FALSE(parse_json("", d));
  EXPECT_TRUE(parse_json(" {\"a\": 1}\n", d));
}

TEST(Json, MembersOfTheirTypeOnly) {
  auto d = doc(R"({"s": "text", "n": 12, "b": true, "q": "34", "bad": "3x", "nul": null})");
  EXPECT_EQ(string_member(d, "s"), "text");
  EXPECT_EQ(string_member(d, "n"), std::nullopt);
  EXPECT_EQ(string_member_or_empty(d, "missing"), "");
  EXPECT_EQ(int_member(d, "n"), 12);
  EXPECT_EQ(int_member(d, "q"), std::nullopt);
  EXPECT_EQ(bool_member(d, "b"), true);
  EXPECT_EQ(bool_member(d, "n"), std::nullopt);
  EXPECT_EQ(string_member(doc("[1]"), "s"), std::nullopt);  // not an object
}

TEST(Json, IntegersAsPythonsIntTakesThem) {
  auto d = doc(R"({"n": 12, "q": "34", "plus": "+5", "neg": "-6", "t": true, "f": false,
                   "bad": "3x", "empty": "", "float": 1.5, "nul": null})");
  EXPECT_EQ(int_like_member(d, "n"), 12);
  EXPECT_EQ(int_like_member(d, "q"), 34);
  EXPECT_EQ(int_like_member(d, "plus"), 5);
  EXPECT_EQ(int_like_member(d, "neg"), -6);
  EXPECT_EQ(int_like_member(d, "t"), 1);
  EXPECT_EQ(int_like_member(d, "f"), 0);
  EXPECT_EQ(int_like_member(d, "bad"), std::nullopt);
  EXPECT_EQ(int_like_member(d, "empty"), std::nullopt);
  EXPECT_EQ(int_like_member(d, "float"), std::nullopt);
  EXPECT_EQ(int_like_member(d, "nul"), std::nullopt);
  EXPECT_EQ(int_like_member(d, "missing"), std::nullopt);
}

}  // namespace
}  // namespace freezer::common
