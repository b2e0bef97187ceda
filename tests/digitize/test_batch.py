"""Crash-safe batches: pages on disk as they arrive, operations kept, a killed batch recovered,
separator sheets splitting a feeder batch into documents."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw

from counterapp.digitize.batch import ScanBatch, recover_batches
from counterapp.digitize.common import Page
from counterapp.digitize.pipeline import digitize_files
from counterapp.digitize.separators import render_separator_image
from tests.digitize.conftest import jpeg_bytes, text_page

SMALL = (827, 1169)  # A5-ish at 200 dpi keeps the tests quick


def _page(seed: int, **kw) -> Page:
    return Page(text_page(size=SMALL, seed=seed, **kw), dpi=200)


def test_pages_survive_reopen_with_operations(tmp_path):
    batch = ScanBatch.create(tmp_path, officer="Lê Thị B", dossier_code="H49.22-261128-0001", document_code="GT01")
    ids = [batch.add_page(_page(i)).id for i in range(3)]
    batch.rotate(ids[1], 1)
    batch.delete(ids[2])
    batch.move(ids[1], 0)

    again = ScanBatch.open(tmp_path, batch.uuid)
    pages = again.pages()
    assert [p.id for p in pages] == [ids[1], ids[0], ids[2]]
    assert pages[0].rotation == 1 and pages[2].deleted
    assert [p.id for p in again.kept_pages()] == [ids[1], ids[0]]
    assert pages[0].image().size == (SMALL[1], SMALL[0])  # rotated a quarter turn
    assert all(p.path.exists() for p in pages)
    again.restore(ids[2])
    assert len(ScanBatch.open(tmp_path, batch.uuid).kept_pages()) == 3


def test_blank_pages_are_dropped_but_can_be_brought_back(tmp_path):
    batch = ScanBatch.create(tmp_path)
    batch.add_page(_page(1))
    blank = batch.add_page(Page(Image.new("RGB", SMALL, (250, 250, 248)), dpi=200))
    assert blank.blank and blank.deleted
    assert len(batch.kept_pages()) == 1
    batch.restore(blank.id)
    assert len(batch.kept_pages()) == 2


def test_untouched_jpeg_page_is_stored_without_reencoding(tmp_path):
    """An untouched colour JPEG no larger than its re-encoding keeps its bytes; an untouched text
    page is stored bilevel (G4), far smaller than the scanner's JPEG."""
    colour = text_page(size=SMALL, seed=5, lines=4)
    ImageDraw.Draw(colour).ellipse([500, 850, 700, 1050], outline=(200, 30, 40), width=10)  # a red seal
    data = jpeg_bytes(colour, quality=60)
    batch = ScanBatch.create(tmp_path)
    entry = batch.add_page(Page(Image.open(io.BytesIO(data)).convert("RGB"), dpi=200, encoded=data))
    assert entry.path.read_bytes() == data
    text = jpeg_bytes(text_page(size=SMALL, seed=6))
    entry = batch.add_page(Page(Image.open(io.BytesIO(text)).convert("RGB"), dpi=200, encoded=text))
    assert entry.path.suffix == ".tif" and entry.path.stat().st_size < len(text) / 4


