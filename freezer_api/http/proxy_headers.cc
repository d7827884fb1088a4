#include "freezer_api/http/proxy_headers.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "freezer_api/http/text.h"

namespace freezer::api {
namespace {

// A scheme, host or prefix that can go into a link as it is.
bool is_link_safe(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("-._~:[]/%").find(c) != std::string_view::npos;
  });
}

struct Forwarded {
  std::optional<std::string> proto;
  std::optional<std::string> host;
};

// The first element of a Forwarded header (the proxy nearest the client):
// `for=192.0.2.1;proto=https;host="api.example.org"`, elements separated by commas.
Forwarded first_forwarded_element(std::string_view header) {
  Forwarded out;
  auto element = header.substr(0, header.find(','));
  while (!element.empty()) {
    auto end = element.find(';');
    auto pair = http::trim_whitespace(element.substr(0, end));
    element = end == std::string_view::npos ? std::string_view() : element.substr(end + 1);
    auto equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    auto name = http::to_lower(http::trim_whitespace(pair.substr(0, equals)));
    auto value = http::trim_whitespace(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (name == "proto") out.proto = http::to_lower(value);
    if (name == "host") out.host = std::string(value);
  }
  return out;
}

}  // namespace

void apply_proxy_headers(http::Request& request) {
  std::optional<std::string> proto;
  std::optional<std::string> host;
  if (auto forwarded = request.headers.get("forwarded")) {
    auto element = first_forwarded_element(*forwarded);
    proto = element.proto;
    host = element.host;
  } else {
    if (auto value = request.headers.get("x-forwarded-proto"))
      proto = http::to_lower(http::trim_whitespace(value->substr(0, value->find(','))));
    if (auto value = request.headers.get("x-forwarded-host"))
      host = std::string(http::trim_whitespace(value->substr(0, value->find(','))));
  }
  if (proto && (*proto == "http" || *proto == "https")) request.scheme = *proto;
  if (host && !host->empty() && is_link_safe(*host)) request.host = *host;
  if (auto prefix = request.headers.get("x-forwarded-prefix")) {
    std::string value(http::trim_whitespace(*prefix));
    while (!value.empty() && value.back() == '/') value.pop_back();
    if (is_link_safe(value) && (value.empty() || value.front() == '/')) request.script_name = value;
  }
}

}  // namespace freezer::api
