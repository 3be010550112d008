#pragma once
#include <ctime>
#include <string>
#include <string_view>

/// The HTTP rules of `tsutawaru serve`, kept apart from the server so each is unit-tested:
/// which site file a request target names, content types, validators and the snippets
/// injected into served pages.
namespace tsu::serve {

/// What a request target names: a file path below the site root ("goal-1/index.html"),
/// or a refusal (status 400) with the reason.
struct Target {
  int status = 200;
  std::string path;    ///< below the site root, '/'-separated, never with "." or ".." parts
  std::string reason;  ///< why it was refused
  bool directory = false;  ///< the target ended in '/' (path then ends in index.html)
};

/// Resolves a raw request target ("/goal-1/?x=1"). The site is served from memory, so
/// nothing can be read outside it; still, targets that try are refused outright rather
/// than cleaned up: ".." or "." parts (also percent-encoded), encoded slashes (%2F),
/// backslashes (raw or %5C), NUL and other control bytes, malformed escapes and bytes that
/// are not UTF-8.
Target resolve_target(std::string_view target);

/// Content-Type for a site file, by its name; text types carry their charset
/// ("read.sjis.txt" is Shift_JIS, the other text files UTF-8).
std::string content_type(std::string_view path);

/// A strong entity tag for bytes: a quoted hash.
std::string etag(std::string_view bytes);

/// An HTTP-date (RFC 9110 IMF-fixdate) and back; parse gives -1 for anything else.
std::string http_date(std::time_t t);
std::time_t parse_http_date(std::string_view s);

/// Whether a request with these validators may be answered 304 Not Modified. If-None-Match
/// wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).
bool not_modified(std::string_view if_none_match, std::string_view if_modified_since,
                  std::string_view etag, std::time_t last_modified);

/// Inserts head_html just before </head> and body_html just after the <body …> start tag.
/// Pages without them get the snippets at the end and the start.
std::string inject(std::string_view html, std::string_view head_html, std::string_view body_html);

/// Escapes text for HTML element content.
std::string escape(std::string_view text);

}  // namespace tsu::serve
