#pragma once
// Atomic file writes: data goes to a temporary file in the same folder, is flushed to disk, then renamed over
// the target, so a crash at any moment leaves either the old file or the new one, never a torn one.
#include <string>

namespace gs {

// Throws GanscopeError naming the path on failure; the temporary file is removed.
void writeFileAtomic(const std::string& path, const std::string& bytes);
// Deletes the temporary files that writeFileAtomic leaves in `dir` (not recursive) when its process is killed
// mid-write ("NAME.tmp-PID-N"); returns how many. Only the folder's one writer should call it, before writing.
int removeStaleTempFiles(const std::string& dir);
// Whole file into memory; throws GanscopeError naming the path when it cannot be read.
std::string readFile(const std::string& path);

}  // namespace gs
