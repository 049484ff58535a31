#!/usr/bin/env bash
# Installs the Debian packages Zhengwu needs beyond Python wheels, given as arguments (default: what the PDF
# notices need: CJK fonts and HarfBuzz's subsetter, without which WeasyPrint takes ~20 s per notice).
# Only acts when something is missing; needs root (as on a fresh Debian/Ubuntu server or CI).
set -u
packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
  packages=(fonts-noto-cjk libharfbuzz-subset0)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]}…"
  (DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || \
   (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1)) \
   || echo "WARNING: could not install ${missing[*]}." >&2
else
  echo "WARNING: missing system packages: ${missing[*]} — run 'sudo apt-get install ${missing[*]}'." >&2
fi
exit 0
