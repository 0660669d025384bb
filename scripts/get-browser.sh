#!/usr/bin/env bash
# Make sure a Chrome/Chromium is available for printing, in this order:
#   1. PUPPETEER_EXECUTABLE_PATH, Puppeteer's own browser, or a system Chrome/Chromium already installed;
#   2. Puppeteer's own download (needs access to Google's browser storage);
#   3. Debian's chromium-headless-shell package (Chromium's printing without the desktop browser:
#      it starts sooner and is a smaller install), else the chromium package (as root, with apt-get);
#   4. otherwise: a clear message and exit 1.
set -uo pipefail
cd "$(dirname "$0")/.."

found() { node --input-type=module -e "import('./dist/print/browser.js').then(m=>m.findBrowser()).then(b=>{console.log(b.path)}).catch(()=>process.exit(1))" 2>/dev/null; }

if path=$(found); then echo "browser: $path"; exit 0; fi

echo "No browser found; trying Puppeteer's own download (chrome-headless-shell)…"
if timeout 600 node bin/brief.js browser install >/tmp/brief-browser-download.log 2>&1 && path=$(found); then
  echo "browser: $path"; exit 0
fi
echo "  download not possible here (see /tmp/brief-browser-download.log)."

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq >/tmp/brief-apt.log 2>&1 || { echo "apt-get update failed; see /tmp/brief-apt.log" >&2; exit 1; }
  for pkg in chromium-headless-shell chromium; do
    echo "Installing the $pkg package…"
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >>/tmp/brief-apt.log 2>&1 && path=$(found); then
      echo "browser: $path"; exit 0
    fi
    echo "  apt-get install $pkg did not give a browser (see /tmp/brief-apt.log)."
  done
fi

cat >&2 <<'MSG'
No Chrome or Chromium is available, and none could be installed automatically. Install one of:
  npx brief browser install                                (Chrome's headless shell; needs network)
  sudo apt-get install -y chromium-headless-shell          (Debian; or the chromium package)
or set PUPPETEER_EXECUTABLE_PATH to an installed Chrome/Chromium, then run `npm run setup` again.
MSG
exit 1
