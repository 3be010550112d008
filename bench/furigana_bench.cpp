// Furigana throughput (issue 3, issue 9): characters per second of ja::annotate on at
// least 5 MB of the plan's own text, one thread and all threads, reported next to MeCab
// alone on the same text in the same run (the peer), so the ratio says what our ruby work
// costs on top of the analysis.
//
// usage: tsu_bench_furigana [REPO_DIR] [--corpus FILE]   (run by bench/run.sh)
//   --corpus FILE: also write the text to FILE, for the whole-process measurement.
#include <ja/services.hpp>
#include <text/unicode.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace {
std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

template <typename F>
double seconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs work(line) over all lines on n threads, each thread a slice of the lines.
template <typename W>
double run(const std::vector<std::string>& lines, unsigned n, W work) {
  return seconds([&] {
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < n; ++t)
      threads.emplace_back([&, t] {
        for (std::size_t i = t; i < lines.size(); i += n) work(lines[i]);
      });
    for (auto& th : threads) th.join();
  });
}
}  // namespace

int main(int argc, char** argv) {
  std::string repo = argc > 1 ? argv[1] : ".";
  std::string corpus = argc > 3 && std::string(argv[2]) == "--corpus" ? argv[3] : "";
  // The plan's prose and tables, without front matter and Markdown markup.
  std::vector<std::string> plan;
  for (int g = 1; g <= 6; ++g) {
    for (const char* f : {"/index.md", "/compare.md"}) {
      std::istringstream in(slurp(repo + "/content/goal-" + std::to_string(g) + f));
      for (std::string line; std::getline(in, line);)
        if (line.size() > 20 && line.find("+++") == std::string::npos && line[0] != '#') plan.push_back(line);
    }
  }
  std::vector<std::string> lines;
  std::size_t bytes = 0, chars = 0;
  while (bytes < 5u * 1024 * 1024)
    for (const auto& l : plan) {
      lines.push_back(l);
      bytes += l.size();
      chars += tsu::text::grapheme_count(l);
    }

  if (!corpus.empty()) {
    std::ofstream out(corpus);
    for (const auto& l : lines) out << l << '\n';
  }

  tsu::diag::Diagnostics ds;
  tsu::config::SiteConfig cfg;
  cfg.ruby.readings = repo + "/content/readings.toml";
  tsu::fs::DiskFileSystem fs;
  auto services = tsu::ja::LoadedServices::load(fs, cfg, ds);
  if (!services) {
    for (const auto& d : ds.all()) std::fputs(tsu::diag::format(d).c_str(), stderr);
    return 1;
  }
  auto ja = services->view();
  unsigned all = std::max(1u, std::thread::hardware_concurrency());

  std::printf("text: %.1f MB, %zu characters, %zu lines of the plan\n", static_cast<double>(bytes) / 1048576.0, chars, lines.size());
  std::printf("%-28s %8s %14s %14s\n", "", "threads", "chars/s", "vs MeCab");
  for (unsigned n : {1u, all}) {
    double mecab = run(lines, n, [&](const std::string& l) { (void)ja.tokenizer->tokenize(l); });
    double ours = run(lines, n, [&](const std::string& l) { (void)tsu::ja::annotate(l, ja); });
    std::printf("%-28s %8u %14.0f %14s\n", "MeCab alone (peer)", n, static_cast<double>(chars) / mecab, "1.00");
    std::printf("%-28s %8u %14.0f %13.2fx\n", "furigana (annotate)", n, static_cast<double>(chars) / ours, ours / mecab);
  }
  return 0;
}
