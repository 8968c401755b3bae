"""Packages the PyInstaller folder: the Debian package and the filled Inno Setup script.

    python3 installer/package.py version
    python3 installer/package.py check --dist build/dist/budget-desk
    python3 installer/package.py deb --dist build/dist/budget-desk --out build
    python3 installer/package.py iss --dist 'dist\\budget-desk' --out build/windows/budget-desk.iss

Templates name their variables @LIKE_THIS@; the version is always `app.__version__`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

INSTALLER = Path(__file__).resolve().parent
ROOT = INSTALLER.parent
LINUX = INSTALLER / "linux"
WINDOWS = INSTALLER / "windows"
ICONS = ROOT / "resources" / "icons"

NAME = "budget-desk"
MIME_TYPE = "application/x-budget-desk"
EXTENSION = ".budget"
ICON_SIZES = (48, 64, 256)
# what PyInstaller deliberately leaves to the system (graphics drivers, the X connection);
# everything else the folder needs is inside it. libc6 is added with the version the folder needs.
DEPENDS = ("libgl1", "libegl1", "libxcb1", "libfontconfig1")
# libraries the folder may lack on purpose: the Wayland client (Recommends) and the GL stack
SYSTEM_LIBRARIES = re.compile(r"^lib(wayland-|GL|EGL|OpenGL|GLX|GLdispatch|drm|gbm|xcb\.so)")
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


def version() -> str:
    """The one version number: `app.__version__`."""
    sys.path.insert(0, str(ROOT))
    from app import __version__

    return __version__


def fill(template: str, values: dict[str, str]) -> str:
    """The template with every @NAME@ replaced; a name without a value is an error."""
    unknown = sorted(set(PLACEHOLDER.findall(template)) - set(values))
    if unknown:
        raise SystemExit(f"template variables without a value: {', '.join(unknown)}")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def elf_files(folder: Path) -> Iterator[Path]:
    """Every ELF file (executable or shared library) in folder, symlinks not followed."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    yield path


def library_path(dist: Path) -> str:
    """The folders of the bundle that hold libraries, as the frozen program finds them."""
    internal = dist / "_internal"
    return os.pathsep.join(str(p) for p in (internal, internal / "PySide6" / "Qt" / "lib"))


def unresolved(dist: Path) -> list[str]:
    """Libraries some file of the folder needs that neither the folder nor this system has."""
    env = dict(os.environ, LD_LIBRARY_PATH=library_path(dist))
    problems = []
    for path in elf_files(dist):
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "not found" in line:
                problems.append(f"{line.split()[0]} (needed by {path.relative_to(dist)})")
    return problems


