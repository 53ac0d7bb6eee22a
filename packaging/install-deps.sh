#!/usr/bin/env bash
# Installs everything GANscope needs to build, run and test on Debian 12 (bookworm).
# libopenblas0-pthread: Debian's LibTorch links only libblas.so.3, which is netlib's reference BLAS on a
# minimal system (~4 GFLOP/s). OpenBLAS takes over libblas.so.3 through Debian's alternatives and makes the
# BLAS-bound layers several times faster; GANscope runs it single-threaded (OPENBLAS_NUM_THREADS=1) and
# lets LibTorch own the threads.
# libimage-exiftool-perl: tests read the exports' XMP AI label with a reader other than ours.
# help2man, desktop-file-utils, file: the .deb's man pages are made from --help; its test checks the desktop entry and icons.
# libprotobuf-dev, protobuf-compiler: the Event messages of TensorBoard event files (core/tensorboard/).
# libgloo-dev: the headers c10d's ProcessGroupGloo includes (data-parallel training; its code is in libtorch_cpu).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential cmake file ccache pkg-config
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-image-formats-plugins
  libtorch-dev libopenblas0-pthread
  libgloo-dev
  libopencv-dev zlib1g-dev nlohmann-json3-dev libprotobuf-dev protobuf-compiler
  libvulkan-dev glslc
  libgtest-dev
  xvfb xauth mesa-vulkan-drivers vulkan-validationlayers
  libimage-exiftool-perl help2man desktop-file-utils file
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
