#!/bin/sh
# Install the Debian packages salesdesk builds and tests with, when missing.
set -e
need=""
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
for pkg in gcc make perl tzdata libcsv-dev libiniparser-dev libcmocka-dev libssl-dev \
	libical-dev uthash-dev mandoc cppcheck; do
	have "$pkg" || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "salesdesk needs these packages:$need" >&2
	exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "Installing the packages salesdesk needs:$need"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null
