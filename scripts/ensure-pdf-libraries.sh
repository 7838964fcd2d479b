#!/usr/bin/env bash
# WeasyPrint (the PDF reports) needs Pango and a font from Debian. Installs them as root when
# they are missing; otherwise says what to install.
set -euo pipefail
# Fonts: DejaVu for Latin, Greek, Cyrillic; Noto for Arabic, Devanagari and other scripts;
# WenQuanYi Micro Hei for Chinese; Noto Color Emoji. A name in any of them prints as itself.
packages=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji
    fonts-wqy-microhei)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing what the PDF reports need: ${missing[*]}..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
    echo "The PDF reports need these Debian packages: ${missing[*]}. As root, run:" >&2
    echo "    apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
fi
