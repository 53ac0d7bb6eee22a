#include "data/folder_scan.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "util/error.h"

namespace gs {

std::vector<std::string> listFilesRecursive(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw fileError(root, "can't read folder (" + ec.message() + ")");
  std::vector<std::string> files;
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      ec.clear();
      continue;
    }
    const std::string name = it->path().filename().string();
    const bool is_dir = it->is_directory(ec);
    if (!name.empty() && name[0] == '.') {
      if (is_dir) it.disable_recursion_pending();
      continue;
    }
    // A symbolic link that can't be followed (a loop, a missing target) is listed too: decoding then skips it
    // with the reason instead of it vanishing from the counts.
    std::error_code link_ec;
    if (!is_dir && (it->is_regular_file(ec) || (it->is_symlink(link_ec) && !fs::exists(it->path(), link_ec))))
      files.push_back(it->path().string());
  }
  // Directory order depends on the file system; sorted paths make the dataset order deterministic.
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace gs
