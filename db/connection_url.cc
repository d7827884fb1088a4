#include "db/connection_url.h"

#include <charconv>
#include <stdexcept>

namespace freezer::db {
namespace {

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int value = 0;
      auto [p, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16);
      if (ec == std::errc() && p == s.data() + i + 3) {
        out += static_cast<char>(value);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

}  // namespace

ConnectionUrl parse_connection_url(std::string_view url) {
  ConnectionUrl out;
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos)
    throw std::invalid_argument("database connection '" + std::string(url) +
                                "' is not a URL like sqlite:////path/freezer.db");
  std::string_view scheme = url.substr(0, scheme_end);
  std::string_view rest = url.substr(scheme_end + 3);
  auto plus = scheme.find('+');
  out.dialect = std::string(scheme.substr(0, plus));
  if (plus != std::string_view::npos) out.driver = std::string(scheme.substr(plus + 1));

  auto qmark = rest.find('?');
  if (qmark != std::string_view::npos) {
    std::string_view query = rest.substr(qmark + 1);
    rest = rest.substr(0, qmark);
    while (!query.empty()) {
      auto amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      auto eq = pair.find('=');
      if (!pair.empty())
        out.query[percent_decode(pair.substr(0, eq))] =
            eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }

  if (out.dialect == "sqlite") {
    // sqlite:///relative and sqlite:////absolute: the host part is empty.
    if (rest.empty()) return out;
    if (rest.front() != '/')
      throw std::invalid_argument("sqlite URL must look like sqlite:////abs/path.db");
    out.database = percent_decode(rest.substr(1));
    return out;
  }
  if (out.dialect != "mysql")
    throw std::invalid_argument("unsupported database dialect '" + out.dialect +
                                "' (supported: sqlite, mysql)");

  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) out.database = percent_decode(rest.substr(slash + 1));
  auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    auto colon = userinfo.find(':');
    out.username = percent_decode(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) out.password = percent_decode(userinfo.substr(colon + 1));
  }
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
    if (ec != std::errc() || p != port.data() + port.size() || out.port <= 0 || out.port > 65535)
      throw std::invalid_argument("invalid port '" + std::string(port) + "' in database URL");
    authority = authority.substr(0, colon);
  }
  if (authority.size() > 1 && authority.front() == '[' && authority.back() == ']')
    authority = authority.substr(1, authority.size() - 2);
  out.host = percent_decode(authority);
  if (out.database.empty())
    throw std::invalid_argument("mysql URL must name a database: mysql+pymysql://u:p@host/db");
  return out;
}

}  // namespace freezer::db
