// tsutawaru: the command line. Subcommands are rows of one table; each parses its own
// options. Exit codes: 0 success, 1 content or configuration errors, 2 usage errors.
#include <build/build.hpp>
#include <serve/server.hpp>
#include <config/site_config.hpp>
#include <dom/html.hpp>
#include <ja/kana.hpp>
#include <ja/services.hpp>
#include <passes/passes.hpp>
#include <diag/diagnostic.hpp>
#include <fs/file_system.hpp>

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int exit_ok = 0;
constexpr int exit_content = 1;
constexpr int exit_usage = 2;

constexpr const char* main_help =
    "tsutawaru: publish a city's plan so that everyone can read it\n"
    "\n"
    "usage: tsutawaru <command> [options]\n"
    "       tsutawaru --help | --version\n"
    "\n"
    "commands:\n"
    "  build    build the site from content/ into the output folder (default public/)\n"
    "  check    measure every page for やさしい日本語 and check the easy pages' rules\n"
    "  serve    build the site into memory and preview it at http://127.0.0.1:1313/;\n"
    "           pages rebuild and reload themselves when content, theme or assets change\n"
    "  readings show the furigana the site would give each line of a text, or the words\n"
    "           the dictionary does not know (to add to content/readings.toml)\n"
    "\n"
    "Run 'tsutawaru <command> --help' for a command's options.\n";

constexpr const char* build_help =
    "usage: tsutawaru build [--config FILE] [--out DIR] [--clean] [--jobs N] [--pdf] [--proof] [--verbose]\n"
    "\n"
    "Builds the site described by FILE (default: site.toml in the current folder).\n"
    "Paths in FILE are relative to the folder that holds it.\n"
    "\n"
    "options:\n"
    "  --config FILE  the site configuration (default: site.toml)\n"
    "  --out DIR      write the site to DIR instead of site.toml's output_dir\n"
    "  --clean        remove files in the output folder that tsutawaru did not write\n"
    "                 (without it they are kept and reported)\n"
    "  --jobs N       threads for the per-page work (default: one per core); the\n"
    "                 output is the same for any N\n"
    "  --pdf          also print the print pages to PDF with headless Chromium\n"
    "                 (goal-N/print/goal-N.pdf, print/plan.pdf)\n"
    "  --proof        draw the voice-code slot and the notch on the print pages\n"
    "  --verbose      print how long each stage took\n"
    "  -h, --help     show this help\n"
    "\n"
    "The new site is built aside and swapped in only when the build succeeds: a failed\n"
    "build leaves the previous output exactly as it was.\n";

int usage_error(const std::string& message, const char* help) {
  std::cerr << "tsutawaru: " << message << "\n\n" << help;
  return exit_usage;
}

int cmd_build(const std::vector<std::string_view>& args) {
  tsu::build::Options options;
  bool verbose = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto a = args[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      (void)flag;
      return std::string(args[++i]);
    };
    if (a == "-h" || a == "--help") {
      std::cout << build_help;
      return exit_ok;
    } else if (a == "--config") {
      auto v = value(a);
      if (!v) return usage_error("--config needs a file", build_help);
      options.config = *v;
    } else if (a == "--out") {
      auto v = value(a);
      if (!v) return usage_error("--out needs a folder", build_help);
      options.out = *v;
    } else if (a == "--clean") {
      options.clean = tsu::write::Clean::Remove;
    } else if (a == "--jobs" || a == "-j") {
      auto v = value(a);
      if (!v || v->empty() || v->size() > 4 || v->find_first_not_of("0123456789") != std::string::npos || std::stoi(*v) < 1)
        return usage_error("--jobs needs a number of threads (1 or more)", build_help);
      options.jobs = static_cast<unsigned>(std::stoi(*v));
    } else if (a == "--pdf") {
      options.pdf = true;
    } else if (a == "--proof") {
      options.proof = true;
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else {
      return usage_error("unknown option for build: " + std::string(a), build_help);
    }
  }

  tsu::fs::DiskFileSystem fs;
  auto result = tsu::build::run(fs, options);
  for (const auto& d : result.diags.all()) std::cerr << tsu::diag::format(d);
  if (verbose) {
    auto ms = [](double v) { return static_cast<double>(static_cast<long>(v * 1000)) / 1000.0; };
    for (const auto& t : result.timings) {
      std::cerr << "  " << t.stage << ": " << ms(t.ms) << " ms\n";
      for (const auto& p : result.parts)
        if (p.stage.rfind(t.stage + "/", 0) == 0)
          std::cerr << "    " << p.stage.substr(t.stage.size() + 1) << ": " << ms(p.ms) << " ms\n";
    }
  }
  if (!result.ok) {
    int n = result.diags.error_count();
    std::cerr << "tsutawaru: build failed with " << n << (n == 1 ? " error" : " errors");
    if (!result.out_display.empty()) std::cerr << "; " << result.out_display << " was not changed";
    std::cerr << '\n';
    return exit_content;
  }
  double total = 0;
  for (const auto& t : result.timings) total += t.ms;
  if (result.unchanged) {
    std::cout << "tsutawaru: " << result.out_display << "/ is up to date (" << result.pages << " pages, "
              << result.files << " files): nothing it is built from changed since the last build; checked in "
              << static_cast<long>(total) << " ms\n"
              << "  open " << result.out_display << "/index.html in a browser to read it\n";
    return exit_ok;
  }
  std::cout << "tsutawaru: built " << result.pages << " pages (" << result.files << " files) into "
            << result.out_display << "/ in " << static_cast<long>(total) << " ms\n"
            << "  open " << result.out_display << "/index.html in a browser to read it\n";
  return exit_ok;
}

