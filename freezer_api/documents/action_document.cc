#include "freezer_api/documents/action_document.h"

#include "common/json.h"
#include "freezer_api/errors.h"
#include "freezer_api/json_response.h"

namespace freezer::api {
namespace {

using common::string_member;

using common::int_member;

rapidjson::Value optional_integer(const std::optional<long long>& v) {
  return v ? rapidjson::Value(static_cast<int64_t>(*v)) : rapidjson::Value();
}

// The keys upstream always returns in freezer_action (its dedicated columns).
constexpr const char* kColumnKeys[] = {"backup_name", "action",   "mode",           "container",
                                       "timeout",     "priority", "path_to_backup", "log_file"};

rapidjson::Value render_freezer_action(const db::ActionRecord& action, Allocator& a) {
  rapidjson::Value out = common::stored_object_in(action.freezer_action, a);
  for (const char* key : kColumnKeys)
    if (!out.HasMember(key)) out.AddMember(rapidjson::StringRef(key), rapidjson::Value(), a);
  return out;
}

}  // namespace

db::ActionRecord action_from_document(const rapidjson::Value& entry, std::string id,
                                      std::string project_id, std::string user_id) {
  auto fa = entry.FindMember("freezer_action");
  if (fa == entry.MemberEnd() || !fa->value.IsObject())
    throw bad_request("'freezer_action' is a required property (field: freezer_action)");
  const auto& freezer_action = fa->value;
  auto name = string_member(freezer_action, "action");
  if (!name) throw bad_request("'action' is a required property (field: freezer_action.action)");

  db::ActionRecord r;
  r.id = std::move(id);
  r.project_id = std::move(project_id);
  r.user_id = std::move(user_id);
  r.action = *name;
  r.mode = string_member(freezer_action, "mode");
  r.path_to_backup = string_member(freezer_action, "path_to_backup");
  r.backup_name = string_member(freezer_action, "backup_name");
  r.container = string_member(freezer_action, "container");
  r.log_file = string_member(freezer_action, "log_file");
  r.timeout = int_member(freezer_action, "timeout");
  r.priority = int_member(freezer_action, "priority");
  r.max_retries = int_member(entry, "max_retries").value_or(5);
  r.max_retries_interval = int_member(entry, "max_retries_interval").value_or(6);
  auto mandatory = entry.FindMember("mandatory");
  r.mandatory = mandatory != entry.MemberEnd() && mandatory->value.IsBool()
                    ? mandatory->value.GetBool()
                    : false;
  r.freezer_action = common::to_json(freezer_action);
  return r;
}

rapidjson::Document parsed_freezer_action(const db::ActionRecord& action) {
  return common::stored_object(action.freezer_action);
}

void render_action(const db::ActionRecord& action, rapidjson::Value& out, Allocator& a) {
  out.AddMember("project_id", json_string(action.project_id, a), a);
  out.AddMember("action_id", json_string(action.id, a), a);
  out.AddMember("user_id", json_string(action.user_id, a), a);
  out.AddMember("max_retries", optional_integer(action.max_retries), a);
  out.AddMember("max_retries_interval", optional_integer(action.max_retries_interval), a);
  out.AddMember("freezer_action", render_freezer_action(action, a), a);
}

void render_action_list_item(const db::ActionRecord& action, const std::string& url_project_id,
                             rapidjson::Value& out, Allocator& a) {
  out.AddMember("project_id", json_string(url_project_id, a), a);
  out.AddMember("user_id", json_string(action.user_id, a), a);
  out.AddMember("timeout", optional_integer(action.timeout), a);
  out.AddMember("max_retries_interval", optional_integer(action.max_retries_interval), a);
  out.AddMember("max_retries", optional_integer(action.max_retries), a);
  out.AddMember("action_id", json_string(action.id, a), a);
  out.AddMember("mandatory",
                action.mandatory ? rapidjson::Value(*action.mandatory) : rapidjson::Value(), a);
  out.AddMember("freezer_action", render_freezer_action(action, a), a);
}

bool same_freezer_action(const rapidjson::Value& a, const rapidjson::Value& b) {
  if (!a.IsObject() || !b.IsObject()) return common::python_equal(a, b);
  static const rapidjson::Value kNull;
  auto ignored = [](const rapidjson::Value& name) {
    std::string_view n(name.GetString(), name.GetStringLength());
    return n == "_version" || n == "user_id";
  };
  auto covered = [&](const rapidjson::Value& x, const rapidjson::Value& y) {
    for (const auto& m : x.GetObject()) {
      if (ignored(m.name)) continue;
      auto other = y.FindMember(m.name);
      if (!common::python_equal(m.value, other == y.MemberEnd() ? kNull : other->value))
        return false;
    }
    return true;
  };
  return covered(a, b) && covered(b, a);
}

}  // namespace freezer::api
