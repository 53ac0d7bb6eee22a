#!/usr/bin/env bash
# Runs the tuned PyTorch reference (shared/bench/ref_dcgan.py, Debian's python3-torch) and GANscope's benches
# back to back on this machine, same model (DCGAN widths 64, nz 100, 1 channel), batch 64 and threads, and prints
# the ratios issue 15 asks for. Figures move ~3x between machines: only the ratios within one run mean anything.
#   bench/compare_reference.sh [BUILD_DIR] [THREADS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
threads="${2:-2}"
ref="${GANSCOPE_REF_DCGAN:-$here/../../shared/bench/ref_dcgan.py}"
data=/usr/share/datasets/fashion-mnist
py=/usr/bin/python3  # Debian's interpreter with python3-torch; `python3` on PATH may be a pyenv shim without it
for need in "$ref" "$build/bench/bench_train" "$build/bench/bench_generator_latency" "$build/bench/bench_conv_floor" "$data/train-images-idx3-ubyte.gz"; do
  [ -e "$need" ] || { echo "compare_reference: missing $need" >&2; exit 1; }
done
export OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1
value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
bf16_cpu() {
  if grep -qw amx_bf16 /proc/cpuinfo; then echo "AMX: auto picks bf16";
  elif grep -qw avx512_bf16 /proc/cpuinfo; then echo "AVX512-BF16: auto picks bf16";
  else echo "no bf16 instructions: auto keeps fp32"; fi
}

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p')  threads: $threads"
# This machine's speed drifts by up to 1.5x within minutes (a shared host): each figure is the median of
# $rounds rounds, and every round runs the reference, ours in fp32 and ours in bf16 back to back.
rounds="${ROUNDS:-3}"
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ips() { sed -n 's/.*: *\([0-9.]*\) images\/s.*/\1/p' | tail -1; }
for size in 32 64; do
  refs="" fp32s="" bf16s=""
  for ((r = 0; r < rounds; ++r)); do
    refs+=" $("$py" "$ref" --size "$size" --batch 64 --threads "$threads" --convt convgrad --steps 30 | value images_per_s)"
    fp32s+=" $("$build/bench/bench_train" --data "$data" --res "$size" --batch 64 --threads "$threads" --precision fp32 | ips)"
    bf16s+=" $("$build/bench/bench_train" --data "$data" --res "$size" --batch 64 --threads "$threads" --precision bf16 | ips)"
  done
  ref_ips=$(echo "$refs" | median) our_ips=$(echo "$fp32s" | median) bf16_ips=$(echo "$bf16s" | median)
  echo "train $size px: reference $ref_ips images/s (rounds:$refs), GANscope fp32 $our_ips (rounds:$fp32s)," \
       "ratio $(ratio "$our_ips" "$ref_ips")x (goal 1.5x)"
  # bf16 mixed precision against the same fp32 reference (goal 2.5x at 64 px where the CPU has the instructions).
  echo "train $size px bf16 ($(bf16_cpu)): GANscope $bf16_ips images/s (rounds:$bf16s), ratio" \
       "$(ratio "$bf16_ips" "$ref_ips")x against the fp32 reference (goal 2.5x at 64 px), $(ratio "$bf16_ips" "$our_ips")x ours in fp32"
  # Where the time goes: each program against the convolutions its step must run, timed alone (bench_conv_floor).
  floor_ref=$("$build/bench/bench_conv_floor" --res "$size" --threads "$threads" --reference 1 | value floor_images_per_s)
  floor_ours=$("$build/bench/bench_conv_floor" --res "$size" --threads "$threads" | value floor_images_per_s)
  echo "train $size px fp32 conv floors (a step of convolutions only): reference's step $floor_ref images/s" \
       "(the reference runs at $(ratio "$ref_ips" "$floor_ref")x of it), ours $floor_ours (we run at $(ratio "$our_ips" "$floor_ours")x)"
done
for size in 32 64; do
  ref_out=$("$py" "$ref" --size "$size" --threads "$threads" --convt convgrad --infer)
  ref_p50=$(echo "$ref_out" | value g_forward_ms_p50)
  ref_p95=$(echo "$ref_out" | value g_forward_ms_p95)
  ours=$("$build/bench/bench_generator_latency" --res "$size" --channels 1 --threads "$threads")
  our_p50=$(echo "$ours" | grep "inference copy" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
  our_p95=$(echo "$ours" | grep "inference copy" | sed -n 's/.*p95 \([0-9.]*\) ms.*/\1/p')
  echo "batch-1 $size px: reference p50 $ref_p50 / p95 $ref_p95 ms, GANscope p50 $our_p50 / p95 $our_p95 ms," \
       "p95 ratio $(ratio "$our_p95" "$ref_p95") (goal <= 0.5)"
  echo "$ours" | sed 's/^/    /'
done