constexpr const char* readings_help =
    "usage: tsutawaru readings [--config FILE] [--unknown] [FILE|-]\n"
    "\n"
    "For each line of FILE (default: standard input), prints the ruby HTML the site would\n"
    "produce with ruby policy \"all\", using site.toml's [ruby] dictionary and readings.toml.\n"
    "\n"
    "options:\n"
    "  --config FILE  the site configuration (default: site.toml, if present)\n"
    "  --unknown      instead, list the words with kanji that the dictionary does not know,\n"
    "                 or could read another way, and content/readings.toml does not cover,\n"
    "                 as lines to check and paste into it\n";

int cmd_readings(const std::vector<std::string_view>& args) {
  std::optional<std::string> config, input;
  bool unknown = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << readings_help;
      return exit_ok;
    } else if (a == "--config") {
      if (i + 1 >= args.size()) return usage_error("--config needs a file", readings_help);
      config = std::string(args[++i]);
    } else if (a == "--unknown") {
      unknown = true;
    } else if (!input && (a == "-" || a.empty() || a[0] != '-')) {
      input = std::string(a);
    } else {
      return usage_error("unknown option for readings: " + std::string(a), readings_help);
    }
  }
  tsu::fs::DiskFileSystem fs;
  tsu::diag::Diagnostics diags;
  tsu::config::SiteConfig cfg;
  if (config || fs.is_file("site.toml")) {
    auto loaded = tsu::config::load(fs, config.value_or("site.toml"), diags);
    for (const auto& d : diags.all()) std::cerr << tsu::diag::format(d);
    if (!loaded) return exit_content;
    cfg = *loaded;
  }
  cfg.ruby.policy = tsu::config::RubyPolicy::All;
  auto services = tsu::ja::LoadedServices::load(fs, cfg, diags);
  for (const auto& d : diags.all()) std::cerr << tsu::diag::format(d);
  if (!services) return exit_content;
  auto ja = services->view();

  std::ifstream file;
  if (input && *input != "-") {
    file.open(*input);
    if (!file) {
      std::cerr << "tsutawaru: error: cannot read " << *input << '\n';
      return exit_content;
    }
  }
  std::istream& in = input && *input != "-" ? static_cast<std::istream&>(file) : std::cin;

  tsu::content::Site site;
  site.config = cfg;
  tsu::content::Page page;
  page.display = input.value_or("-");
  site.pages.push_back(page);
  std::vector<std::string> seen;
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (unknown) {
      // Words the reading list covers are known; look at the rest with the analyser.
      std::size_t pos = 0, pending = 0;
      std::vector<std::string> parts;
      while (pos < line.size()) {
        if (auto* e = ja.readings ? ja.readings->longest_at(line, pos) : nullptr) {
          parts.push_back(line.substr(pending, pos - pending));
          pos += e->surface.size();
          pending = pos;
        } else {
          ++pos;
        }
      }
      parts.push_back(line.substr(pending));
      for (const auto& part : parts) {
        for (const auto& t : ja.tokenizer->tokenize(part))
          if (t.unknown && tsu::ja::has_kanji(t.surface) &&
              std::find(seen.begin(), seen.end(), t.surface) == seen.end()) {
            seen.push_back(t.surface);
            std::cout << '"' << t.surface << "\" = \"\"  # unknown; line " << line_no << ": " << line << '\n';
          }
        for (const auto& [surface, readings] : ja.tokenizer->alternatives(part)) {
          if (std::find(seen.begin(), seen.end(), surface) != seen.end()) continue;
          seen.push_back(surface);
          std::string choices;
          for (const auto& r : readings) choices += (choices.empty() ? "" : " or ") + r;
          std::cout << '"' << surface << "\" = \"" << readings.front() << "\"  # " << choices
                    << "? line " << line_no << ": " << line << '\n';
        }
      }
      continue;
    }
    tsu::markdown::Document doc;
    auto p = doc.xml->append_child("body").append_child("p");
    tsu::dom::append_text(p, line);
    std::vector<tsu::passes::Heading> toc;
    tsu::passes::Context ctx{site, site.pages[0], doc, toc, diags, &ja};
    tsu::passes::ruby(ctx);
    std::cout << tsu::dom::serialize_children(p) << '\n';
  }
  for (const auto& d : diags.all()) std::cerr << tsu::diag::format(d);
  return diags.has_errors() ? exit_content : exit_ok;
}

