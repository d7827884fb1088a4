#include "freezer_api/schemas/schema_registry.h"

#include <gtest/gtest.h>

#include <functional>
#include <regex>

#include "common/embedded_file.h"
#include "common/json.h"

namespace freezer::api {
std::span<const common::EmbeddedFile> embedded_schemas();
namespace {

// RapidJSON silently ignores a `pattern` that std::regex cannot compile: make sure each one does.
void for_each_pattern(const rapidjson::Value& v,
                      const std::function<void(const std::string&)>& fn) {
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) {
      if (std::string(m.name.GetString()) == "pattern" && m.value.IsString())
        fn(m.value.GetString());
      else
        for_each_pattern(m.value, fn);
    }
  } else if (v.IsArray()) {
    for (const auto& item : v.GetArray()) for_each_pattern(item, fn);
  }
}

TEST(SchemaRegistry, EveryPatternCompilesWithStdRegex) {
  int patterns = 0;
  for (const auto& file : embedded_schemas()) {
    rapidjson::Document doc;
    ASSERT_TRUE(common::parse_json(file.content, doc)) << file.name;
    for_each_pattern(doc, [&](const std::string& p) {
      ++patterns;
      EXPECT_NO_THROW(std::regex(p, std::regex_constants::ECMAScript)) << file.name << ": " << p;
    });
  }
  EXPECT_GT(patterns, 0);
}

TEST(SchemaRegistry, ReportsFirstFailureNamingTheField) {
  SchemaRegistry registry;
  rapidjson::Document doc;
  ASSERT_TRUE(common::parse_json(R"({"client": {"client_id": "ok"}, "user_id": "u"})", doc));
  EXPECT_FALSE(registry.validate("client", doc));
  ASSERT_TRUE(common::parse_json(R"({"client": {}, "user_id": "u"})", doc));
  EXPECT_EQ(registry.validate("client", doc),
            "'client_id' is a required property (field: client.client_id)");
  ASSERT_TRUE(common::parse_json(R"({"client": {"client_id": "ok"}})", doc));
  EXPECT_EQ(registry.validate("client", doc), "'user_id' is a required property (field: user_id)");
  ASSERT_TRUE(common::parse_json(R"({"client": {"client_id": "a/b"}, "user_id": "u"})", doc));
  auto message = registry.validate("client", doc);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->rfind("'a/b' does not match '^(?:([\\\\w-]+)_)?", 0), 0u) << *message;
  EXPECT_THROW(registry.validate("no-such-schema", doc), std::logic_error);
}

}  // namespace
}  // namespace freezer::api
