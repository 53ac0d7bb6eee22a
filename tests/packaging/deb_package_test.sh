#!/usr/bin/env bash
# The Debian package as a user gets it: cpack builds it into a scratch folder, dpkg -x unpacks it, and the
# programs, desktop entry, icons and man pages are checked where the system looks for them, with the control
# fields (version, Depends, Recommends). Usage: deb_package_test.sh CPACK BUILD_DIR VERSION
set -euo pipefail
cpack=$1 build=$2 version=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" > "$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; fail "cpack failed"; }
deb=$(ls "$tmp"/out/*.deb)
[ "$(basename "$deb")" = "ganscope_${version}_amd64.deb" ] || fail "package file is $(basename "$deb")"
[ "$(dpkg-deb -f "$deb" Package)" = ganscope ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version $(dpkg-deb -f "$deb" Version), project $version"
depends=$(dpkg-deb -f "$deb" Depends)
for d in libopenblas0-pthread qt6-image-formats-plugins libqt6widgets6 libtorch libopencv-core; do
  grep -q "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done
grep -q "mesa-vulkan-drivers" <<<"$(dpkg-deb -f "$deb" Recommends)" || fail "no Vulkan driver in Recommends"

dpkg -x "$deb" "$tmp/root"
usr="$tmp/root/usr"
for f in bin/ganscope bin/ganscope-cli share/applications/ganscope.desktop \
         share/icons/hicolor/scalable/apps/ganscope.svg share/man/man1/ganscope.1.gz share/man/man1/ganscope-cli.1.gz \
         share/doc/ganscope/copyright share/doc/ganscope/changelog.gz; do
  [ -s "$usr/$f" ] || fail "the package lacks /usr/$f"
done
[ -x "$usr/bin/ganscope-cli" ] || fail "ganscope-cli is not executable"
for size in 16 32 48 64 128 256; do
  icon="$usr/share/icons/hicolor/${size}x${size}/apps/ganscope.png"
  file "$icon" | grep -q "PNG image data, $size x $size" || fail "icon $icon: $(file "$icon")"
done
grep -qx "Icon=ganscope" "$usr/share/applications/ganscope.desktop" || fail "the desktop entry names no icon"
grep -qx "Exec=ganscope" "$usr/share/applications/ganscope.desktop" || fail "the desktop entry runs something else"
if command -v desktop-file-validate > /dev/null; then
  desktop-file-validate "$usr/share/applications/ganscope.desktop" || fail "desktop-file-validate"
fi
# Man pages: made from the programs' own help, so they list what the programs take.
cli_man=$(zcat "$usr/share/man/man1/ganscope-cli.1.gz")
grep -q '^\.TH GANSCOPE-CLI "1"' <<<"$cli_man" || fail "ganscope-cli.1 has no .TH header"
grep -q "cyclegan" <<<"$cli_man" || fail "ganscope-cli.1 lacks the train flags (--help-all)"
grep -q "$version" <<<"$cli_man" || fail "ganscope-cli.1 lacks the version"
grep -q "screenshot" <<<"$(zcat "$usr/share/man/man1/ganscope.1.gz")" || fail "ganscope.1 lacks the app's options"
# lintian, where installed (it is not in install-deps.sh: large), must report no errors.
if command -v lintian > /dev/null; then
  errors=$(lintian --tag-display-limit 0 "$deb" 2>/dev/null | grep '^E:' || true)
  [ -z "$errors" ] || fail "lintian: $errors"
fi
"$usr/bin/ganscope-cli" --version | grep -qx "ganscope-cli $version" || fail "ganscope-cli --version"
echo "ganscope_${version}_amd64.deb: $(du -k "$deb" | cut -f1) KiB, files and control fields as expected"