constexpr const char* check_help =
    "usage: tsutawaru check [--config FILE] [--strict] [--format text|json]\n"
    "\n"
    "Measures every page (sentences, mean and longest sentence, kanji share, longest kanji\n"
    "run, hard words, jReadability) and prints each standard page beside its やさしい日本語\n"
    "page. Easy pages are checked against site.toml [easy]; each violation is printed as\n"
    "file:line:col: rule: sentence.\n"
    "\n"
    "options:\n"
    "  --config FILE   the site configuration (default: site.toml)\n"
    "  --strict        exit 1 if an easy page breaks a rule\n"
    "  --format json   machine-readable output\n";

int cmd_check(const std::vector<std::string_view>& args) {
  tsu::build::Options options;
  bool strict = false, json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << check_help;
      return exit_ok;
    } else if (a == "--config") {
      if (i + 1 >= args.size()) return usage_error("--config needs a file", check_help);
      options.config = std::string(args[++i]);
    } else if (a == "--strict") {
      strict = true;
    } else if (a == "--format") {
      if (i + 1 >= args.size()) return usage_error("--format needs text or json", check_help);
      auto f = args[++i];
      if (f != "text" && f != "json") return usage_error("--format is text or json", check_help);
      json = f == "json";
    } else {
      return usage_error("unknown option for check: " + std::string(a), check_help);
    }
  }
  tsu::fs::DiskFileSystem fs;
  auto r = tsu::build::check_site(fs, options);
  for (const auto& d : r.diags.all()) std::cerr << tsu::diag::format(d);
  if (!r.ok) return exit_content;
  std::cout << (json ? tsu::check::format_json(r.reports) : tsu::check::format_text(r.reports, *r.site));
  std::size_t violations = 0;
  for (const auto& rep : r.reports) violations += rep.violations.size();
  if (!json) std::cerr << "tsutawaru: " << violations << (violations == 1 ? " violation" : " violations") << " on easy pages\n";
  return strict && violations ? exit_content : exit_ok;
}

constexpr const char* serve_help =
    "usage: tsutawaru serve [--config FILE] [--port N] [--bind ADDRESS]\n"
    "\n"
    "Builds the site into memory (the output folder is not touched) and serves it for\n"
    "preview. Watches content/, the theme, assets/, site.toml and readings.toml; a save\n"
    "rebuilds what it touched (pages that did not change come from the cache) and open\n"
    "pages reload themselves. When a build fails, every page shows its errors on top of\n"
    "the last good version until the file is fixed. Ctrl-C stops.\n"
    "\n"
    "options:\n"
    "  --config FILE    the site configuration (default: site.toml)\n"
    "  --port N         the port (default 1313; 0 picks a free one)\n"
    "  --bind ADDRESS   the address to listen on (default 127.0.0.1: this machine only)\n";

int cmd_serve(const std::vector<std::string_view>& args) {
  tsu::serve::Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << serve_help;
      return exit_ok;
    } else if (a == "--config") {
      if (i + 1 >= args.size()) return usage_error("--config needs a file", serve_help);
      options.build.config = std::string(args[++i]);
    } else if (a == "--port") {
      if (i + 1 >= args.size()) return usage_error("--port needs a number", serve_help);
      std::string v(args[++i]);
      char* end = nullptr;
      long port = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || port < 0 || port > 65535)
        return usage_error("--port needs a number from 0 to 65535, not '" + v + "'", serve_help);
      options.port = static_cast<int>(port);
    } else if (a == "--bind") {
      if (i + 1 >= args.size()) return usage_error("--bind needs an address", serve_help);
      options.bind = std::string(args[++i]);
    } else {
      return usage_error("unknown option for serve: " + std::string(a), serve_help);
    }
  }
  return tsu::serve::run(options, std::cout, std::cerr);
}

struct Command {
  const char* name;
  int (*run)(const std::vector<std::string_view>&);
};

const Command commands[] = {
    {"build", cmd_build},
    {"readings", cmd_readings},
    {"check", cmd_check},
    {"serve", cmd_serve},
};

}  // namespace

int main(int argc, char** argv) {
  try {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) return usage_error("no command given", main_help);
    if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
      std::cout << main_help;
      return exit_ok;
    }
    if (args[0] == "--version" || args[0] == "-V") {
      std::cout << "tsutawaru " << TSUTAWARU_VERSION << '\n';
      return exit_ok;
    }
    for (const auto& c : commands)
      if (args[0] == c.name) return c.run({args.begin() + 1, args.end()});
    return usage_error("unknown command '" + std::string(args[0]) + "'", main_help);
  } catch (const std::exception& e) {
    std::cerr << "tsutawaru: error: " << e.what() << '\n';
    return exit_content;
  }
}
