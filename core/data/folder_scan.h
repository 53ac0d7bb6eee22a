#pragma once
// Lists the files of a dataset folder. Internal to core/data.
#include <string>
#include <vector>

namespace gs {

// Every regular file under `root`, recursively, sorted by path so the dataset order is deterministic.
// Hidden files and folders (name starting with '.') are left out; folders that can't be read are skipped;
// symbolic links that can't be followed (loops, missing targets) are listed so the loader reports them.
// Throws GanscopeError when `root` is not a readable folder.
std::vector<std::string> listFilesRecursive(const std::string& root);

}  // namespace gs
