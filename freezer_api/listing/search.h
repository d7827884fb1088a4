#pragma once
// The search document of list requests (sent as a GET body):
//   {"match": [{"key": value}, ...], "match_not": [{"key": value}, ...]}
// including the CLI's {"match": [{"_all": "<JSON list of {key: value}>"}]} form.
// Matching follows upstream: the last value of each key found anywhere in the rendered
// record is compared with Python equality.
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace freezer::api {

class SearchFilter {
 public:
  // Throws a 400 ApiError when the document is not a valid search document.
  static SearchFilter from_body(const rapidjson::Value& body);

  bool empty() const { return match_.Empty() && match_not_.Empty(); }
  bool matches(const rapidjson::Value& record) const;
  // The string a matching record must hold under `key`, when the filter requires one: lets a
  // store narrow the rows it reads with an indexed column before the exact match runs.
  std::optional<std::string> required_string(std::string_view key) const;

 private:
  SearchFilter();
  rapidjson::Document storage_;  // owns the copied match / match_not pairs
  rapidjson::Value match_;
  rapidjson::Value match_not_;
  std::vector<std::string> keys_;
};

}  // namespace freezer::api
