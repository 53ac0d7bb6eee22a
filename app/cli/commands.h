#pragma once
// The ganscope-cli commands. Each takes the arguments after its name and returns the exit status; usage
// mistakes throw UsageError (status 2), other failures GanscopeError (status 1), both caught in main().
#include <cstdio>
#include <string>
#include <vector>

namespace gs {
struct DatasetSummary;
}

namespace gs::cli {

int runTrain(const std::vector<std::string>& args);
int runSample(const std::vector<std::string>& args);
int runVideo(const std::vector<std::string>& args);
int runInfo(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);
int runData(const std::vector<std::string>& args);
int runHealth(const std::vector<std::string>& args);
int runProject(const std::vector<std::string>& args);
int runTranslate(const std::vector<std::string>& args);

// Images used, files skipped and up to 10 reasons; shared by `train` and `data`.
void printDatasetSummary(std::FILE* out, const DatasetSummary& summary);

}  // namespace gs::cli
