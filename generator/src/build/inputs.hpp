#pragma once
#include <build/build.hpp>
#include <config/site_config.hpp>

#include <cstdint>

namespace tsu::parallel {
class Pool;
}

namespace tsu::build {

/// A fingerprint of everything a build reads: this program (its file's size and time),
/// the options that change the output, site.toml, every file of content/, the theme and
/// assets/ (path and bytes), the reading list, and the MeCab dictionary and kanjidic (path,
/// size and time of their files: Debian packages, changed only by an upgrade). Two builds
/// with the same fingerprint write the same site, byte for byte. With a pool, the files
/// are read and hashed on its threads (the same fingerprint).
std::uint64_t inputs_fingerprint(const fs::FileSystem& fs, const Options& options, const config::SiteConfig& cfg,
                                 parallel::Pool* pool = nullptr);

}  // namespace tsu::build
