#pragma once
#include <build/build.hpp>

#include <iosfwd>
#include <string>

/// `tsutawaru serve`: builds the site into memory, serves it over HTTP, rebuilds what an
/// edit touches, and makes open pages reload themselves.
namespace tsu::serve {

struct Options {
  build::Options build;          ///< which site (config); the output folder is not written
  std::string bind = "127.0.0.1";
  int port = 1313;               ///< 0: any free port (the URL printed says which)
};

/// Runs until SIGINT or SIGTERM, then stops cleanly. Prints the URL
/// and one line per rebuild to out, diagnostics to err. Returns the exit code: 0 after a
/// clean stop, 1 when the port cannot be bound or the folders cannot be watched.
int run(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace tsu::serve
