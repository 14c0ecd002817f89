"""The execution cache is keyed on the package: changing a model must re-run the chapters."""

from pathlib import Path

from partnership_book import cache_guard


def test_cache_cleared_only_when_package_changes(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "model.py").write_text("def f():\n    return 1\n")
    build = tmp_path / "_build"
    cache = build / ".jupyter_cache"
    doctrees = build / ".doctrees"

    assert cache_guard.guard(build, [pkg])  # first build: nothing recorded yet
    cache.mkdir(parents=True)
    (cache / "entry").write_text("cached outputs")
    doctrees.mkdir()

    assert not cache_guard.guard(build, [pkg])
    assert (cache / "entry").exists(), "an unchanged package must keep the cache"

    (pkg / "model.py").write_text("def f():\n    return 2\n")
    assert cache_guard.guard(build, [pkg])
    assert not cache.exists(), "a changed model must clear the cache so chapters re-execute"
    assert not doctrees.exists(), "and Sphinx must re-read every page, or unchanged pages skip execution"


def test_asset_edits_force_a_full_rewrite(tmp_path):
    static = tmp_path / "_static"
    static.mkdir()
    (static / "course.css").write_text("a { color: blue }")
    build = tmp_path / "_build"
    assert cache_guard.assets_changed(build, [static])
    assert not cache_guard.assets_changed(build, [static])
    (static / "course.css").write_text("a { color: navy }")
    assert cache_guard.assets_changed(build, [static]), "a stylesheet edit must reach the site"


def test_the_negotiations_roles_file_is_part_of_the_instructor_key(tmp_path):
    """The role sheets compute from a YAML file: editing it must re-run them too."""
    roles = tmp_path / "negotiation"
    roles.mkdir()
    (roles / "roles.yml").write_text("power_openai: 0.5\n")
    build = tmp_path / "_build"
    assert cache_guard.guard(build, [roles])
    assert not cache_guard.guard(build, [roles])
    (roles / "roles.yml").write_text("power_openai: 0.6\n")
    assert cache_guard.guard(build, [roles])
    source = (Path(cache_guard.__file__).parent / "build.py").read_text(encoding="utf-8")
    assert 'ROOT / "instructor" / "negotiation"' in source
