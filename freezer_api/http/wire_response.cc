#include "freezer_api/http/wire_response.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>

#include "freezer_api/http/text.h"

namespace freezer::api::http {
namespace {

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 300:
      return "Multiple Choices";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Request Entity Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 417:
      return "Expectation Failed";
    case 422:
      return "Unprocessable Entity";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    case 753:
      return "Malformed JSON";
    default:
      return "Unknown";
  }
}

// The IMF-fixdate of now, formatted once per second per thread.
std::string_view http_date() {
  thread_local std::time_t cached_second = 0;
  thread_local char text[40] = {};
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != cached_second) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    cached_second = now;
  }
  return text;
}

bool contains_token(std::string_view value, std::string_view token) {
  return to_lower(value).find(token) != std::string::npos;
}

}  // namespace

bool client_wants_close(const Request& request) {
  auto connection = request.headers.get("connection");
  if (!connection) return !request.http11;
  if (contains_token(*connection, "close")) return true;
  return !request.http11 && !contains_token(*connection, "keep-alive");
}

std::string serialize_response(const Response& response, bool head_request, bool close) {
  std::string out;
  const bool has_body = !head_request && !response.body.empty();
  out.reserve(160 + response.body.size());
  out += "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  out += reason_phrase(response.status);
  out += "\r\n";
  for (const auto& [name, value] : response.headers) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (!response.content_type.empty()) {
    out += "Content-Type: ";
    out += response.content_type;
    out += "\r\n";
  }
  // A 204 carries no Content-Length (RFC 9110 8.6).
  if (response.status != 204) {
    out += "Content-Length: ";
    out += std::to_string(response.body.size());
    out += "\r\n";
  }
  out += close ? "Connection: close\r\nDate: " : "Connection: keep-alive\r\nDate: ";
  out += http_date();
  out += "\r\n\r\n";
  if (has_body) out += response.body;
  return out;
}

Response protocol_error_response(const ProtocolError& error) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("title");
  writer.String(error.title.c_str(), static_cast<rapidjson::SizeType>(error.title.size()));
  writer.Key("description");
  writer.String(error.description.c_str(),
                static_cast<rapidjson::SizeType>(error.description.size()));
  writer.EndObject();
  return Response::json(error.status, std::string(buffer.GetString(), buffer.GetSize()));
}

}  // namespace freezer::api::http
