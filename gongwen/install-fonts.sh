#!/usr/bin/env bash
# Installs everything the gongwen PDF path (ConvertPDF) and its tests need on
# Debian 12: LibreOffice Writer (headless), poppler-utils, the free CJK and
# Latin substitute fonts, and the Fandol fonts (FandolFang = 仿宋,
# FandolKai = 楷体) copied out of texlive-lang-chinese without installing TeX.
# Idempotent: packages already present and fonts already copied are skipped.
# Must run as root. Usage: bash gongwen/install-fonts.sh
set -euo pipefail

PKGS=(libreoffice-writer-nogui fonts-noto-cjk fonts-liberation2 fonts-arphic-ukai poppler-utils fontconfig)
FANDOL_DIR=/usr/local/share/fonts/fandol

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

export DEBIAN_FRONTEND=noninteractive
updated=0
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-fonts: apt-get install ${missing[*]}"
  apt-get update -qq
  updated=1
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -s "$FANDOL_DIR/FandolFang-Regular.otf" ] || [ ! -s "$FANDOL_DIR/FandolKai-Regular.otf" ]; then
  echo "install-fonts: copying Fandol fonts from texlive-lang-chinese"
  [ "$updated" = 1 ] || apt-get update -qq
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chown _apt "$tmp" 2>/dev/null || true # lets apt's sandbox user write the download
  (cd "$tmp" && apt-get download -qq texlive-lang-chinese >/dev/null)
  dpkg-deb -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
  mkdir -p "$FANDOL_DIR"
  find "$tmp/x" \( -name 'FandolFang*.otf' -o -name 'FandolKai*.otf' -o -name 'FandolSong*.otf' -o -name 'FandolHei*.otf' \) -exec cp {} "$FANDOL_DIR/" \;
  fc-cache -f "$FANDOL_DIR" >/dev/null
fi

for f in FandolFang FandolKai "Noto Serif CJK SC" "Noto Sans CJK SC" "Liberation Serif"; do
  fc-list ":family=$f" family | grep -q . || { echo "install-fonts: font $f still missing" >&2; exit 1; }
done
command -v soffice >/dev/null || { echo "install-fonts: soffice still missing" >&2; exit 1; }
echo "install-fonts: ok"
