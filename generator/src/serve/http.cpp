#include <serve/http.hpp>

#include <cache/cache.hpp>
#include <text/unicode.hpp>

#include <array>
#include <cstdio>
#include <vector>

namespace tsu::serve {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Target refuse(std::string reason) { return {400, {}, std::move(reason), false}; }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Target resolve_target(std::string_view target) {
  auto end = target.find_first_of("?#");
  auto raw = target.substr(0, end);
  if (raw.empty() || raw.front() != '/') return refuse("the target must start with '/'");

  // Decode segment by segment, so an encoded slash cannot make a new segment.
  std::vector<std::string> parts;
  std::string part;
  auto finish = [&]() -> bool {
    if (part == "." || part == "..") return false;
    if (!part.empty()) parts.push_back(part);
    part.clear();
    return true;
  };
  for (std::size_t i = 1; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '/') {
      if (!finish()) return refuse("'.' and '..' are not allowed in paths");
      continue;
    }
    if (c == '%') {
      if (i + 2 >= raw.size()) return refuse("a '%' escape is cut short");
      int hi = hex_value(raw[i + 1]), lo = hex_value(raw[i + 2]);
      if (hi < 0 || lo < 0) return refuse("a '%' escape is not two hex digits");
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
      if (c == '/') return refuse("encoded slashes (%2F) are not allowed in paths");
    }
    if (c == '\\') return refuse("backslashes are not allowed in paths");
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return refuse("control characters are not allowed in paths");
    part += c;
  }
  bool directory = raw.back() == '/' || raw.size() == 1;
  if (!finish()) return refuse("'.' and '..' are not allowed in paths");

  std::string path;
  for (const auto& p : parts) path += (path.empty() ? "" : "/") + p;
  if (text::find_invalid_utf8(path)) return refuse("the path is not UTF-8");
  if (directory) path += path.empty() ? "index.html" : "/index.html";
  return {200, path, {}, directory};
}

std::string content_type(std::string_view path) {
  struct Row {
    const char* suffix;
    const char* type;
  };
  // Longest suffixes first: read.sjis.txt before .txt.
  static const std::array<Row, 22> table{{
      {".sjis.txt", "text/plain; charset=Shift_JIS"},
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".ssml", "application/ssml+xml; charset=utf-8"},
      {".xml", "application/xml; charset=utf-8"},
      {".json", "application/json"},
      {".epub", "application/epub+zip"},
      {".pdf", "application/pdf"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/vnd.microsoft.icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".csv", "text/csv; charset=utf-8"},
      {".toml", "text/plain; charset=utf-8"},
  }};
  for (const auto& row : table)
    if (ends_with(path, row.suffix)) return row.type;
  return "application/octet-stream";
}

std::string etag(std::string_view bytes) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(cache::Hasher().add(bytes).value()));
  return buf;
}

std::string http_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
                months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::time_t parse_http_date(std::string_view s) {
  static const char* months = "JanFebMarAprMayJunJulAugSepOctNovDec";
  char wday[4] = {}, mon[4] = {};
  int day = 0, year = 0, h = 0, m = 0, sec = 0;
  std::string str(s);
  char tail = 0;
  if (std::sscanf(str.c_str(), "%3[A-Za-z], %d %3s %d %d:%d:%d GMT%c", wday, &day, mon, &year, &h, &m, &sec, &tail) != 7)
    return -1;
  std::string_view ms(months);
  auto at = ms.find(mon);
  if (at == std::string_view::npos || at % 3 != 0 || std::string_view(wday).size() != 3 || std::string_view(mon).size() != 3)
    return -1;
  std::tm tm{};
  tm.tm_mday = day;
  tm.tm_mon = static_cast<int>(at / 3);
  tm.tm_year = year - 1900;
  tm.tm_hour = h;
  tm.tm_min = m;
  tm.tm_sec = sec;
  return timegm(&tm);
}

bool not_modified(std::string_view if_none_match, std::string_view if_modified_since,
                  std::string_view tag, std::time_t last_modified) {
  if (!if_none_match.empty()) {
    // A list of entity tags, or "*"; weak tags compare weakly for GET (RFC 9110 §13.1.2).
    std::size_t pos = 0;
    while (pos < if_none_match.size()) {
      auto comma = if_none_match.find(',', pos);
      auto item = if_none_match.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (item.substr(0, 2) == "W/") item.remove_prefix(2);
      if (item == "*" || item == tag) return true;
      if (comma == std::string_view::npos) break;
      pos = comma + 1;
    }
    return false;
  }
  if (!if_modified_since.empty()) {
    auto since = parse_http_date(if_modified_since);
    return since >= 0 && last_modified <= since;
  }
  return false;
}

std::string inject(std::string_view html, std::string_view head_html, std::string_view body_html) {
  std::string out(html);
  if (!body_html.empty()) {
    auto body = out.find("<body");
    auto close = body == std::string::npos ? std::string::npos : out.find('>', body);
    if (close == std::string::npos) out.insert(0, body_html);
    else out.insert(close + 1, body_html);
  }
  if (!head_html.empty()) {
    auto head = out.find("</head>");
    if (head == std::string::npos) out.append(head_html);
    else out.insert(head, head_html);
  }
  return out;
}

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace tsu::serve
