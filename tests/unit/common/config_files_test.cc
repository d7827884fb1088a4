// Finding configuration files as oslo.config does, and naming what a binary does not use.
#include "common/config_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "common/api_option_catalog.h"
#include "common/service_config.h"

namespace freezer::common {
namespace {

namespace fs = std::filesystem;

class ConfigFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home_ = fs::temp_directory_path() /
            ("config-files-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(home_ / ".freezer");
    if (const char* old = std::getenv("HOME")) old_home_ = old;
    setenv("HOME", home_.c_str(), 1);
  }
  void TearDown() override {
    setenv("HOME", old_home_.c_str(), 1);
    fs::remove_all(home_);
  }
  void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }
  fs::path home_;
  std::string old_home_;
};

TEST_F(ConfigFilesTest, TheFirstOfEachNameInTheSearchPathThenItsDirectory) {
  write(home_ / "freezer.conf", "[DEFAULT]\ndebug = false\n");
  write(home_ / ".freezer" / "freezer.conf", "[DEFAULT]\ndebug = true\n");  // found first
  write(home_ / "freezer-api.conf", "[api]\nmax_limit = 20\n");
  write(home_ / ".freezer" / "freezer-api.conf.d" / "b.conf", "[api]\nmax_limit = 30\n");
  write(home_ / ".freezer" / "freezer-api.conf.d" / "a.conf", "[api]\nmax_limit = 40\n");
  auto files = config_files_to_read({}, {"freezer.conf", "freezer-api.conf"});
  ASSERT_EQ(files.size(), 4U);
  EXPECT_EQ(files[0], (home_ / ".freezer" / "freezer.conf").string());
  EXPECT_EQ(files[1], (home_ / "freezer-api.conf").string());
  EXPECT_EQ(files[2], (home_ / ".freezer" / "freezer-api.conf.d" / "a.conf").string());
  auto config = load_config_files(files);
  EXPECT_EQ(config.get("DEFAULT", "debug"), "true");
  EXPECT_EQ(config.get("api", "max_limit"), "30");  // later files win
}

TEST_F(ConfigFilesTest, GivenFilesAndDirectoriesReplaceTheSearch) {
  write(home_ / "freezer.conf", "[DEFAULT]\ndebug = true\n");
  write(home_ / "mine" / "x.conf", "[api]\nmax_limit = 7\n");
  write(home_ / "mine" / "ignored.txt", "not a conf file");
  auto files = config_files_to_read(
      {{(home_ / "other.conf").string()}, {(home_ / "mine").string()}}, {"freezer.conf"});
  ASSERT_EQ(files.size(), 2U);
  EXPECT_EQ(files[0], (home_ / "other.conf").string());
  EXPECT_EQ(files[1], (home_ / "mine" / "x.conf").string());
  EXPECT_THROW(load_config_files(files), ConfigError);  // other.conf does not exist
  EXPECT_THROW(config_files_to_read({{}, {(home_ / "none").string()}}, {"freezer.conf"}),
               ConfigError);
}

TEST_F(ConfigFilesTest, WhatTheBinaryDoesNotUseIsNamedOnceBySectionOrOption) {
  auto config = Config::parse(
      "[DEFAULT]\ndebug = true\ntransport_url = rabbit://x\nlogfile = /x.log\n"
      "[paste_deploy]\nconfig_file = api-paste.ini\n[oslo_messaging_notifications]\ndriver = "
      "noop\n[keystone_authtoken]\nauth_uri = http://k:5000\nflavor = x\n[trustee]\nusername = "
      "t\n");
  auto undeclared = undeclared_options(config, {&api_option_catalog()}, {"trustee"});
  EXPECT_EQ(undeclared,
            (std::vector<std::string>{"[DEFAULT] transport_url", "[keystone_authtoken] flavor",
                                      "[oslo_messaging_notifications]", "[paste_deploy]"}));
}

TEST_F(ConfigFilesTest, TheSectionAnAuthSectionNamesIsUsedAndOthersAreNot) {
  write(home_ / ".freezer" / "freezer.conf",
        "[centralized_scheduler]\nauth_section = trustee\n[trustee]\nusername = x\n"
        "[elsewhere]\nusername = y\n");
  ServiceCommandLine line;
  auto loaded = load_service_config(line, api_option_catalog(), {"freezer.conf"});
  auto named = [&](const std::string& item) {
    return std::find(loaded.undeclared.begin(), loaded.undeclared.end(), item) !=
           loaded.undeclared.end();
  };
  EXPECT_FALSE(named("[trustee]") || named("[trustee] username"));
  EXPECT_TRUE(named("[elsewhere]") || named("[elsewhere] username"));
}

}  // namespace
}  // namespace freezer::common
