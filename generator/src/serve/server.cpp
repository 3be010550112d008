#include <serve/server.hpp>

#include <config/site_config.hpp>
#include <ja/services.hpp>
#include <serve/http.hpp>
#include <serve/live.hpp>
#include <serve/watch.hpp>
#include <text/json.hpp>

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <pthread.h>
#include <set>
#include <thread>

namespace tsu::serve {

namespace stdfs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

/// One servable file: the bytes as sent (pages with the reload script and any overlay).
struct File {
  std::string bytes;
  std::string etag;
  std::string type;
  std::time_t modified = 0;
};

/// What is being served: replaced as a whole after every build, never changed in place, so
/// a request always sees one consistent site.
struct Snapshot {
  std::map<std::string, std::shared_ptr<const File>> files;
  bool failed = false;       ///< the last build failed: pages carry the overlay
  std::string overlay;       ///< the overlay's HTML when failed
  std::uint64_t version = 0;
};

/// Server-Sent Events to every open page: a version number and the paths that changed.
class Events {
public:
  void publish(std::uint64_t version, std::vector<std::string> changed) {
    {
      std::lock_guard lock(m_mutex);
      m_version = version;
      m_history.emplace_back(version, std::move(changed));
      if (m_history.size() > 64) m_history.pop_front();
    }
    m_cv.notify_all();
  }

  std::uint64_t version() const {
    std::lock_guard lock(m_mutex);
    return m_version;
  }

  /// The next event after `seen` as SSE text ("" when `timeout` passed first), or nullopt
  /// when the server is stopping. Changes a client missed are merged; if they are too
  /// old to know, "*" (everything).
  std::optional<std::string> next(std::uint64_t& seen, std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    m_cv.wait_for(lock, timeout, [&] { return m_stopping || m_version != seen; });
    if (m_stopping) return std::nullopt;
    if (m_version == seen) return std::string();
    std::set<std::string> changed;
    if (m_history.empty() || m_history.front().first > seen + 1) changed.insert("*");
    for (const auto& [v, paths] : m_history)
      if (v > seen) changed.insert(paths.begin(), paths.end());
    seen = m_version;
    std::string list;
    for (const auto& p : changed) list += (list.empty() ? "\"" : ",\"") + text::json_escape(p) + "\"";
    return "event: reload\ndata: {\"version\":" + std::to_string(seen) + ",\"changed\":[" + list + "]}\n\n";
  }

  void stop() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_cv.notify_all();
  }

private:
  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  std::uint64_t m_version = 0;
  std::deque<std::pair<std::uint64_t, std::vector<std::string>>> m_history;
  bool m_stopping = false;
};

bool is_page(const std::string& path) { return path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0; }

/// Builds the site into memory and keeps what the next build can reuse: the language
/// services (MeCab, kanjidic, readings) and the page cache.
class Builder {
public:
  explicit Builder(build::Options options) : m_options(std::move(options)) {}

  struct Outcome {
    bool ok = false;
    std::vector<diag::Diagnostic> diags;
    std::map<std::string, std::string> files;  ///< the new site when ok
    double ms = 0;
    cache::Stats stats;
    int pages = 0;
    std::vector<build::Timing> timings;
  };

