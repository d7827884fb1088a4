#include "common/option_catalog.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace freezer::common {
namespace {

const char* kind_label(OptionKind kind) {
  switch (kind) {
    case OptionKind::string:
      return "string value";
    case OptionKind::integer:
      return "integer value";
    case OptionKind::boolean:
      return "boolean value";
    case OptionKind::list:
      return "list value";
  }
  return "value";
}

// Help text wrapped to 70 columns behind "# ", as oslo-config-generator writes it.
void append_comment(std::string& out, const std::string& text) {
  constexpr std::size_t kWidth = 70;
  std::string line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && line.size() + 1 + word.size() > kWidth) {
      out += "# " + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += "# " + line + "\n";
}

}  // namespace

OptionCatalog::OptionCatalog(std::string program, std::vector<OptionDecl> options)
    : program_(std::move(program)), options_(std::move(options)) {
  for (const auto& o : options_)
    if ((o.kind == OptionKind::integer || o.kind == OptionKind::boolean) && o.default_value.empty())
      throw std::logic_error("option [" + o.group + "] " + o.name + " needs a default");
}

const OptionDecl& OptionCatalog::find(std::string_view group, std::string_view name,
                                      OptionKind kind) const {
  for (const auto& o : options_)
    if (o.group == group && o.name == name) {
      if (o.kind != kind)
        throw std::logic_error("option [" + o.group + "] " + o.name + " read as another kind");
      return o;
    }
  throw std::logic_error("option [" + std::string(group) + "] " + std::string(name) +
                         " is read but not declared in the " + program_ + " option catalog");
}

std::optional<std::string> OptionCatalog::configured(const Config& config, std::string_view section,
                                                     const OptionDecl& decl) {
  if (auto v = config.get(section, decl.name)) return v;
  for (const auto& [group, name] : decl.deprecated_names)
    if (auto v = config.get(group == decl.group ? std::string(section) : group, name)) return v;
  return std::nullopt;
}

Config OptionCatalog::one_option(const Config& config, std::string_view section,
                                 std::string_view name, std::string_view declared_in,
                                 OptionKind kind) const {
  const auto& decl = find(declared_in.empty() ? section : declared_in, name, kind);
  Config one;
  one.set(section, name, configured(config, section, decl).value_or(decl.default_value));
  return one;
}

std::string OptionCatalog::get_string(const Config& config, std::string_view section,
                                      std::string_view name, std::string_view declared_in) const {
  return one_option(config, section, name, declared_in, OptionKind::string)
      .get_string(section, name, "");
}

long OptionCatalog::get_int(const Config& config, std::string_view section, std::string_view name,
                            std::string_view declared_in) const {
  return one_option(config, section, name, declared_in, OptionKind::integer)
      .get_int(section, name, 0);
}

bool OptionCatalog::get_bool(const Config& config, std::string_view section, std::string_view name,
                             std::string_view declared_in) const {
  return one_option(config, section, name, declared_in, OptionKind::boolean)
      .get_bool(section, name, false);
}

std::vector<std::string> OptionCatalog::get_list(const Config& config, std::string_view section,
                                                 std::string_view name,
                                                 std::string_view declared_in) const {
  return one_option(config, section, name, declared_in, OptionKind::list)
      .get_list(section, name, {});
}

std::string render_config_sample(const std::string& program,
                                 const std::vector<OptionDecl>& options) {
  std::vector<std::string> groups{"DEFAULT"};
  for (const auto& o : options)
    if (std::find(groups.begin(), groups.end(), o.group) == groups.end()) groups.push_back(o.group);
  std::string out;
  for (const auto& group : groups) {
    out += (out.empty() ? "" : "\n") + ("[" + group + "]\n");
    bool first = true;
    for (const auto& o : options) {
      if (o.group != group) continue;
      if (first) out += "\n#\n# From " + program + "\n#\n";
      first = false;
      out += "\n";
      append_comment(out, o.help + " (" + kind_label(o.kind) + ")");
      for (const auto& [dg, dn] : o.deprecated_names)
        out += "# Deprecated name: [" + dg + "] " + dn + "\n";
      out += "#" + o.name + " = " + (o.default_value.empty() ? "<None>" : o.default_value) + "\n";
    }
  }
  return out;
}

}  // namespace freezer::common
