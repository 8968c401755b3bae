"""The installer files agree: one version, one extension and MIME type, icons that exist."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from defusedxml import ElementTree

from app import __version__
from app.store.storage import EXTENSION
from tests.helpers.paths import ROOT

INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "budget-desk.spec"
NAMESPACE = "{http://www.freedesktop.org/standards/shared-mime-info}"


def load_package() -> ModuleType:
    spec = importlib.util.spec_from_file_location("installer_package", INSTALLER / "package.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


package = load_package()


def spec_value(name: str) -> object:
    """A literal assigned at the top of the PyInstaller spec."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not assigned in the spec")


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(INSTALLER / "linux" / "budget-desk.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_spec_takes_the_version_from_the_code() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "from app import __version__" in text
    assert re.search(r"\d+\.\d+\.\d+", text) is None  # no version written by hand
    assert spec_value("NAME") == package.NAME == "budget-desk"


def test_the_spec_lists_every_resource_and_only_resources() -> None:
    resources = ROOT / "resources"
    listed: set[Path] = set()
    for pattern, folder in spec_value("RESOURCES"):  # type: ignore[attr-defined]
        matched = set(resources.glob(pattern))
        assert matched, f"resources/{pattern} matches nothing"
        assert all(p.relative_to(resources).parts[0] == folder for p in matched)
        listed |= matched
    shipped = {p for p in resources.rglob("*") if p.is_file()
               and p.name != "__init__.py" and "__pycache__" not in p.parts}
    assert shipped - listed == set(), "resources the frozen application would lack"


def test_the_spec_excludes_what_the_application_does_not_use() -> None:
    excludes = spec_value("EXCLUDES")
    assert isinstance(excludes, list)
    assert {"PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick", "pytest", "hypothesis",
            "pdfplumber"} <= set(excludes)
    # run-time dependencies are bundled: pypdf writes inspect's annotated copies, and highspy
    # (the table import's solver) needs numpy
    assert not {"pypdf", "pypdfium2", "highspy", "numpy", "python_calamine"} & set(excludes)


def plugin_filter() -> dict[str, object]:
    """The spec's Qt filter (QT_PLUGINS … wanted), run outside PyInstaller."""
    text = SPEC.read_text(encoding="utf-8")
    names: dict[str, object] = {"re": re, "Path": Path}
    exec(text[text.index("QT_PLUGINS = {"):text.index("def needed(path):")], names)
    return names


@pytest.mark.parametrize(("destination", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/qml/QtQuick/Controls/qmldir", False),
    ("PySide6/plugins/platforms/qwindows.dll", True),  # the Windows wheel's layout
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/plugins/platforms/qminimal.dll", False),
    ("reportlab/fonts/Vera.ttf", True),
])
def test_the_spec_keeps_only_the_qt_files_a_desktop_needs(destination: str, kept: bool) -> None:
    wanted = plugin_filter()["wanted"]
    assert callable(wanted)
    assert wanted((destination, "/source", "BINARY")) is kept


def test_the_desktop_entry_opens_budget_files_with_the_command() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == f"{package.NAME} %f"
    assert entry["Icon"] == package.NAME
    assert entry["Terminal"] == "false"
    assert package.MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Name[zh_CN]"] == "预算公开编制助手"


def test_the_mime_type_is_the_budget_file_extension() -> None:
    root = ElementTree.parse(INSTALLER / "linux" / "budget-desk.xml").getroot()
    types = root.findall(f"{NAMESPACE}mime-type")
    assert [t.get("type") for t in types] == [package.MIME_TYPE]
    globs = [g.get("pattern") for g in types[0].findall(f"{NAMESPACE}glob")]
    assert globs == [f"*{EXTENSION}"] and package.EXTENSION == EXTENSION


def test_the_icons_exist_in_every_size() -> None:
    from PIL import Image

    for size in package.ICON_SIZES:
        with Image.open(ROOT / "resources" / "icons" / f"budget-desk-{size}.png") as image:
            assert image.size == (size, size)
    with Image.open(ROOT / "resources" / "icons" / "budget-desk.ico") as ico:
        assert (256, 256) in ico.info["sizes"] and (16, 16) in ico.info["sizes"]


def test_the_inno_setup_script_is_filled_with_the_version() -> None:
    text = package.iss_text(r"dist\budget-desk")
    assert re.search(r"@[A-Z_]+@", text) is None  # every placeholder filled
    assert f'#define AppVersion "{__version__}"' in text
    assert f'#define FileExt "{EXTENSION}"' in text
    assert "AppVersion={#AppVersion}" in text and "OutputBaseFilename=budget-desk-{#AppVersion}-setup" in text
    icon = re.search(r"SetupIconFile=\{#Dist\}\\_internal\\(.+)", text)
    assert icon is not None and (ROOT / icon.group(1).replace("\\", "/")).is_file()
    for section in ("[Icons]", "[Registry]", "{uninstallexe}", "ChangesAssociations=yes"):
        assert section in text


def test_the_inno_setup_script_is_written_with_a_bom(tmp_path: Path) -> None:
    out = tmp_path / "budget-desk.iss"
    assert package.main(["iss", "--dist", r"dist\budget-desk", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def fake_dist(folder: Path) -> Path:
    """A stand-in for the PyInstaller folder: an executable and one bundled resource."""
    dist = folder / "dist" / "budget-desk"
    (dist / "_internal" / "resources").mkdir(parents=True)
    (dist / "budget-desk").write_text("#!/bin/sh\necho frozen\n")
    (dist / "budget-desk").chmod(0o700)
    (dist / "_internal" / "resources" / "x.txt").write_text("x")
    return dist


def test_the_package_tree_has_command_menu_entry_type_and_icons(tmp_path: Path) -> None:
    stage = package.stage_deb(fake_dist(tmp_path), tmp_path / "stage", "amd64")
    control = (stage / "DEBIAN" / "control").read_text(encoding="utf-8")
    assert f"Version: {__version__}\n" in control and "Package: budget-desk\n" in control
    assert re.search(r"^Depends: libc6 \(>= 2\.\d+\), ", control, re.M)
    launcher = stage / "usr" / "bin" / "budget-desk"
    assert launcher.stat().st_mode & 0o777 == 0o755
    assert "exec /opt/budget-desk/budget-desk \"$@\"" in launcher.read_text()
    opt = stage / "opt" / "budget-desk"
    assert (opt / "budget-desk").stat().st_mode & 0o777 == 0o755
    assert (opt / "_internal" / "resources" / "x.txt").stat().st_mode & 0o777 == 0o644
    share = stage / "usr" / "share"
    assert (share / "applications" / "budget-desk.desktop").is_file()
    assert (share / "mime" / "packages" / "budget-desk.xml").is_file()
    for size in package.ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "budget-desk.png").is_file()
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "mimetypes"
                / "application-x-budget-desk.png").is_file()
    for script in ("postinst", "postrm"):
        path = stage / "DEBIAN" / script
        assert path.stat().st_mode & 0o777 == 0o755
        assert "update-mime-database" in path.read_text() and "update-desktop-database" in path.read_text()


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is Debian's")
def test_dpkg_deb_builds_and_lists_the_package(tmp_path: Path) -> None:
    deb = package.build_deb(fake_dist(tmp_path), tmp_path)
    assert deb.name == f"budget-desk_{__version__}_{package.architecture()}.deb"
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for path in ("./opt/budget-desk/budget-desk", "./usr/bin/budget-desk",
                 "./usr/share/applications/budget-desk.desktop", "./usr/share/mime/packages/budget-desk.xml"):
        assert path in listing
    assert " root/root " in listing
    field = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True)
    assert field.stdout.strip() == __version__


def test_package_py_reports_the_version() -> None:
    out = subprocess.run([sys.executable, str(INSTALLER / "package.py"), "version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == __version__
