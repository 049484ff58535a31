#!/usr/bin/env bash
# Installs the Debian packages Zhengwu needs beyond Python wheels: CJK fonts for the PDF notices.
# Only acts when something is missing; needs root (as on a fresh Debian/Ubuntu server or CI).
set -u
if fc-list :lang=zh 2>/dev/null | grep -qi 'noto'; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing fonts-noto-cjk for the PDF notices…"
  (apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1 || \
   (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1)) \
   || echo "WARNING: could not install fonts-noto-cjk; PDF notices will lack Chinese glyphs." >&2
else
  echo "WARNING: fonts-noto-cjk is missing; run 'sudo apt-get install fonts-noto-cjk' for PDF notices." >&2
fi
exit 0
