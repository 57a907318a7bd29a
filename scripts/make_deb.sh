#!/usr/bin/env bash
# Builds target/xxgk_VERSION_ARCH.deb: the xxgk binary, its man pages and its bash, zsh and fish
# completions, for Debian-based systems (统信UOS, 麒麟, Debian, Ubuntu). Needs cargo and
# dpkg-deb and objdump (Debian's dpkg and binutils). Prints the package's path.
#   scripts/make_deb.sh            # build the release binary first
#   XXGK_BIN=path scripts/make_deb.sh   # package a binary already built
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
arch=$(dpkg --print-architecture)
bin=${XXGK_BIN:-target/release/xxgk}
if [ -z "${XXGK_BIN:-}" ]; then
  cargo build --release --locked -q -p xxgk-cli
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
pkg="$root/xxgk"
install -d "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/xxgk" \
  "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" \
  "$pkg/usr/share/fish/vendor_completions.d"
install -m 0755 "$bin" "$pkg/usr/bin/xxgk"
"$bin" package-assets "$root/assets"
for page in "$root"/assets/*.1; do
  gzip -9n < "$page" > "$pkg/usr/share/man/man1/$(basename "$page").gz"
done
install -m 0644 "$root/assets/xxgk.bash" "$pkg/usr/share/bash-completion/completions/xxgk"
install -m 0644 "$root/assets/_xxgk" "$pkg/usr/share/zsh/vendor-completions/_xxgk"
install -m 0644 "$root/assets/xxgk.fish" "$pkg/usr/share/fish/vendor_completions.d/xxgk.fish"
cat > "$pkg/usr/share/doc/xxgk/copyright" <<'TXT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: xxgk
License: MIT OR Apache-2.0
TXT
size=$(du -sk "$pkg/usr" | cut -f1)
# The newest glibc symbol the binary needs (built on Debian 12: 2.34/2.35; an older system
# needs a binary built there).
glibc=$(objdump -T "$bin" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)
cat > "$pkg/DEBIAN/control" <<TXT
Package: xxgk
Version: $version
Architecture: $arch
Maintainer: xxgk <xxgk@localhost>
Installed-Size: $size
Depends: libc6 (>= ${glibc:-2.31})
Section: utils
Priority: optional
Description: 政府信息公开工作年度报告的读取与检查 (annual report reader and checker)
 Reads Chinese government information-disclosure annual reports in any format
 (web text, HTML, DOCX, DOC, XLSX, PDF), checks the statutory tables' arithmetic
 and completeness, and turns batches into a dataset (CSV, Excel, SQLite) with a
 review page.
TXT
out="target/xxgk_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group "$pkg" "$out" >/dev/null
echo "$out"