  /// Builds the site; `quick` leaves out the outputs that take the whole plan (print
  /// pages, EPUB), which the next full build brings.
  Outcome build(bool quick = false) {
    auto start = Clock::now();
    Outcome o;
    diag::Diagnostics pre;
    auto cfg = config::load(m_fs, m_options.config, pre);
    if (cfg) {
      m_config = *cfg;
      // The services are loaded once and again only when their inputs change.
      auto key = cache::Hasher()
                     .add(m_fs.read(m_options.config).value_or(""))
                     .add(m_fs.read(cfg->ruby.readings).value_or(""))
                     .value();
      if (!m_services || key != m_services_key) {
        m_services.reset();
        m_services = ja::LoadedServices::load(m_fs, *cfg, pre);
        if (m_services) m_services->memo = std::make_unique<ja::AnnotationMemo>();
        m_services_key = key;
      }
    }
    if (!cfg || !m_services) {
      o.diags = pre.all();
      m_services.reset();
    } else {
      auto options = m_options;
      if (quick) options.skip_outputs = {"print", "epub"};
      auto view = m_services->view();
      options.ja = &view;
      options.cache = &m_cache;
      auto result = build::run(m_fs, options, [](const stdfs::path&, const std::string&) {
        return std::make_unique<write::MemorySink>();
      });
      o.ok = result.ok;
      o.diags = result.diags.all();
      o.stats = result.cache_stats;
      o.pages = result.pages;
      o.timings = result.timings;
      if (result.ok)
        if (auto* sink = dynamic_cast<write::MemorySink*>(result.sink.get())) o.files = sink->take();
    }
    // The overlay shows the line in question even where a stage did not attach it.
    for (auto& d : o.diags)
      if (d.source_line.empty() && d.where.line > 0)
        if (auto text = m_fs.read(d.where.file)) d.source_line = diag::line_of(*text, d.where.line);
    o.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return o;
  }

  /// The folders and files to watch, from the last configuration read.
  std::vector<stdfs::path> watched_dirs() const {
    return {m_config.content_dir, m_config.theme_dir, m_config.assets_dir};
  }
  std::vector<stdfs::path> watched_files() const {
    std::vector<stdfs::path> files{m_options.config};
    if (!m_config.ruby.readings.empty()) files.push_back(m_config.ruby.readings);
    return files;
  }
  const build::Options& options() const { return m_options; }

private:
  build::Options m_options;
  fs::DiskFileSystem m_fs;
  config::SiteConfig m_config;
  std::optional<ja::LoadedServices> m_services;
  std::uint64_t m_services_key = 0;
  cache::Cache m_cache;
};

/// The served site: the last good build, with the overlay on top when the latest failed.
class Site {
public:
  std::shared_ptr<const Snapshot> current() const {
    std::lock_guard lock(m_mutex);
    return m_current;
  }

  /// Takes a build's outcome and returns the paths whose served bytes changed. A quick
  /// build's files replace their old versions; the files it leaves out (print pages,
  /// EPUB) stay as they were until the full build that follows.
  std::vector<std::string> update(const Builder::Outcome& o, bool quick = false) {
    auto prev = current();
    auto next = std::make_shared<Snapshot>();
    next->version = (prev ? prev->version : 0) + 1;
    next->failed = !o.ok;
    if (!o.ok) next->overlay = error_overlay(o.diags);
    std::set<std::string> fresh;  // paths whose built bytes are new or changed
    if (o.ok) {
      if (!quick)  // a full build's files are the whole site: drop what it no longer makes
        for (auto it = m_good.begin(); it != m_good.end();)
          it = o.files.count(it->first) ? std::next(it) : m_good.erase(it);
      for (const auto& [path, bytes] : o.files) {
        auto [it, added] = m_good.try_emplace(path, bytes);
        if (!added) {
          if (it->second == bytes) continue;
          it->second = bytes;
        }
        fresh.insert(path);
      }
    }
    bool overlay_same = prev && prev->overlay == next->overlay;
    std::time_t now = std::time(nullptr);
    std::vector<std::string> changed;
    if (prev && prev->failed != next->failed) changed.push_back("*");  // overlay on or off
    for (const auto& [path, bytes] : m_good) {
      const std::shared_ptr<const File>* old = nullptr;
      if (prev)
        if (auto it = prev->files.find(path); it != prev->files.end()) old = &it->second;
      if (old && !fresh.count(path) && (overlay_same || !is_page(path))) {
        next->files.emplace(path, *old);  // nothing about it changed: no copy, no hash
        continue;
      }
      auto f = std::make_shared<File>();
      f->type = content_type(path);
      f->bytes = is_page(path) ? inject(bytes, live_script_tag(), next->overlay) : bytes;
      f->etag = etag(f->bytes);
      f->modified = old && (*old)->etag == f->etag ? (*old)->modified : now;
      if (prev && (!old || (*old)->etag != f->etag)) changed.push_back(path);
      next->files.emplace(path, std::move(f));
    }
    if (prev)
      for (const auto& [path, f] : prev->files)
        if (!next->files.count(path)) changed.push_back(path);
    std::lock_guard lock(m_mutex);
    m_current = std::move(next);
    return changed;
  }

private:
  mutable std::mutex m_mutex;
  std::shared_ptr<const Snapshot> m_current;
  std::map<std::string, std::string> m_good;  ///< only the builder thread touches this
};

