#!/usr/bin/env bash
# Werkbrug set-up for a fresh Debian 12 machine.
#   build-aux/setup.sh run   installs what is missing, builds, and starts Werkbrug on demo data
#   build-aux/setup.sh test  installs what is missing, builds, and runs every test headless
set -euo pipefail

mode="${1:-run}"
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"

packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libjson-glib-dev libsoup-3.0-dev libsqlite3-dev libsodium-dev
  libgtk-4-dev libadwaita-1-dev libsecret-1-dev libxlsxwriter-dev
  desktop-file-utils appstream
  xvfb xauth dbus dbus-x11 at-spi2-core python3-dogtail gnome-keyring xdotool imagemagick
  curl locales
  poppler-utils python3-openpyxl python3-jsonschema systemd
  openssl
)

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The Dutch locale, so that Werkbrug can run (and be tested) in Dutch.
if ! locale -a 2>/dev/null | grep -qiE '^nl_NL\.utf-?8$'; then
  "${sudo_cmd[@]}" localedef -i nl_NL -f UTF-8 nl_NL.UTF-8
fi

shared_data="$(cd "$top/.." && pwd)/shared/data"

build() {
  local dir="$1"; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" -Dshared_data_dir="$shared_data" >/dev/null
  fi
  ninja -C "$dir"
}

case "$mode" in
  run)
    build _build
    # The application seeds its demo database on the first run, with its progress on screen,
    # under $XDG_DATA_HOME/werkbrug/; it reads the PC4 centres, CBS figures and ESCO from here.
    [ -d "$shared_data" ] && export WB_SHARED_DATA="$shared_data"
    exec ./_build/src/app/werkbrug
    ;;

  test)
    build _build
    build _build-sanitize -Db_sanitize=address,undefined -Db_lundef=false
    status=0
    # A runtime directory of the run's own: the accessibility bus of the test session puts
    # its socket there, not in ~/.cache where another desktop session on the machine may
    # remove it mid-run.
    XDG_RUNTIME_DIR="$(mktemp -d)"
    export XDG_RUNTIME_DIR
    trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT
    for dir in _build _build-sanitize; do
      echo "== meson test in $dir"
      # ASan's leak checker cannot follow GLib's type system allocations; undefined behaviour
      # and memory errors stay fatal.
      ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" \
        meson test -C "$dir" --print-errorlogs --num-processes 2 --no-suite walk || status=1
    done
    # One line for the whole run: TAP subtests counted one by one, other tests as one each;
    # a program that crashed or timed out counts as a failure even after passing subtests.
    python3 - _build/meson-logs/testlog.json _build-sanitize/meson-logs/testlog.json <<'PY'
import json, re, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        t = json.loads(line)
        tap = [l for l in (t.get("stdout") or "").splitlines() if re.match(r"(not )?ok \d+", l)]
        if tap:
            for l in tap:
                if l.startswith("not ok"):
                    failed += 1
                elif "# SKIP" in l:
                    skipped += 1
                else:
                    passed += 1
            if t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and not any(l.startswith("not ok") for l in tap):
                failed += 1
        elif t.get("result") in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif t.get("result") == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
    exit "$status"
    ;;

  *)
    echo "usage: build-aux/setup.sh run|test" >&2
    exit 2
    ;;
esac
