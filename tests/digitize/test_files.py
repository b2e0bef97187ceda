"""The watched folder for scanners that save to a share, and loading image files."""

from __future__ import annotations

import shutil

from PIL import Image

from counterapp.digitize.files import WatchedFolder, load_pages
from tests.digitize.conftest import jpeg_bytes, text_page


def test_file_is_taken_only_once_it_stops_growing(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    watcher = WatchedFolder(share, tmp_path / "seen.json", stable_polls=2)
    data = jpeg_bytes(text_page(size=(400, 560)))
    target = share / "scan_0001.jpg"
    with open(target, "wb") as handle:
        handle.write(data[:1000])
        handle.flush()
        assert watcher.poll() == []
        assert watcher.poll() == []  # same size twice, but needs two stable polls after it was first seen
        handle.write(data[1000:])  # the scanner is still writing
        handle.flush()
        assert watcher.poll() == []
    assert watcher.poll() == []
    assert watcher.poll() == [target]
    assert watcher.poll() == []  # taken once
    (page,) = list(load_pages(target))
    assert page.encoded == data


def test_same_content_twice_is_taken_once_even_after_restart(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    state = tmp_path / "seen.json"
    first = share / "a.png"
    text_page(size=(400, 560), seed=1).save(first)
    watcher = WatchedFolder(share, state, stable_polls=1)
    watcher.poll()
    assert watcher.poll() == [first]
    shutil.copy(first, share / "a-copy.png")  # the scanner saved the same page again
    (share / "notes.txt").write_text("ignored")
    restarted = WatchedFolder(share, state, stable_polls=1)
    restarted.poll()
    assert restarted.poll() == []


def test_multipage_tiff_and_dpi_from_file(tmp_path):
    path = tmp_path / "feeder.tif"
    pages = [text_page(size=(600, 840), seed=i) for i in range(3)]
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(300, 300))
    loaded = list(load_pages(path))
    assert len(loaded) == 3 and all(p.dpi == 300 for p in loaded)
    png = tmp_path / "rgba.png"
    Image.new("RGBA", (300, 300), (0, 0, 0, 0)).save(png)
    (page,) = list(load_pages(png))
    assert page.image.mode == "RGB" and page.image.getpixel((5, 5)) == (255, 255, 255)  # transparency -> paper
    assert page.dpi == 200  # no dpi in the file: the default


def test_watched_folder_comes_from_site_settings(tmp_path):
    from counterapp.config import parse_site_config
    from counterapp.digitize.files import watched_folder_from_config

    assert watched_folder_from_config(parse_site_config({}), tmp_path) is None
    share = tmp_path / "share"
    share.mkdir()
    config = parse_site_config({"scanner": {"watched_folder": str(share), "watched_stable_polls": 1}})
    watcher = watched_folder_from_config(config, tmp_path)
    (share / "p.jpg").write_bytes(jpeg_bytes(text_page(size=(300, 400))))
    watcher.poll()
    assert [p.name for p in watcher.poll()] == ["p.jpg"]
