#!/bin/sh
# Install Debian's Chromium for the browser test (tests/test_html_report.py, marker `browser`).
#
# - /usr/bin/chromium present: nothing to do.
# - missing and we are root with apt-get: apt-get update + install chromium (quiet).
# - otherwise: print a loud message and exit 0; the browser test then skips with a reason.
#
# Playwright's Python package drives this Chromium (executable_path=/usr/bin/chromium); it
# never downloads a browser of its own. Always exits 0: a missing browser must not break
# `make test`, it only skips one test, loudly.
set -u

CHROMIUM=/usr/bin/chromium

loud() {
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "!!! install-browser.sh: $*" >&2
    echo "!!! The real-browser test of the HTML report will be SKIPPED." >&2
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
}

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    loud "$CHROMIUM is missing and apt-get is not available (not a Debian-like system). Install Chromium yourself."
    exit 0
fi

if [ "$(id -u)" != "0" ]; then
    loud "$CHROMIUM is missing and this is not root. Run: sudo apt-get update && sudo apt-get install -y chromium"
    exit 0
fi

echo "install-browser.sh: installing Debian's chromium (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null; then
    if [ -x "$CHROMIUM" ]; then
        echo "install-browser.sh: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed." >&2
        exit 0
    fi
fi
loud "apt-get could not install chromium (see the messages above)."
exit 0
