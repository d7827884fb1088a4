#pragma once
// Options declared once as data: group, name, kind, default, help, older spellings, and (for
// the scheduler) the environment variables and command-line flags that also set them. A
// binary reads its configuration through its catalog, so no option is read without being
// declared, each default lives in one place, and the sample configuration file and the
// command line are made from the same table.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/config.h"

namespace freezer::common {

enum class OptionKind { string, integer, boolean, list };

struct OptionDecl {
  std::string group;
  std::string name;
  OptionKind kind = OptionKind::string;
  std::string default_value;  // as written in a config file; "" = unset
  std::string help;
  std::vector<std::pair<std::string, std::string>> deprecated_names = {};  // (group, name)
  std::vector<std::string> env = {};  // the first non-empty variable replaces the default
  std::vector<std::string> cli = {};  // command-line spellings; "!--no-x" sets a boolean false
  // The value names a section read with the layout of another one (keystoneauth's
  // auth_section): that section's options count as used.
  bool names_a_section = false;

  std::string key() const { return group + "." + name; }
};

// An oslo-config-generator style sample: every option, commented out at its default, with its
// help, kind and deprecated names; [DEFAULT] first, then groups in order of appearance.
std::string render_config_sample(const std::string& program,
                                 const std::vector<OptionDecl>& options);

class OptionCatalog {
 public:
  OptionCatalog(std::string program, std::vector<OptionDecl> options);

  const std::vector<OptionDecl>& options() const { return options_; }

  // The value of option `name` in section `section` of `config` (or under a deprecated name),
  // else its declared default. `declared_in` is the group it is declared under when read from a
  // section of another name (a Keystone auth section named by another option). Throws
  // std::logic_error for an undeclared option and ConfigError for a malformed value.
  std::string get_string(const Config& config, std::string_view section, std::string_view name,
                         std::string_view declared_in = {}) const;
  long get_int(const Config& config, std::string_view section, std::string_view name,
               std::string_view declared_in = {}) const;
  bool get_bool(const Config& config, std::string_view section, std::string_view name,
                std::string_view declared_in = {}) const;
  std::vector<std::string> get_list(const Config& config, std::string_view section,
                                    std::string_view name, std::string_view declared_in = {}) const;

  std::string sample() const { return render_config_sample(program_, options_); }

  // The raw configured text of `decl` in `section` of `config`, or under a deprecated
  // spelling; nullopt when neither is set.
  static std::optional<std::string> configured(const Config& config, std::string_view section,
                                               const OptionDecl& decl);

 private:
  const OptionDecl& find(std::string_view group, std::string_view name, OptionKind kind) const;
  // The option's text (configured, else its default) as a one-option Config at (section,
  // name): each kind is then parsed by Config's own rules.
  Config one_option(const Config& config, std::string_view section, std::string_view name,
                    std::string_view declared_in, OptionKind kind) const;

  std::string program_;
  std::vector<OptionDecl> options_;
};

}  // namespace freezer::common