def glibc_version(dist: Path) -> str:
    """The highest GLIBC symbol version any file of the folder needs, e.g. "2.34"."""
    found: set[tuple[int, ...]] = set()
    for path in elf_files(dist):
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
        found.update(tuple(int(n) for n in v.split(".")) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", out))
    return ".".join(str(n) for n in max(found, default=(2, 17)))


def installed_size(folder: Path) -> int:
    """Size in KiB as dpkg counts it (files and symlinks, rounded up each)."""
    return sum(-(-p.lstat().st_size // 1024) for p in folder.rglob("*") if not p.is_dir()) + 1


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def put(source: Path | str, target: Path, mode: int = 0o644) -> None:
    """Copy a file, or write text, into the package tree with the given mode."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, Path):
        shutil.copyfile(source, target)
    else:
        target.write_text(source, encoding="utf-8")
    target.chmod(mode)


def copyright_text() -> str:
    fonts = sorted(p.name for p in (ROOT / "resources" / "fonts").glob("LICENSE-*"))
    return (
        "Budget Desk (预算公开编制助手)\n\n"
        "Bundled under /opt/budget-desk/_internal: Python, Qt 6 and PySide6 (LGPLv3), reportlab,\n"
        "openpyxl, sqlite-utils, defusedxml, pypdfium2 (PDFium), each under its own licence, and\n"
        "the fonts AR PL UMing and WenQuanYi Zen Hei, whose licences are in\n"
        + "".join(f"/opt/budget-desk/_internal/resources/fonts/{name}\n" for name in fonts)
    )


def stage_deb(dist: Path, stage: Path, arch: str) -> Path:
    """Lays out the package tree in stage: /opt/budget-desk, the command, menu, type, icons."""
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / "opt" / NAME
    shutil.copytree(dist, opt, symlinks=True)
    for path in [opt, *opt.rglob("*")]:  # reproducible modes, whatever the umask was
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)

    usr = stage / "usr"
    put(LINUX / "launcher.sh", usr / "bin" / NAME, 0o755)
    put(LINUX / f"{NAME}.desktop", usr / "share" / "applications" / f"{NAME}.desktop")
    put(LINUX / f"{NAME}.xml", usr / "share" / "mime" / "packages" / f"{NAME}.xml")
    for size in ICON_SIZES:
        icon = ICONS / f"{NAME}-{size}.png"
        folder = usr / "share" / "icons" / "hicolor" / f"{size}x{size}"
        put(icon, folder / "apps" / f"{NAME}.png")
        put(icon, folder / "mimetypes" / f"{MIME_TYPE.replace('/', '-')}.png")
    put(copyright_text(), usr / "share" / "doc" / NAME / "copyright")
    for path in usr.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)

    control = fill((LINUX / "control.in").read_text(encoding="utf-8"), {
        "VERSION": version(),
        "ARCH": arch,
        "INSTALLED_SIZE": str(installed_size(stage)),
        "DEPENDS": ", ".join((f"libc6 (>= {glibc_version(dist)})", *DEPENDS)),
    })
    put(control, stage / "DEBIAN" / "control")
    put(LINUX / "postinst", stage / "DEBIAN" / "postinst", 0o755)
    put(LINUX / "postrm", stage / "DEBIAN" / "postrm", 0o755)
    (stage / "DEBIAN").chmod(0o755)
    return stage


def build_deb(dist: Path, out: Path, level: int = 6) -> Path:
    """The .deb of the folder, xz-compressed at level (1 is fast, for CI; 6 is dpkg's default)."""
    arch = architecture()
    package = out / f"{NAME}_{version()}_{arch}.deb"
    stage = stage_deb(dist, out / "deb" / f"{NAME}_{version()}_{arch}", arch)
    # xz: the compression every dpkg reads, down to the older ones of UOS and Kylin
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", f"-z{level}", "--build", str(stage),
                    str(package)], check=True, stdout=sys.stderr)
    return package


def iss_text(dist: str) -> str:
    template = (WINDOWS / f"{NAME}.iss.in").read_text(encoding="utf-8")
    return fill(template, {"VERSION": version(), "DIST": dist})


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)
    sub.add_parser("version", help="print app.__version__")
    for name in ("check", "deb"):
        p = sub.add_parser(name)
        p.add_argument("--dist", type=Path, required=True, help="the PyInstaller folder")
        if name == "deb":
            p.add_argument("--out", type=Path, required=True, help="folder for the .deb")
            p.add_argument("--level", type=int, default=6, choices=range(10), help="xz level")
    p = sub.add_parser("iss", help="fill the Inno Setup template")
    p.add_argument("--dist", required=True, help="the PyInstaller folder, as Windows will see it")
    p.add_argument("--out", type=Path, required=True)
    args = top.parse_args(argv)

    if args.command == "version":
        print(version())
    elif args.command == "check":
        problems = [p for p in unresolved(args.dist) if not SYSTEM_LIBRARIES.match(p)]
        for problem in problems:
            print(f"missing library: {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"{args.dist}: every library resolves; needs glibc >= {glibc_version(args.dist)}")
    elif args.command == "deb":
        print(build_deb(args.dist, args.out, args.level))
    elif args.command == "iss":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(iss_text(args.dist), encoding="utf-8-sig")  # Inno Setup wants the BOM
        print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
