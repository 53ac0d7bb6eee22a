// ganscope-cli: train and sample GANs without a display. Links the core library alone.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "args.h"
#include "commands.h"
#include "options.h"
#include "util/error.h"
#include "util/process_env.h"

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  gs::failWritesPastFileSizeLimit();
  using namespace gs::cli;
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    std::fputs(mainUsage(), argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::printf("ganscope-cli %s\n", GANSCOPE_VERSION);
    return 0;
  }
  if (!std::strcmp(argv[1], "--help-all")) {  // every command's options: what the man page is made from
    std::fputs(mainUsage(), stdout);
    for (const char* usage : {trainUsage(), sampleUsage(), videoUsage(), translateUsage(), healthUsage(),
                              projectUsage(), dataUsage(), infoUsage(), exportUsage()})
      std::printf("\n%s", usage);
    return 0;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "train") return runTrain(args);
    if (command == "sample") return runSample(args);
    if (command == "video") return runVideo(args);
    if (command == "export-generator") return runExport(args);
    if (command == "info") return runInfo(args);
    if (command == "data") return runData(args);
    if (command == "health") return runHealth(args);
    if (command == "project") return runProject(args);
    if (command == "translate") return runTranslate(args);
    std::fprintf(stderr, "ganscope-cli: unknown command '%s' (train, sample, video, export-generator, info, data, health, project, translate)\n",
                 command.c_str());
    return 2;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "ganscope-cli %s: %s\n", command.c_str(), e.what());
    return 2;
  } catch (const gs::GanscopeError& e) {
    std::fprintf(stderr, "\nganscope-cli %s: error: %s\n", command.c_str(), e.what());
    return 1;
  } catch (const std::exception& e) {
    // LibTorch errors (out of memory, CUDA problems) carry long traces: the first line says what happened.
    std::string what = e.what();
    what = what.substr(0, what.find('\n'));
    std::fprintf(stderr, "\nganscope-cli %s: internal error: %s\n", command.c_str(), what.c_str());
    return 1;
  }
}
