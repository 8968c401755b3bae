#!/usr/bin/env bash
# Builds the one-folder application and the .deb, and runs the frozen application's self-test.
#
#   installer/build.sh            -> build/dist/budget-desk/ and build/budget-desk_VERSION_ARCH.deb
#                                    and build/windows/budget-desk.iss (for iscc on Windows)
#
# Works on a Debian-like machine with Python and pip: installs PyInstaller (pip), and, as root,
# binutils (PyInstaller needs objdump) and the X11 libraries Qt's xcb platform plugin loads, so
# they are bundled. Set PYTHON to use another interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
OUT=build
DIST=$OUT/dist/budget-desk

# Debian packages the build needs: objdump for PyInstaller, and the libraries of Qt's X11
# plugin, which PyInstaller copies into the folder only if they are on this machine.
NEEDED_DEBS="binutils libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 libfontconfig1
 libdbus-1-3 libgl1 libegl1"
missing=""
for deb in $NEEDED_DEBS; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing="$missing $deb"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "+ apt-get install$missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "build.sh: please install these Debian packages first:$missing" >&2
        exit 1
    fi
fi

# the application's own dependencies, and PyInstaller
# always through pip, so what is bundled is what pyproject.toml allows (a PySide6 already on the
# machine may be a release the project excludes, such as 6.12.0); pip does nothing when it fits
echo "+ pip install -e ."
"$PYTHON" -m pip install -q -e .
"$PYTHON" - <<'PY'
from importlib.metadata import requires, version
try:
    from packaging.requirements import Requirement
except ImportError:  # a bare machine: pip's own copy
    from pip._vendor.packaging.requirements import Requirement
for line in requires("budget-desk") or []:
    req = Requirement(line)
    if req.marker is None and req.name.lower() == "pyside6-essentials":
        found = version(req.name)
        if found not in req.specifier:
            raise SystemExit(f"build.sh: {req.name} {found} is installed, the project needs {req.specifier}")
        print(f"{req.name} {found} ({req.specifier})")
PY
if ! "$PYTHON" -m PyInstaller --version >/dev/null 2>&1; then
    echo "+ pip install pyinstaller"
    "$PYTHON" -m pip install -q "pyinstaller>=6.0"
fi

VERSION=$("$PYTHON" installer/package.py version)
echo "== budget-desk $VERSION: PyInstaller folder"
"$PYTHON" -m PyInstaller installer/budget-desk.spec --noconfirm --clean \
    --distpath "$OUT/dist" --workpath "$OUT/pyinstaller" --log-level WARN

echo "== libraries"
"$PYTHON" installer/package.py check --dist "$DIST"

echo "== self-test of the frozen application, with no Python on the path"
env -i PATH=/usr/bin:/bin HOME="${HOME:-/root}" LANG=C.UTF-8 "$DIST/budget-desk" --self-test

echo "== Debian package"
# xz -6 (dpkg's default) takes minutes on 200 MB; CI builds the same package at -1
level=${DEB_XZ_LEVEL:-$([ "${CI:-}" = true ] && echo 1 || echo 6)}
deb=$("$PYTHON" installer/package.py deb --dist "$DIST" --out "$OUT" --level "$level")
"$PYTHON" installer/package.py iss --dist 'dist\budget-desk' --out "$OUT/windows/budget-desk.iss" >/dev/null

du -sh "$DIST" "$deb"
echo "built $deb"
