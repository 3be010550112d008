#pragma once
// Runs `tsutawaru serve` as a child process and listens to its reload events, for the serve
// tests (tests/serve) and the save-to-reload benchmark (bench/serve_latency.cpp).
// Header-only so the benchmark build (without tests) can use it too.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace tsu::testing {

using Clock = std::chrono::steady_clock;

/// `tsutawaru serve --port 0 --config CONFIG`, started in the config's folder; stdout and
/// stderr are collected.
class LiveServer {
public:
  LiveServer(const std::string& binary, const std::string& config, const std::string& cwd = ".") {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    m_pid = fork();
    if (m_pid < 0) throw std::runtime_error("fork failed");
    if (m_pid == 0) {
      dup2(out[1], 1);
      dup2(out[1], 2);
      close(out[0]);
      close(out[1]);
      if (chdir(cwd.c_str()) != 0) _exit(127);
      execl(binary.c_str(), binary.c_str(), "serve", "--port", "0", "--config", config.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    m_fd = out[0];
    m_reader = std::thread([this] {
      char buf[4096];
      for (;;) {
        ssize_t n = read(m_fd, buf, sizeof buf);
        if (n <= 0) break;
        std::lock_guard lock(m_mutex);
        m_output.append(buf, static_cast<std::size_t>(n));
        m_cv.notify_all();
      }
    });
    auto line = wait_for("serving at http://127.0.0.1:", std::chrono::seconds(60));
    if (!line) throw std::runtime_error("serve did not start:\n" + output());
    m_port = std::stoi(line->substr(line->rfind(':') + 1));
  }

  ~LiveServer() {
    if (m_pid > 0) stop();
    if (m_reader.joinable()) m_reader.join();
    if (m_fd >= 0) close(m_fd);
  }

  int port() const { return m_port; }

  std::string output() const {
    std::lock_guard lock(m_mutex);
    return m_output;
  }

  /// Waits until the output holds text after position `from`; returns the rest of the line
  /// from that text on.
  std::optional<std::string> wait_for(const std::string& text, std::chrono::milliseconds timeout,
                                      std::size_t from = 0) {
    std::unique_lock lock(m_mutex);
    std::size_t at = std::string::npos;
    bool found = m_cv.wait_for(lock, timeout, [&] {
      at = m_output.find(text, from);
      return at != std::string::npos && m_output.find('\n', at) != std::string::npos;
    });
    if (!found) return std::nullopt;
    auto eol = m_output.find('\n', at);
    auto line = m_output.substr(at, eol - at);
    while (!line.empty() && (line.back() == '/' || line.back() == ' ')) line.pop_back();
    if (auto paren = line.find(" ("); paren != std::string::npos) line = line.substr(0, paren);
    while (!line.empty() && line.back() == '/') line.pop_back();
    return line;
  }

  /// SIGINT, as Ctrl-C; returns the exit status (or -1 if it had to be killed after 10 s).
  int stop() {
    if (m_pid <= 0) return -1;
    kill(m_pid, SIGINT);
    int status = 0;
    auto deadline = Clock::now() + std::chrono::seconds(10);
    while (waitpid(m_pid, &status, WNOHANG) == 0) {
      if (Clock::now() > deadline) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, &status, 0);
        m_pid = -1;
        return -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

private:
  pid_t m_pid = -1;
  int m_fd = -1;
  int m_port = 0;
  std::thread m_reader;
  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  std::string m_output;
};

/// One Server-Sent Event and when it arrived.
struct Event {
  std::string name;
  std::string data;
  Clock::time_point at;
};

/// Listens to /__tsutawaru/events on a thread and queues what arrives.
class EventStream {
public:
  explicit EventStream(int port) : m_client("127.0.0.1", port) {
    m_client.set_read_timeout(60, 0);
    m_thread = std::thread([this] {
      std::string buffer;
      m_client.Get("/__tsutawaru/events", [&](const char* data, std::size_t n) {
        buffer.append(data, n);
        for (auto end = buffer.find("\n\n"); end != std::string::npos; end = buffer.find("\n\n")) {
          Event e{"message", "", Clock::now()};
          std::size_t pos = 0;
          auto block = buffer.substr(0, end);
          buffer.erase(0, end + 2);
          while (pos <= block.size()) {
            auto eol = block.find('\n', pos);
            auto line = block.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
            if (line.rfind("event: ", 0) == 0) e.name = line.substr(7);
            if (line.rfind("data: ", 0) == 0) e.data += line.substr(6);
            if (eol == std::string::npos) break;
            pos = eol + 1;
          }
          if (e.data.empty()) continue;  // comments and retry lines only
          std::lock_guard lock(m_mutex);
          m_events.push_back(std::move(e));
          m_cv.notify_all();
        }
        return !m_closing.load();
      });
    });
  }

  ~EventStream() {
    m_closing = true;
    m_client.stop();
    if (m_thread.joinable()) m_thread.join();
  }

  /// Drops every event that arrives until `quiet` passes without one.
  void drain(std::chrono::milliseconds quiet) {
    while (next_any(quiet)) {
    }
  }

  /// The next event named `name`, waiting at most `timeout`.
  std::optional<Event> next(const std::string& name, std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    auto deadline = Clock::now() + timeout;
    for (;;) {
      for (auto it = m_events.begin(); it != m_events.end(); ++it)
        if (it->name == name) {
          Event e = *it;
          m_events.erase(m_events.begin(), it + 1);
          return e;
        }
      if (m_cv.wait_until(lock, deadline) == std::cv_status::timeout) return std::nullopt;
    }
  }

private:
  std::optional<Event> next_any(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    if (!m_cv.wait_for(lock, timeout, [&] { return !m_events.empty(); })) return std::nullopt;
    Event e = m_events.front();
    m_events.pop_front();
    return e;
  }

  httplib::Client m_client;
  std::thread m_thread;
  std::atomic<bool> m_closing{false};
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<Event> m_events;
};

}  // namespace tsu::testing
