// Save-to-reload latency of `tsutawaru serve` (issue 8): the time from writing a content
// file to the reload event reaching an open page, over N edits of one page of a site.
//
// usage: tsu_bench_serve TSUTAWARU SITE_DIR [EDITS=20] [FILE=content/goal-1/index.md]
// SITE_DIR is a copy of the site (bench/serve.sh makes one); FILE in it is edited.
#include "live_server.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Saves as most editors do: write a temporary file beside it, then rename it over.
void save(const std::filesystem::path& p, const std::string& text) {
  auto tmp = p.parent_path() / ("." + p.filename().string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
  }
  std::filesystem::rename(tmp, p);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: tsu_bench_serve TSUTAWARU SITE_DIR [EDITS] [FILE]\n";
    return 2;
  }
  std::string binary = std::filesystem::absolute(argv[1]).string();
  std::filesystem::path site = argv[2];
  int edits = argc > 3 ? std::atoi(argv[3]) : 20;
  std::filesystem::path file = site / (argc > 4 ? argv[4] : "content/goal-1/index.md");
  std::string original = read(file);
  // Edit the first paragraph line: append a marker that changes each time.
  auto para = original.find("\n\n", original.find("\n## "));
  para = original.find("\n\n", para + 2);  // past the heading's blank line
  if (para == std::string::npos) {
    std::cerr << "no paragraph to edit in " << file << '\n';
    return 2;
  }
  auto line_end = original.find('\n', para + 2);

  tsu::testing::LiveServer server(binary, "site.toml", site.string());
  tsu::testing::EventStream events(server.port());
  if (!events.next("hello", std::chrono::seconds(10))) {
    std::cerr << "no hello event\n";
    return 1;
  }
  std::vector<double> ms;
  int missed = 0;
  for (int i = 0; i < edits; ++i) {
    // An editor types, then saves: let the previous save's second pass (print pages and
    // EPUB) finish and its event go by first.
    events.drain(std::chrono::milliseconds(300));
    std::string text = original;
    text.insert(line_end, std::string("（") + std::to_string(i + 1) + "回目の編集）");
    auto start = tsu::testing::Clock::now();
    save(file, text);
    std::optional<tsu::testing::Event> e;
    do e = events.next("reload", std::chrono::seconds(10));
    while (e && e->data.find("\"goal-1/index.html\"") == std::string::npos);
    if (!e) {
      ++missed;
      continue;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(e->at - start).count());
  }
  save(file, original);
  std::sort(ms.begin(), ms.end());
  if (ms.empty()) {
    std::cerr << "no reload event arrived\n" << server.output();
    return 1;
  }
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))]; };
  std::printf("save-to-reload over %zu edits of %s: median %.1f ms, min %.1f, p90 %.1f, max %.1f%s\n", ms.size(),
              file.filename().c_str(), at(0.5), ms.front(), at(0.9), ms.back(),
              missed ? (", " + std::to_string(missed) + " edits without the page's reload").c_str() : "");
  // The server's own account of each rebuild (how much came from the cache).
  auto log = server.output();
  auto last = log.rfind("changed; rebuilt");
  auto full = log.rfind("print pages and EPUB");
  if (full != std::string::npos) std::printf("then: %s\n", log.substr(full, log.find('\n', full) - full).c_str());
  if (last != std::string::npos) std::printf("last rebuild: %s\n", log.substr(last, log.find('\n', last) - last).c_str());
  return missed ? 1 : 0;
}
