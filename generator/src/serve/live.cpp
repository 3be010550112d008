#include <serve/http.hpp>
#include <serve/live.hpp>

namespace tsu::serve {

const std::string& live_script() {
  // Reloads when this page, a stylesheet, a script or an image changed, or when the build
  // broke or was fixed ('*'). A server that restarted (new version on reconnect) reloads
  // too. Written as plain ES5 so any browser an editor has runs it.
  static const std::string js = R"JS((function () {
  'use strict';
  if (!window.EventSource) return;
  var seen = null;
  function current() {
    var p = decodeURIComponent(location.pathname).replace(/^\//, '');
    if (p === '' || p.charAt(p.length - 1) === '/') p += 'index.html';
    return p;
  }
  function touches(changed) {
    var page = current();
    for (var i = 0; i < changed.length; i++) {
      var p = changed[i];
      if (p === '*' || p === page || /\.(css|js|png|jpe?g|gif|svg|webp|woff2?)$/.test(p)) return true;
    }
    return false;
  }
  var events = new EventSource('/__tsutawaru/events');
  events.addEventListener('hello', function (e) {
    var d = JSON.parse(e.data);
    if (seen !== null && d.version !== seen) location.reload();
    seen = d.version;
  });
  events.addEventListener('reload', function (e) {
    var d = JSON.parse(e.data);
    seen = d.version;
    if (touches(d.changed)) location.reload();
  });
})();
)JS";
  return js;
}

const std::string& live_script_tag() {
  static const std::string tag = "<script src=\"/__tsutawaru/live.js\" defer=\"defer\"></script>";
  return tag;
}

std::string error_overlay(const std::vector<diag::Diagnostic>& diags) {
  int errors = 0;
  std::string items;
  for (const auto& d : diags) {
    if (d.severity == diag::Severity::Error) ++errors;
    items += escape(diag::format(d));
  }
  return "<div id=\"tsutawaru-errors\" role=\"alert\" style=\"all:initial;display:block;box-sizing:border-box;"
         "margin:0;padding:1rem;background:#fff;color:#000;border:0.4rem solid #b00020;"
         "font:1rem/1.5 sans-serif;\">"
         "<p style=\"margin:0 0 0.5rem;font-weight:bold;color:#b00020;\">ビルドに失敗しました (build failed: " +
         std::to_string(errors) + (errors == 1 ? " error" : " errors") +
         ")</p><p style=\"margin:0 0 0.5rem;\">下は最後に成功したときのページです。ファイルを直して保存すると、"
         "このページは自動で読み込み直されます。 (Below is the last good build. Fix the file and save: this page "
         "reloads by itself.)</p><pre style=\"margin:0;white-space:pre-wrap;font:0.95rem/1.4 monospace;\">" +
         items + "</pre></div>";
}

std::string not_found_page(const std::string& path) {
  return "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"/>"
         "<title>404 ページが見つかりません</title></head><body><main><h1>404 ページが見つかりません</h1>"
         "<p><code>/" + escape(path) + "</code> はこのサイトにありません。(No such page in the site.)</p>"
         "<p><a href=\"/\">トップページへ</a></p></main></body></html>\n";
}

}  // namespace tsu::serve
