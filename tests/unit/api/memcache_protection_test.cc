// keystonemiddleware's memcache_security_strategy format. The expected keys and values were
// written by keystonemiddleware 10.1.0's own _memcache_crypt (Debian's
// python3-keystonemiddleware), so that API instances of both kinds can share a memcached.
#include "freezer_api/auth/memcache_protection.h"

#include <gtest/gtest.h>

#include "common/config.h"
#include "freezer_api/auth/memcached_token_store.h"

namespace freezer::api {
namespace {

constexpr const char* kToken = "gAAAAABtoken-123";
constexpr const char* kData = R"({"token": {"x": 1}})";

TEST(MemcacheProtection, WithoutAStrategyTheKeyIsTheTokensSha256AndTheValueTheData) {
  MemcacheProtection none(MemcacheStrategy::kNone, "");
  auto entry = none.entry_for(kToken);
  EXPECT_EQ(entry.cache_key,
            "tokens/f1162ddecc1b42cb191c4be978fc682876d3e1156a4c79a1f77c74ba5d1997c9");
  EXPECT_EQ(none.protect(entry, kData), kData);
  EXPECT_EQ(none.unprotect(entry, kData), kData);
}

TEST(MemcacheProtection, MacEntriesAreThoseKeystonemiddlewareWrites) {
  MemcacheProtection mac(MemcacheStrategy::kMac, "sekrit");
  auto entry = mac.entry_for(kToken);
  EXPECT_EQ(entry.cache_key, "tokens/ItIp2RfZ8S4qRhpTSIIBiA==");
  const std::string python =
      "R3dQU4fLF2KXvzXRW9DwQO60IfE9FUonoOidfMZTRVpWt3BjtFm0VpDCVh4s5KwaeyJ0b2tlbiI6IHsieCI6IDF9fQ"
      "==";
  EXPECT_EQ(mac.protect(entry, kData), python);
  EXPECT_EQ(mac.unprotect(entry, python), kData);
}

TEST(MemcacheProtection, EncryptedEntriesOfKeystonemiddlewareAreRead) {
  MemcacheProtection encrypt(MemcacheStrategy::kEncrypt, "sekrit");
  auto entry = encrypt.entry_for(kToken);
  EXPECT_EQ(entry.cache_key, "tokens/i0Y83dxZtM/R6XbqWdE5iw==");
  const std::string python =
      "UsCIsBUU1MrTgE0FYZOHXvsDUUvkMUISvQMqFW6YzsL09k6fXuq3LGXNm1PDWVQPD0fOwOsexqoXyEluYED3u9kM03"
      "QquVwQrts1wDueM56fX4+o+SmF0HF7u1MxYty0";
  EXPECT_EQ(encrypt.unprotect(entry, python), kData);
}

TEST(MemcacheProtection, EncryptedValuesDoNotHoldTheDataAndRoundTrip) {
  MemcacheProtection encrypt(MemcacheStrategy::kEncrypt, "sekrit");
  auto entry = encrypt.entry_for(kToken);
  auto first = encrypt.protect(entry, kData);
  auto second = encrypt.protect(entry, kData);
  EXPECT_NE(first, second) << "a fresh IV each time";
  EXPECT_EQ(first.find("token"), std::string::npos);
  EXPECT_EQ(encrypt.unprotect(entry, first), kData);
  EXPECT_EQ(encrypt.unprotect(entry, second), kData);
}

TEST(MemcacheProtection, TamperedOrForeignEntriesCountAsAbsent) {
  MemcacheProtection mac(MemcacheStrategy::kMac, "sekrit");
  auto entry = mac.entry_for(kToken);
  auto value = mac.protect(entry, kData);
  auto tampered = value;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(mac.unprotect(entry, tampered));
  EXPECT_FALSE(mac.unprotect(entry, "short"));
  EXPECT_FALSE(mac.unprotect(entry, kData)) << "an unprotected value";
  MemcacheProtection other(MemcacheStrategy::kMac, "another secret");
  EXPECT_NE(other.entry_for(kToken).cache_key, entry.cache_key);
  EXPECT_FALSE(other.unprotect(other.entry_for(kToken), value)) << "keys of another secret";
  MemcacheProtection encrypt(MemcacheStrategy::kEncrypt, "sekrit");
  EXPECT_FALSE(encrypt.unprotect(encrypt.entry_for(kToken), value)) << "a MAC entry";
}

TEST(MemcacheProtection, StrategiesAreNamedAsKeystonemiddlewareNamesThem) {
  EXPECT_EQ(memcache_strategy_named("MAC"), MemcacheStrategy::kMac);
  EXPECT_EQ(memcache_strategy_named("encrypt"), MemcacheStrategy::kEncrypt);
  EXPECT_EQ(memcache_strategy_named(""), MemcacheStrategy::kNone);
  EXPECT_EQ(memcache_strategy_named("None"), MemcacheStrategy::kNone);
  EXPECT_FALSE(memcache_strategy_named("AES"));
}

TEST(MemcachedServers, TheSpellingsDeploymentToolsWriteAreRead) {
  auto check = [](const char* entry, const char* host, int port) {
    auto server = parse_memcached_server(entry);
    EXPECT_EQ(server.host, host) << entry;
    EXPECT_EQ(server.port, port) << entry;
  };
  check("127.0.0.1:11211", "127.0.0.1", 11211);
  check("memcached.openstack.svc.cluster.local:11211", "memcached.openstack.svc.cluster.local",
        11211);
  check("controller", "controller", 11211);
  check("inet6:[fd00::10]:11211", "fd00::10", 11211);
  check("[::1]:21211", "::1", 21211);
  check("inet:10.0.0.5:11212", "10.0.0.5", 11212);
  check("unix:/run/memcached/memcached.sock", "/run/memcached/memcached.sock", 0);
  for (const char* bad : {"host:", "host:port", "host:70000", "::1:11211", "[::1", "inet6:", ""})
    EXPECT_THROW(parse_memcached_server(bad), common::ConfigError) << bad;
}

}  // namespace
}  // namespace freezer::api
