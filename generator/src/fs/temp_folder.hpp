#pragma once
#include <filesystem>
#include <string>

namespace tsu::fs {

/// A folder of our own under the system's temporary folder (TMPDIR), made with a name no
/// other process has (mkdtemp) and removed with everything in it when this goes. path is
/// empty when it could not be made.
struct TempFolder {
  std::filesystem::path path;
  explicit TempFolder(const std::string& prefix);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
};

}  // namespace tsu::fs
