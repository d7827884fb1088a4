#include "freezer_api/listing/search.h"

#include <gtest/gtest.h>

#include "common/json.h"
#include "freezer_api/errors.h"

namespace freezer::api {
namespace {

rapidjson::Document doc(const char* text) {
  rapidjson::Document d;
  EXPECT_TRUE(common::parse_json(text, d)) << text;
  return d;
}

const char* kJob = R"({"job_id": "j1", "user_id": "top", "client_id": "c1",
  "job_schedule": {"status": "completed"},
  "job_actions": [{"user_id": "first"}, {"user_id": "last", "freezer_action": {"mode": "fs"}}]})";

TEST(Search, EmptyDocumentsMatchEverything) {
  for (const char* body : {"{}", "null", R"({"match": []})", R"({"match_not": []})"}) {
    auto f = SearchFilter::from_body(doc(body));
    EXPECT_TRUE(f.empty()) << body;
    EXPECT_TRUE(f.matches(doc(kJob)));
  }
}

TEST(Search, LastOccurrenceOfAKeyAnywhereWins) {
  auto record = doc(kJob);
  EXPECT_TRUE(SearchFilter::from_body(doc(R"({"match": [{"user_id": "last"}]})")).matches(record));
  EXPECT_FALSE(SearchFilter::from_body(doc(R"({"match": [{"user_id": "top"}]})")).matches(record));
  EXPECT_TRUE(
      SearchFilter::from_body(doc(R"({"match": [{"status": "completed"}, {"mode": "fs"}]})"))
          .matches(record));
  EXPECT_FALSE(
      SearchFilter::from_body(doc(R"({"match_not": [{"status": "completed"}]})")).matches(record));
  EXPECT_TRUE(SearchFilter::from_body(doc(R"({"match": [{"missing": null}]})")).matches(record));
}

TEST(Search, AllFormReplacesTheFilter) {
  auto record = doc(kJob);
  auto f = SearchFilter::from_body(doc(
      R"({"match": [{"_all": "[{\"client_id\": \"c1\"}]"}, {"client_id": "zz"}], "match_not": [{"client_id": "c1"}]})"));
  EXPECT_TRUE(f.matches(record));
  auto undecodable = SearchFilter::from_body(doc(R"({"match": [{"_all": "not json"}]})"));
  EXPECT_TRUE(undecodable.empty());
}

TEST(Search, MalformedDocumentsAre400) {
  EXPECT_THROW(SearchFilter::from_body(doc(R"({"match": "x"})")), ApiError);
  EXPECT_THROW(SearchFilter::from_body(doc(R"({"match": [1]})")), ApiError);
  EXPECT_THROW(SearchFilter::from_body(doc("[1]")), ApiError);
}

}  // namespace
}  // namespace freezer::api
