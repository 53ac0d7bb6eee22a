#pragma once
// CPU speed settings that must be in the environment before LibTorch, OpenMP and OpenBLAS load.
// libgomp and OpenBLAS read their variables in library constructors that run before main(), so setting them
// from main() is too late: the process re-executes itself once with the variables in place.

namespace gs {

// Sets OMP_WAIT_POLICY=PASSIVE (2-thread OpenMP regions otherwise stall for ~8 ms at random) and
// OPENBLAS_NUM_THREADS=1 (LibTorch owns the threads; both threaded at once is several times slower) unless the
// user already set them, then re-executes the program once. Call first thing in main(). Returns normally when
// nothing needed changing, when GANSCOPE_NO_REEXEC is set, or if the re-exec fails.
void ensureFastCpuEnvironment(int argc, char** argv);

// Writes past a file-size limit (RLIMIT_FSIZE, `ulimit -f`) then fail with EFBIG, which the writers report as a
// clear error, instead of SIGXFSZ killing the process. Call once in main().
void failWritesPastFileSizeLimit();

}  // namespace gs
