#include "freezer_scheduler/run/cinder_client.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>

#include "common/json.h"

namespace freezer::scheduler {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

using common::string_member_or_empty;

bool flag(const rapidjson::Value& obj, const char* key) {
  return common::bool_member(obj, key).value_or(false);
}

// Cinder's errors: {"badRequest": {"message": ..., "code": 400}} and the like.
std::string error_message(const common::HttpResponse& r) {
  rapidjson::Document doc;
  if (common::parse_json(r.body, doc) && doc.IsObject())
    for (const auto& m : doc.GetObject())
      if (auto message = string_member_or_empty(m.value, "message"); !message.empty())
        return message;
  return r.body.empty() ? "(no body)" : r.body.substr(0, 300);
}

CinderBackup backup_from(const rapidjson::Value& b) {
  CinderBackup out;
  out.id = string_member_or_empty(b, "id");
  out.volume_id = string_member_or_empty(b, "volume_id");
  out.status = string_member_or_empty(b, "status");
  out.name = string_member_or_empty(b, "name");
  out.description = string_member_or_empty(b, "description");
  out.container = string_member_or_empty(b, "container");
  out.created_at = string_member_or_empty(b, "created_at");
  out.updated_at = string_member_or_empty(b, "updated_at");
  out.fail_reason = string_member_or_empty(b, "fail_reason");
  out.snapshot_id = string_member_or_empty(b, "snapshot_id");
  out.availability_zone = string_member_or_empty(b, "availability_zone");
  out.is_incremental = flag(b, "is_incremental");
  out.has_dependent_backups = flag(b, "has_dependent_backups");
  out.size = common::int_member(b, "size").value_or(0);
  if (auto meta = b.FindMember("metadata"); meta != b.MemberEnd() && meta->value.IsObject())
    for (const auto& m : meta->value.GetObject())
      if (m.value.IsString()) out.metadata[m.name.GetString()] = m.value.GetString();
  return out;
}

CinderVolume volume_from(const rapidjson::Value& v) {
  return CinderVolume{string_member_or_empty(v, "id"), string_member_or_empty(v, "status"),
                      string_member_or_empty(v, "updated_at")};
}

// The records of a list answer ({"backups": [...]}, {"volumes": [...]}).
template <typename Record, typename From>
std::vector<Record> records(const rapidjson::Document& doc, const char* key, From from) {
  std::vector<Record> out;
  if (auto it = doc.FindMember(key); it != doc.MemberEnd() && it->value.IsArray())
    for (const auto& r : it->value.GetArray()) out.push_back(from(r));
  return out;
}

std::string changed_first(std::size_t limit, const std::string& marker) {
  return "?sort_key=updated_at&sort_dir=desc&limit=" + std::to_string(limit) +
         (marker.empty() ? "" : "&marker=" + marker);
}

void key_value(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

bool at_least(const std::string& version, int major, int minor) {
  auto v = parse_microversion(version);
  return v && (v->first > major || (v->first == major && v->second >= minor));
}

}  // namespace

std::optional<std::pair<int, int>> parse_microversion(const std::string& s) {
  auto dot = s.find('.');
  if (dot == std::string::npos) return std::nullopt;
  int major = 0, minor = 0;
  auto [m1, e1] = std::from_chars(s.data(), s.data() + dot, major);
  auto [m2, e2] = std::from_chars(s.data() + dot + 1, s.data() + s.size(), minor);
  if (e1 != std::errc() || e2 != std::errc() || m1 != s.data() + dot || m2 != s.data() + s.size())
    return std::nullopt;
  return std::pair{major, minor};
}

std::string cinder_backup_body(const BackupRequest& r, const std::string& microversion) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("backup");
  w.StartObject();
  key_value(w, "volume_id", r.volume_id);
  if (!r.snapshot_id.empty()) key_value(w, "snapshot_id", r.snapshot_id);
  key_value(w, "container", r.container);
  key_value(w, "name", r.name);
  key_value(w, "description", r.description);
  w.Key("incremental");
  w.Bool(r.incremental);
  w.Key("force");
  w.Bool(true);  // in-use volumes too (as upstream)
  if (!r.availability_zone.empty() && at_least(microversion, 3, 51))
    key_value(w, "availability_zone", r.availability_zone);
  if (!r.metadata.empty() && at_least(microversion, 3, 43)) {
    w.Key("metadata");
    w.StartObject();
    for (const auto& [k, v] : r.metadata) key_value(w, k.c_str(), v);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

std::string cinder_restore_body(const std::string& volume_id, const std::string& new_volume_name) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("restore");
  w.StartObject();
  if (!volume_id.empty()) {
    key_value(w, "volume_id", volume_id);
  } else if (!new_volume_name.empty()) {
    key_value(w, "name", new_volume_name);
  }
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

std::string cinder_snapshot_body(const std::string& volume_id, const std::string& name) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("snapshot");
  w.StartObject();
  key_value(w, "volume_id", volume_id);
  key_value(w, "name", name);
  key_value(w, "description",
            "Temporary snapshot of volume " + volume_id + " for a Freezer backup");
  w.Key("force");
  w.Bool(true);
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

CinderClient::CinderClient(KeystoneIdentity& identity, const CinderOptions& options,
                           const common::HttpClientOptions& http,
                           CinderMicroversions* microversions)
    : identity_(identity), options_(options), http_(http), microversions_(microversions) {}

void CinderClient::resolve() {
  if (!endpoint_.empty()) return;
  std::string url = options_.endpoint_override.empty()
                        ? identity_.catalog_url({"volumev3", "block-storage", "volumev2"},
                                                options_.interface, options_.region_name)
                        : options_.endpoint_override;
  while (!url.empty() && url.back() == '/') url.pop_back();
  // Catalogs list Cinder with the project in the URL (.../v3/<project>) or without (.../v3).
  if (url.size() >= 3 && url.compare(url.size() - 3, 3, "/v3") == 0)
    url += "/" + identity_.project_id();
  auto v3 = url.rfind("/v3/");
  if (v3 == std::string::npos)
    throw CinderError(0, "Cinder's endpoint " + url + " is not a v3 URL");
  std::string versions_url = url.substr(0, v3 + 1);
  if (microversions_ != nullptr)
    if (auto known = microversions_->find(versions_url)) {
      microversion_ = *known;
      endpoint_ = url;
      return;
    }
  // The highest microversion both sides know (version discovery needs no token).
  std::string chosen = "3.0";
  try {
    auto r = http_.request("GET", versions_url, {"Accept: application/json"});
    rapidjson::Document doc;
    if (common::parse_json(r.body, doc) && doc.IsObject() && doc.HasMember("versions") &&
        doc["versions"].IsArray())
      for (const auto& v : doc["versions"].GetArray())
        if (string_member_or_empty(v, "id").rfind("v3", 0) == 0)
          chosen = string_member_or_empty(v, "version");
  } catch (const common::HttpTransportError& e) {
    throw CinderError(0, std::string("Cinder is unreachable: ") + e.what());
  }
  auto server = parse_microversion(chosen), cap = parse_microversion(options_.max_microversion);
  if (!server) server = std::pair{3, 0};
  if (cap && *cap < *server) server = cap;
  microversion_ = std::to_string(server->first) + "." + std::to_string(server->second);
  endpoint_ = url;
  if (microversions_ != nullptr) microversions_->remember(versions_url, microversion_);
}

const std::string& CinderClient::endpoint() {
  resolve();
  return endpoint_;
}

const std::string& CinderClient::microversion() {
  resolve();
  return microversion_;
}

rapidjson::Document CinderClient::call(const std::string& method, const std::string& path,
                                       const std::string& body,
                                       std::initializer_list<long> expected, long* status) {
  resolve();
  std::vector<std::string> headers{"Accept: application/json",
                                   "OpenStack-API-Version: volume " + microversion_};
  if (!body.empty()) headers.push_back("Content-Type: application/json");
  identity_.token();  // Keystone's own failures surface as they are, not as Cinder's
  common::HttpResponse r;
  try {
    r = request_with_token(identity_, http_, method, endpoint_ + path, headers, body);
  } catch (const common::HttpTransportError& e) {
    throw CinderError(0, std::string("Cinder is unreachable: ") + e.what());
  }
  if (status) *status = r.status;
  for (long ok : expected)
    if (r.status == ok) {
      rapidjson::Document doc;
      if (!r.body.empty() && !common::parse_json(r.body, doc)) doc.SetObject();
      if (!doc.IsObject()) doc.SetObject();
      return doc;
    }
  throw CinderError(r.status, method + " " + path + ": HTTP " + std::to_string(r.status) + ": " +
                                  error_message(r));
}

std::string CinderClient::volume_status(const std::string& volume_id) {
  auto doc = call("GET", "/volumes/" + volume_id, "", {200});
  return doc.HasMember("volume") ? string_member_or_empty(doc["volume"], "status") : "";
}

std::optional<CinderVolume> CinderClient::volume(const std::string& volume_id) {
  long status = 0;
  auto doc = call("GET", "/volumes/" + volume_id, "", {200, 404}, &status);
  if (status == 404 || !doc.HasMember("volume")) return std::nullopt;
  return volume_from(doc["volume"]);
}

std::vector<CinderBackup> CinderClient::backups_changed(std::size_t limit,
                                                        const std::string& marker) {
  return records<CinderBackup>(
      call("GET", "/backups/detail" + changed_first(limit, marker), "", {200}), "backups",
      backup_from);
}

std::vector<CinderVolume> CinderClient::volumes_changed(std::size_t limit,
                                                        const std::string& marker) {
  return records<CinderVolume>(
      call("GET", "/volumes/detail" + changed_first(limit, marker), "", {200}), "volumes",
      volume_from);
}

std::vector<CinderBackup> CinderClient::backups_of(const std::string& volume_id) {
  std::vector<CinderBackup> out;
  std::string marker;
  while (true) {
    auto doc = call("GET",
                    "/backups/detail?volume_id=" + volume_id +
                        "&sort_key=created_at&sort_dir=asc&limit=500" +
                        (marker.empty() ? "" : "&marker=" + marker),
                    "", {200});
    std::size_t count = 0;
    if (doc.HasMember("backups") && doc["backups"].IsArray())
      for (const auto& b : doc["backups"].GetArray()) {
        out.push_back(backup_from(b));
        ++count;
      }
    if (count < 500) break;
    marker = out.back().id;
  }
  return out;
}

std::optional<CinderBackup> CinderClient::backup(const std::string& backup_id) {
  long status = 0;
  auto doc = call("GET", "/backups/" + backup_id, "", {200, 404}, &status);
  if (status == 404 || !doc.HasMember("backup")) return std::nullopt;
  return backup_from(doc["backup"]);
}

std::string CinderClient::create_backup(const BackupRequest& r) {
  resolve();
  auto doc = call("POST", "/backups", cinder_backup_body(r, microversion_), {202, 200});
  std::string id = doc.HasMember("backup") ? string_member_or_empty(doc["backup"], "id") : "";
  if (id.empty()) throw CinderError(202, "Cinder accepted the backup but gave no id");
  return id;
}

void CinderClient::delete_backup(const std::string& backup_id) {
  call("DELETE", "/backups/" + backup_id, "", {202, 204, 404});
}

std::string CinderClient::restore(const std::string& backup_id, const std::string& volume_id,
                                  const std::string& new_volume_name) {
  auto doc = call("POST", "/backups/" + backup_id + "/restore",
                  cinder_restore_body(volume_id, new_volume_name), {202, 200});
  std::string restored =
      doc.HasMember("restore") ? string_member_or_empty(doc["restore"], "volume_id") : "";
  return restored.empty() ? volume_id : restored;
}

std::string CinderClient::create_snapshot(const std::string& volume_id, const std::string& name) {
  auto doc = call("POST", "/snapshots", cinder_snapshot_body(volume_id, name), {202, 200});
  std::string id = doc.HasMember("snapshot") ? string_member_or_empty(doc["snapshot"], "id") : "";
  if (id.empty()) throw CinderError(202, "Cinder accepted the snapshot but gave no id");
  return id;
}

std::optional<std::string> CinderClient::snapshot_status(const std::string& snapshot_id) {
  long status = 0;
  auto doc = call("GET", "/snapshots/" + snapshot_id, "", {200, 404}, &status);
  if (status == 404 || !doc.HasMember("snapshot")) return std::nullopt;
  return string_member_or_empty(doc["snapshot"], "status");
}

void CinderClient::delete_snapshot(const std::string& snapshot_id) {
  call("DELETE", "/snapshots/" + snapshot_id, "", {202, 204, 404});
}

}  // namespace freezer::scheduler
