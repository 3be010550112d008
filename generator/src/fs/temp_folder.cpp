#include <fs/temp_folder.hpp>

#include <cstdlib>

namespace tsu::fs {

TempFolder::TempFolder(const std::string& prefix) {
  std::error_code ec;
  auto base = std::filesystem::temp_directory_path(ec);
  if (ec) return;
  auto pattern = (base / (prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data())) path = pattern;
}

TempFolder::~TempFolder() {
  std::error_code ignore;
  if (!path.empty()) std::filesystem::remove_all(path, ignore);
}

}  // namespace tsu::fs
