"""`palabre demo` plays to the end and leaves its database and transcript."""

import sqlite3
from pathlib import Path

from demo.play import play_demo


async def test_the_demo_plays_to_the_end(tmp_path: Path) -> None:
    out = tmp_path / "demo-output"
    (out / "stale").mkdir(parents=True)  # overwritten at each run
    assert await play_demo(out, quiet=True) == 0
    assert not (out / "stale").exists()
    transcript = (out / "transcript.txt").read_text(encoding="utf-8")
    for seen in ("=== 1.", "/newdialogue", "Français", "العربية", "only program staff"):
        assert seen in transcript
    with sqlite3.connect(out / "palabre.db") as conn:
        roles = dict(conn.execute("SELECT role, COUNT(*) FROM memberships GROUP BY role"))
    assert roles["facilitator"] == 1 and roles["police"] == 5 and roles["official"] == 5
    assert roles["community"] == 5  # one of six asked to be forgotten
    with sqlite3.connect(out / "palabre.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM grievances").fetchone() == (8,)
        alerts = conn.execute("SELECT category, reasons FROM grievance_alerts").fetchall()
        assert sorted(alerts) == [("armed_threats", "urgent"), ("police_conduct", "surge")]
        assert conn.execute("SELECT COUNT(*) FROM grievances WHERE on_agenda = 1").fetchone() == (
            1,
        )
    # Descriptions were deleted from the chats once filed; a status was read by receipt code.
    assert transcript.count("bot deleted") >= 8
    assert "commandant" in transcript.split("/status")[-1]
    with sqlite3.connect(out / "palabre.db") as conn:
        waves = conn.execute("SELECT closed, schedule_id IS NULL FROM survey_waves").fetchall()
        assert sorted(waves) == [(1, 0), (1, 0), (1, 1)]  # /surveynow, then the schedule twice
        assert conn.execute("SELECT COUNT(*) FROM survey_responses").fetchone() == (48,)
        assert conn.execute("SELECT COUNT(*) FROM survey_participation").fetchone() == (0,)
    assert "Écart de perception" in transcript
    # What facilitators and program staff take away, left in the output folder.
    for name in ("trust-index.png", "perception-gap.png"):
        assert (out / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), name
    assert "<!DOCTYPE html>" in (out / "summary.html").read_text(encoding="utf-8")
    import zipfile

    import openpyxl

    for prefix in ("dialogue", "all-dialogues"):
        workbook = openpyxl.load_workbook(out / f"export-{prefix}.xlsx")
        assert "trust_trends" in workbook.sheetnames and "README" in workbook.sheetnames
        with zipfile.ZipFile(out / f"export-{prefix}.zip") as archive:
            assert "trust_trends.csv" in archive.namelist()