KILLED_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from counterapp.digitize.batch import ScanBatch
    from counterapp.digitize.common import Page
    from tests.digitize.conftest import text_page
    batch = ScanBatch.create(sys.argv[1], officer="officer")
    print(batch.uuid, flush=True)
    for i in range(int(sys.argv[2])):
        batch.add_page(Page(text_page(size=(827, 1169), seed=i), dpi=200))
        print("page", i + 1, flush=True)
    time.sleep(60)  # "still scanning" when it is killed
    """
)


def test_killed_batch_is_recovered(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_SCRIPT, str(data_dir), "4"],
        stdout=subprocess.PIPE, text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        uuid = proc.stdout.readline().strip()
        for _ in range(4):
            assert proc.stdout.readline().startswith("page")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL

    found = recover_batches(data_dir)
    assert [b.uuid for b in found] == [uuid]
    pages = found[0].pages()
    assert len(pages) == 4 and all(p.path.exists() for p in pages)
    # the recovered pages build a PDF like any other batch
    from counterapp.digitize.pipeline import _output

    result = _output(found[0], 4, tmp_path / "recovered.pdf", "officer", None, None, None)
    assert result.built[0].page_count == 4


def test_page_written_but_not_yet_in_manifest_is_adopted(tmp_path):
    batch = ScanBatch.create(tmp_path)
    batch.add_page(_page(1))
    # simulate a crash between writing the page file and writing the manifest
    (batch.folder / "0002.jpg").write_bytes(jpeg_bytes(text_page(size=SMALL, seed=2)))
    (batch.folder / "0003.jpg").write_bytes(b"\xff\xd8 torn")
    recovered = recover_batches(tmp_path)[0]
    assert [p.id for p in recovered.pages()] == ["0001", "0002"]
    assert not (batch.folder / "0003.jpg").exists()


def test_finished_batches_are_not_offered_again(tmp_path):
    batch = ScanBatch.create(tmp_path)
    batch.add_page(_page(1))
    batch.finish()
    empty = ScanBatch.create(tmp_path)  # nothing scanned: nothing to offer
    assert empty.pages() == []
    assert recover_batches(tmp_path) == []


def test_separator_sheets_split_a_feeder_batch(tmp_path):
    sheets = [
        render_separator_image("H49.22-261128-0007", "GT01", "Tờ khai", dpi=100),
        text_page(size=SMALL, seed=1), text_page(size=SMALL, seed=2),
        render_separator_image("H49.22-261128-0007", "GT02", dpi=100),
        text_page(size=SMALL, seed=3),
        Image.new("RGB", SMALL, "white"),  # blank back side: dropped
    ]
    batch = ScanBatch.create(tmp_path)
    for img in sheets:
        batch.add_page(Page(img, dpi=200))
    groups = batch.groups()
    assert [(g.dossier_code, g.document_code, len(g.pages)) for g in groups] == [
        ("H49.22-261128-0007", "GT01", 2),
        ("H49.22-261128-0007", "GT02", 1),
    ]


def test_digitize_files_splits_into_one_pdf_per_document(tmp_path):
    inputs = []
    for i, img in enumerate([
        render_separator_image("H49.22-261128-0008", "GT01", dpi=100), text_page(size=SMALL, seed=4),
        render_separator_image("H49.22-261128-0008", "GT03", dpi=100), text_page(size=SMALL, seed=5),
        text_page(size=SMALL, seed=6),
    ]):
        path = tmp_path / f"in{i}.png"
        img.save(path, dpi=(200, 200))
        inputs.append(path)
    out_dir = tmp_path / "split"
    result = digitize_files(inputs, None, split_dir=out_dir, officer="B")
    names = sorted(p.name for p in out_dir.glob("*.pdf"))
    assert names == ["H49.22-261128-0008_GT01.pdf", "H49.22-261128-0008_GT03.pdf"]
    assert [b.page_count for b in result.built] == [1, 2]
    assert json.dumps(result.as_dict())  # the CLI prints this


def test_cli_separator_sheet_prints_a_readable_qr(tmp_path, capsys):
    from counterapp.cli import main
    from counterapp.digitize.separators import Separator, detect_separator

    out = tmp_path / "sheets.pdf"
    assert main(["separator", "--dossier", "H49.22-261128-0009", "--document", "GT01",
                 "--document", "GT02", "--out", str(out)]) == 0
    subprocess.run(["pdftoppm", "-r", "150", "-f", "2", "-l", "2", "-png", str(out), str(tmp_path / "p")], check=True)
    (rendered,) = tmp_path.glob("p*.png")
    assert detect_separator(Image.open(rendered).convert("RGB")) == Separator("H49.22-261128-0009", "GT02")
    assert main(["separator", "--dossier", "A|B", "--document", "GT01", "--out", str(tmp_path / "bad.pdf")]) == 2


def test_cli_lists_and_builds_an_unfinished_batch(data_dir, capsys):
    from counterapp.cli import main

    batch = ScanBatch.create(data_dir, officer="K", dossier_code="H49.22-261128-0012", document_code="GT01")
    for i in range(2):
        batch.add_page(_page(i))
    assert main(["batches", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["uuid"] == batch.uuid and row["pages"] == 2
    out = data_dir / "rebuilt.pdf"
    assert main(["batches", "--build", batch.uuid, "--out", str(out)]) == 0
    from counterapp.digitize.pdfbuild import read_pdf_info

    info = read_pdf_info(out)
    assert info["page_count"] == 2 and info["dossier_code"] == "H49.22-261128-0012"
    assert recover_batches(data_dir) == []


def test_pages_added_while_the_officer_edits_are_all_kept(tmp_path):
    import threading

    batch = ScanBatch.create(tmp_path)
    first = batch.add_page(_page(0))
    worker = threading.Thread(target=lambda: [batch.add_page(_page(i)) for i in range(1, 5)])
    worker.start()
    for _ in range(12):  # the officer keeps turning the first page while the scanner feeds
        batch.rotate(first.id)
    worker.join()
    again = ScanBatch.open(tmp_path, batch.uuid)
    assert [p.id for p in again.pages()] == ["0001", "0002", "0003", "0004", "0005"]
    assert again.pages()[0].rotation == 0  # 12 quarter turns


def test_purge_removes_finished_and_stale_batches(tmp_path):
    import os
    import time

    from counterapp.digitize.batch import purge_batches

    done = ScanBatch.create(tmp_path)
    done.add_page(_page(1))
    done.finish()
    stale = ScanBatch.create(tmp_path)
    stale.add_page(_page(2))
    old = time.time() - 40 * 86400
    os.utime(stale.folder / "manifest.json", (old, old))
    fresh = ScanBatch.create(tmp_path)
    fresh.add_page(_page(3))
    assert purge_batches(tmp_path, max_age_days=30) == 2
    assert [b.uuid for b in recover_batches(tmp_path)] == [fresh.uuid]


def test_page_moves_to_another_document_and_survives_reopen(tmp_path):
    """What the scanning page's "move to another document" does, headless."""
    import pytest

    from counterapp.digitize.common import DigitizeError
    from counterapp.digitize.ui_support import document_segments, move_to_document

    batch = ScanBatch.create(tmp_path, dossier_code="H49.22-261128-0009", document_code="GT01")
    a, b = (batch.add_page(_page(i)) for i in (1, 2))
    sep = batch.add_page(Page(render_separator_image("H49.22-261128-0009", "GT02", dpi=100), dpi=200))
    c = batch.add_page(_page(3))
    assert batch.pages()[2].id == sep.id and batch.pages()[2].separator is not None
    move_to_document(batch, a.id, 1)
    again = ScanBatch.open(tmp_path, batch.uuid)
    assert [(s.document_code, s.page_ids) for s in document_segments(again)] == [
        ("GT01", [b.id]), ("GT02", [c.id, a.id]),
    ]
    assert [(g.document_code, len(g.pages)) for g in again.groups()] == [("GT01", 1), ("GT02", 2)]
    move_to_document(again, c.id, 0)  # back before the separator, at the end of the first document
    assert [s.page_ids for s in document_segments(again)] == [[b.id, c.id], [a.id]]
    with pytest.raises(DigitizeError, match="phân cách"):
        move_to_document(again, again.pages()[2].id, 0)
    with pytest.raises(DigitizeError):
        move_to_document(again, a.id, 5)