void answer(const Site& site, const Target& target, const httplib::Request& req, httplib::Response& res) {
  if (target.status != 200) {
    res.status = target.status;
    res.set_content("400 Bad Request: " + target.reason + "\n", "text/plain; charset=utf-8");
    return;
  }
  auto snap = site.current();
  auto it = snap->files.find(target.path);
  if (it == snap->files.end() && !target.directory) {
    // "/goal-1" is a folder: send the browser to "/goal-1/" so relative links work.
    if (snap->files.count(target.path + "/index.html")) {
      auto query = req.target.find('?');
      res.set_redirect("/" + target.path + "/" + (query == std::string::npos ? "" : req.target.substr(query)), 301);
      return;
    }
  }
  if (it == snap->files.end()) {
    res.status = 404;
    res.set_header("Cache-Control", "no-cache");
    res.set_content(inject(not_found_page(target.path), live_script_tag(), snap->overlay),
                    "text/html; charset=utf-8");
    return;
  }
  const File& f = *it->second;
  res.set_header("ETag", f.etag);
  res.set_header("Last-Modified", http_date(f.modified));
  // Always revalidate: an editor must never see a stale page after saving.
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (not_modified(req.get_header_value("If-None-Match"), req.get_header_value("If-Modified-Since"), f.etag,
                   f.modified)) {
    res.status = 304;
    return;
  }
  res.set_content(f.bytes, f.type);
}

std::string summary(const Builder::Outcome& o, std::size_t changed) {
  std::string s = o.ok ? "rebuilt" : "build failed";
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.0f", o.ms);
  s += std::string(" in ") + ms + " ms";
  if (o.ok) {
    s += ": " + std::to_string(o.stats.passed_run) + " of " + std::to_string(o.stats.passed_run + o.stats.passed_cached) +
         " pages passed, " + std::to_string(o.stats.rendered_run) + " rendered, " + std::to_string(changed) +
         (changed == 1 ? " file changed" : " files changed");
  }
  return s;
}

}  // namespace

