#include "common/credential_cipher.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace freezer::common {
namespace {

class CredentialCipherTest : public ::testing::Test {
 protected:
  std::string path_ = (std::filesystem::temp_directory_path() /
                       ("freezer-cipher-" + std::to_string(::getpid()) + "-" +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                          .string();
  void TearDown() override { std::filesystem::remove(path_); }
};

TEST_F(CredentialCipherTest, SealsAndOpensWithTheNewestKey) {
  EXPECT_EQ(CredentialCipher::add_key(path_), 1);
  CredentialCipher cipher(path_);
  auto sealed = cipher.seal("0123456789abcdef");
  EXPECT_EQ(sealed.method, "aes-256-gcm:v1");
  EXPECT_EQ(sealed.value.find("0123456789abcdef"), std::string::npos);
  EXPECT_NE(cipher.seal("0123456789abcdef").value, sealed.value);  // fresh nonce each time
  EXPECT_EQ(cipher.open(sealed.value, sealed.method), "0123456789abcdef");
  EXPECT_EQ(std::filesystem::status(path_).permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::none);
}

TEST_F(CredentialCipherTest, OldKeysStillOpenAfterRotation) {
  CredentialCipher::add_key(path_);
  CredentialCipher cipher(path_);
  auto old = cipher.seal("trust-1");
  EXPECT_EQ(CredentialCipher::add_key(path_), 2);
  auto fresh = cipher.seal("trust-1");  // the running cipher picks the new key up
  EXPECT_EQ(fresh.method, "aes-256-gcm:v2");
  EXPECT_EQ(cipher.open(old.value, old.method), "trust-1");
  EXPECT_EQ(cipher.open(fresh.value, fresh.method), "trust-1");
}

TEST_F(CredentialCipherTest, TamperingAndUnknownKeysAreRefused) {
  CredentialCipher::add_key(path_);
  CredentialCipher cipher(path_);
  auto sealed = cipher.seal("trust-1");
  std::string tampered = sealed.value;
  tampered[20] = tampered[20] == 'A' ? 'B' : 'A';
  EXPECT_THROW(cipher.open(tampered, sealed.method), CipherError);
  EXPECT_THROW(cipher.open(sealed.value, "aes-256-gcm:v9"), CipherError);
  EXPECT_THROW(cipher.open(sealed.value, "rot13"), CipherError);
}

TEST_F(CredentialCipherTest, NoKeyFileMeansStoredAsIs) {
  CredentialCipher cipher("");
  auto sealed = cipher.seal("trust-1");
  EXPECT_EQ(sealed.method, "none");
  EXPECT_EQ(sealed.value, "trust-1");
  EXPECT_EQ(cipher.open("trust-1", "none"), "trust-1");
  EXPECT_THROW(cipher.open("x", "aes-256-gcm:v1"), CipherError);
  EXPECT_THROW(CredentialCipher("/nonexistent/keys"), CipherError);
}

}  // namespace
}  // namespace freezer::common
