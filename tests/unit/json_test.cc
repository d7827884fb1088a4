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

}  // namespace
}  // namespace freezer::common