int run(const Options& options, std::ostream& out, std::ostream& err) {
  // SIGINT and SIGTERM go to a thread of ours (sigwait), not to whichever thread the
  // kernel picks: block them before any thread starts, so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a browser closing a connection must not kill us

  Builder builder(options.build);
  Site site;
  Events events;
  bool verbose = std::getenv("TSUTAWARU_SERVE_TIMINGS") != nullptr;

  auto first = builder.build();
  for (const auto& d : first.diags) err << diag::format(d);
  site.update(first);
  events.publish(site.current()->version, {});
  out << "tsutawaru: " << summary(first, 0) << '\n';

  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };  // each open page holds one for its events
  server.set_keep_alive_timeout(5);
  server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    auto target = resolve_target(req.target);
    if (target.status == 200 && target.path == std::string(own_prefix) + "live.js") {
      res.set_header("Cache-Control", "no-cache");
      res.set_content(live_script(), "text/javascript; charset=utf-8");
      return;
    }
    if (target.status == 200 && target.path == std::string(own_prefix) + "events") {
      res.set_header("Cache-Control", "no-cache");
      auto seen = std::make_shared<std::optional<std::uint64_t>>();
      res.set_chunked_content_provider("text/event-stream", [&events, seen](std::size_t, httplib::DataSink& sink) {
        if (!*seen) {
          *seen = events.version();
          std::string hello = "retry: 1000\nevent: hello\ndata: {\"version\":" + std::to_string(**seen) + "}\n\n";
          return sink.write(hello.data(), hello.size());
        }
        std::uint64_t v = **seen;
        auto next = events.next(v, std::chrono::seconds(10));
        *seen = v;
        if (!next) {
          sink.done();
          return false;
        }
        if (next->empty()) *next = ": keep-alive\n\n";  // finds clients that went away
        return sink.write(next->data(), next->size());
      });
      return;
    }
    answer(site, target, req, res);
  });
  auto refuse_method = [](const httplib::Request&, httplib::Response& res) {
    res.status = 405;
    res.set_header("Allow", "GET, HEAD");
    res.set_content("405 Method Not Allowed\n", "text/plain; charset=utf-8");
  };
  server.Post(".*", refuse_method);
  server.Put(".*", refuse_method);
  server.Delete(".*", refuse_method);
  server.Patch(".*", refuse_method);

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.bind);
    if (port < 0) port = -1;
  } else if (!server.bind_to_port(options.bind, port)) {
    port = -1;
  }
  if (port < 0) {
    err << "tsutawaru: error: cannot listen on " << options.bind << ':' << options.port
        << " (is another server using it?)\n  hint: choose another port with --port N, or --port 0 for any free one\n";
    return 1;
  }
  std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
  out << "tsutawaru: serving at http://" << host << ':' << port << "/ (Ctrl-C to stop)\n";
  if (options.bind != "127.0.0.1" && options.bind != "localhost" && options.bind != "::1")
    out << "  note: bound to " << options.bind << ", so other machines can reach this preview\n";
  out.flush();

  std::thread http([&] { server.listen_after_bind(); });

  // Watch and rebuild on one thread: while a build runs, new changes wait in the kernel's
  // queue and come out of the next wait(), so none is lost.
  auto watcher = std::make_unique<Watcher>(builder.watched_dirs(), builder.watched_files());
  if (!watcher->ok()) err << "tsutawaru: warning: " << watcher->error() << "; pages will not rebuild by themselves\n";
  std::mutex watcher_mutex;  // guards the pointer: the signal thread stops the current watcher
  bool stopping = false;
  std::thread rebuilds([&] {
    for (;;) {
      Watcher* w;
      {
        std::lock_guard lock(watcher_mutex);
        if (stopping) return;
        w = watcher.get();
      }
      auto changes = w->wait();
      if (changes.stopped) return;
      // First without the print pages and the EPUB, so the edited page reloads at once;
      // then, unless another save is already waiting, everything.
      auto o = builder.build(true);
      for (const auto& d : o.diags) err << diag::format(d);
      auto changed = site.update(o, true);
      std::string what = changes.overflowed ? "many files" : changes.paths.begin()->filename().string();
      if (changes.paths.size() > 1) what += " and " + std::to_string(changes.paths.size() - 1) + " more";
      out << "tsutawaru: " << what << " changed; " << summary(o, changed.size()) << '\n';
      if (verbose)
        for (const auto& t : o.timings) out << "  " << t.stage << ": " << t.ms << " ms\n";
      out.flush();
      events.publish(site.current()->version, std::move(changed));
      if (o.ok && !w->pending()) {
        auto full = builder.build();
        for (const auto& d : full.diags)
          if (d.severity == diag::Severity::Error) err << diag::format(d);
        auto more = site.update(full);
        out << "tsutawaru: print pages and EPUB " << summary(full, more.size()) << '\n';
        out.flush();
        if (!more.empty()) events.publish(site.current()->version, std::move(more));
      }
      // site.toml may have moved content/, the theme or assets/: watch the new folders.
      bool config_changed = changes.overflowed;
      for (const auto& p : changes.paths)
        config_changed = config_changed || stdfs::absolute(p).lexically_normal() ==
                                               stdfs::absolute(builder.options().config).lexically_normal();
      if (config_changed) {
        std::lock_guard lock(watcher_mutex);
        if (stopping) return;
        watcher = std::make_unique<Watcher>(builder.watched_dirs(), builder.watched_files());
      }
    }
  });

  int sig = 0;
  sigwait(&signals, &sig);
  out << "\ntsutawaru: stopping\n";
  out.flush();
  {
    std::lock_guard lock(watcher_mutex);
    stopping = true;
    watcher->stop();
  }
  events.stop();
  server.stop();
  rebuilds.join();
  http.join();
  return 0;
}

}  // namespace tsu::serve
