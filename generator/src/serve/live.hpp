#pragma once
#include <diag/diagnostic.hpp>

#include <string>
#include <vector>

/// What `serve` adds to the pages it serves, and never to `build` output: the reload
/// script and, after a failed build, the error overlay.
namespace tsu::serve {

/// URL path below which serve answers itself (events, script); never a site file.
inline constexpr const char* own_prefix = "__tsutawaru/";

/// The reload script, served at /__tsutawaru/live.js.
const std::string& live_script();

/// The <script> element injected before </head>.
const std::string& live_script_tag();

/// The overlay injected at the top of <body> after a failed build: each diagnostic as
/// the command line prints it (file:line:col, message, the source line and a caret).
std::string error_overlay(const std::vector<diag::Diagnostic>& diags);

/// The 404 page.
std::string not_found_page(const std::string& path);

}  // namespace tsu::serve
