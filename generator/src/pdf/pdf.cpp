#include <fs/temp_folder.hpp>
#include <pdf/pdf.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace tsu::pdf {

namespace stdfs = std::filesystem;

std::string find_chromium() {
  if (const char* env = std::getenv("TSUTAWARU_CHROMIUM"); env && *env)
    return ::access(env, X_OK) == 0 ? std::string(env) : std::string();
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    for (const char* name : {"chromium", "chromium-browser"}) {
      auto p = stdfs::path(dir.empty() ? "." : dir) / name;
      if (::access(p.c_str(), X_OK) == 0) return p.string();
    }
  }
  return {};
}

std::string pdf_path(const std::string& print_page) {
  auto dir = print_page.substr(0, print_page.rfind('/'));  // "goal-1/print" or "print"
  auto slash = dir.rfind('/');
  std::string name = slash == std::string::npos ? "plan" : dir.substr(0, slash);
  auto last = name.rfind('/');
  if (last != std::string::npos) name = name.substr(last + 1);
  return dir + "/" + name + ".pdf";
}

namespace {

// Runs a program and waits; its output goes to log. Returns the exit status (-1: not run).
int run(const std::vector<std::string>& args, const stdfs::path& log) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

std::string tail_of(const stdfs::path& log) {
  std::ifstream in(log);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return last;
}

}  // namespace

bool print_pdfs(std::vector<outputs::OutputFile>& files, diag::Diagnostics& diags) {
  std::vector<std::string> pages;
  for (const auto& f : files)
    if (outputs::is_print_page(f.path)) pages.push_back(f.path);
  if (pages.empty()) return true;
  std::string chromium = find_chromium();
  if (chromium.empty()) {
    diags.error("pdf-chromium-missing", {"tsutawaru build --pdf", 0, 0},
                "cannot print PDFs: Chromium is not installed (no 'chromium' on the PATH, or "
                "TSUTAWARU_CHROMIUM names no program)",
                "install it (apt-get install chromium) or set TSUTAWARU_CHROMIUM to the browser");
    return false;
  }
  fs::TempFolder tmp("tsutawaru-pdf-");
  if (tmp.path.empty()) {
    diags.error("pdf-failed", {"tsutawaru build --pdf", 0, 0},
                "cannot make a temporary folder to print from (TMPDIR full or not writable)");
    return false;
  }
  auto site = tmp.path / "site";
  for (const auto& f : files) {
    auto p = site / f.path;
    stdfs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary).write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
  }
  for (const auto& page : pages) {
    auto out = tmp.path / "out.pdf";
    auto log = tmp.path / "chromium.log";
    // Headless print of a file:// page: no header or footer lines, a profile of its own
    // (never the user's), no network, no first-run work.
    std::vector<std::string> args = {chromium,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--no-first-run",
                                     "--no-default-browser-check",
                                     "--disable-extensions",
                                     "--disable-background-networking",
                                     "--user-data-dir=" + (tmp.path / "profile").string(),
                                     "--no-pdf-header-footer",
                                     "--print-to-pdf=" + out.string(),
                                     "file://" + (site / page).string()};
    int status = run(args, log);
    std::ifstream in(out, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (status != 0 || bytes.rfind("%PDF", 0) != 0) {
      diags.error("pdf-failed", {page, 0, 0},
                  "Chromium could not print this page to PDF (exit status " + std::to_string(status) + ")",
                  "its last message: " + tail_of(log));
      return false;
    }
    files.push_back({pdf_path(page), std::move(bytes)});
    std::error_code ec;
    stdfs::remove(out, ec);
  }
  return true;
}

}  // namespace tsu::pdf
