// What the freezer-agent is given: its INI file (read by Python's configparser) and its
// environment.
#include "freezer_scheduler/run/agent_config.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "freezer_scheduler/job/capability_check.h"

namespace freezer::scheduler {
namespace {

rapidjson::Document action_json(const char* text) {
  rapidjson::Document d;
  d.Parse(text);
  return d;
}

TEST(AgentConfig, WritesValuesAsPythonPrintsThem) {
  auto action =
      action_json(R"({"action": "backup", "mode": "fs", "incremental": true, "dry_run": false,
                         "max_level": 3, "ratio": 1.5, "path_to_backup": "/srv/data",
                         "log_file": null, "exclude": ["*.tmp", 2], "extra": {"k": "v"}})");
  EXPECT_EQ(agent_config_ini(action, ""),
            "[action]\n"
            "action = backup\n"
            "mode = fs\n"
            "incremental = True\n"
            "dry_run = False\n"
            "max_level = 3\n"
            "ratio = 1.5\n"
            "path_to_backup = /srv/data\n"
            "exclude = ['*.tmp', 2]\n"
            "extra = {'k': 'v'}\n");
}

TEST(AgentConfig, PercentSignsAndNewLinesSurviveConfigparser) {
  auto action = action_json(R"({"lvm_snapsize": "80%FREE", "command": "echo one\necho two"})");
  EXPECT_EQ(agent_config_ini(action, ""),
            "[action]\nlvm_snapsize = 80%%FREE\ncommand = echo one\n\techo two\n");
}

TEST(AgentConfig, KeysThatCannotBeWrittenAreSkippedAndNamed) {
  auto action = action_json(R"({"good": 1, "a=b": 2, "[section]": 3, "x:y": 4, "": 5})");
  std::vector<std::string> skipped;
  EXPECT_EQ(agent_config_ini(action, "", &skipped), "[action]\ngood = 1\n");
  EXPECT_EQ(skipped.size(), 4u);
}

TEST(AgentConfig, ATrustIsPassedAsOsTrustId) {
  auto action = action_json(R"({"action": "backup", "os_trust_id": "forged"})");
  EXPECT_EQ(agent_config_ini(action, "t-123"), "[action]\naction = backup\nos_trust_id = t-123\n");
}

bool has(const std::vector<std::string>& env, const std::string& entry) {
  return std::find(env.begin(), env.end(), entry) != env.end();
}

TEST(AgentEnvironment, ExportsTheServiceCredentialsOverTheSchedulersOwn) {
  SchedulerOptions o;
  o.auth.credentials.username = "freezer";
  o.auth.credentials.password = "pw";
  o.auth.credentials.project_name = "service";
  o.auth.auth_url = "http://ks/v3";
  o.auth.interface = "internal";
  auto env = agent_environment({"PATH=/usr/bin", "OS_USERNAME=someone-else", "HOME=/root"}, o, "");
  EXPECT_TRUE(has(env, "PATH=/usr/bin"));
  EXPECT_TRUE(has(env, "OS_USERNAME=freezer"));
  EXPECT_TRUE(has(env, "OS_PASSWORD=pw"));
  EXPECT_TRUE(has(env, "OS_PROJECT_NAME=service"));
  EXPECT_TRUE(has(env, "OS_AUTH_URL=http://ks/v3"));
  EXPECT_TRUE(has(env, "OS_ENDPOINT_TYPE=internal"));
  EXPECT_FALSE(has(env, "OS_INSECURE=True"));
}

TEST(AgentEnvironment, ATrustReplacesTheProjectScope) {
  SchedulerOptions o;
  o.auth.credentials.username = "freezer";
  o.auth.credentials.project_name = "service";
  o.auth.credentials.project_domain_name = "Default";
  o.insecure = true;
  auto env = agent_environment({"OS_PROJECT_ID=abc"}, o, "t-1");
  EXPECT_TRUE(has(env, "OS_TRUST_ID=t-1"));
  EXPECT_TRUE(has(env, "OS_INSECURE=True"));
  for (const auto& e : env) EXPECT_NE(e.rfind("OS_PROJECT", 0), 0u) << e;
}

JobDocument job_with(const char* freezer_action) {
  auto doc = action_json((std::string(R"({"job_id": "j", "job_actions": [{"freezer_action": )") +
                          freezer_action + "}]}")
                             .c_str());
  return parse_job_document(doc, "own-project");
}

TEST(CapabilityCheck, EveryKeyIsCheckedIncludingBothEngineSpellings) {
  CapabilityOptions c{{"backup"}, {"cindernative"}, {"local"}, {"tar"}};
  EXPECT_EQ(unsupported_capability(job_with(R"({"action": "backup", "mode": "cindernative"})"), c),
            "");
  EXPECT_EQ(unsupported_capability(job_with(R"({"action": "restore"})"), c),
            "action 'restore' is not in [capabilities] supported_actions");
  EXPECT_EQ(unsupported_capability(job_with(R"({"mode": "fs"})"), c),
            "mode 'fs' is not in [capabilities] supported_modes");
  EXPECT_EQ(unsupported_capability(job_with(R"({"storage": "swift"})"), c),
            "storage 'swift' is not in [capabilities] supported_storages");
  EXPECT_EQ(unsupported_capability(job_with(R"({"engine_name": "rsync"})"), c),
            "engine_name 'rsync' is not in [capabilities] supported_engines");
  EXPECT_EQ(unsupported_capability(job_with(R"({"engine": "rsync"})"), c),
            "engine 'rsync' is not in [capabilities] supported_engines");
  EXPECT_EQ(unsupported_capability(job_with(R"({"mode": null, "engine": ""})"), c), "");
}

}  // namespace
}  // namespace freezer::scheduler
