"""`palabre-demo` plays to the end and shows what people really do: presses on the buttons they
see, answers that differ from person to person, a reminder that gets answered, /language,
/cancel and /vote. The demo runs once for the module; each test reads what it left."""

import asyncio
import json
import re
import sqlite3
import statistics
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from bot.i18n import Catalogs
from bot.survey_texts import UNAVAILABLE
from demo.leanings import Respondent
from demo.play import play_demo
from flows.roles import Role
from flows.surveys.instruments import default_instrument
from flows.surveys.scoring import item_scores, respondent_index

CLOSE_NOTE = "(three days after it opened, the survey closes)"
INTERVAL = re.compile(r"(?:IC à 95 %\s*:|95% CI)\s*(\d+)–(\d+)")


@dataclass
class Demo:
    out: Path
    transcript: str

    def db(self) -> sqlite3.Connection:
        return sqlite3.connect(self.out / "palabre.db")

    def scene(self, title: str) -> str:
        """The transcript of the one scene whose title contains ``title``."""
        parts = re.split(r"\n=== \d+\. ", self.transcript)
        found = [p for p in parts if title in p.split("\n", 1)[0]]
        assert len(found) == 1, f"{len(found)} scenes titled {title!r}"
        return found[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    out = tmp_path_factory.mktemp("demo") / "demo-output"
    (out / "stale").mkdir(parents=True)  # overwritten at each run
    assert asyncio.run(play_demo(out, quiet=True)) == 0
    assert not (out / "stale").exists()
    return Demo(out, (out / "transcript.txt").read_text(encoding="utf-8"))


def _waves(demo: Demo) -> list[str]:
    with demo.db() as conn:
        return [w for (w,) in conn.execute("SELECT id FROM survey_waves ORDER BY opened_at")]


def _responses(demo: Demo, wave: str, role: str) -> list[dict[str, str]]:
    with demo.db() as conn:
        rows = conn.execute(
            "SELECT answers FROM survey_responses WHERE wave_id = ? AND role = ?", (wave, role)
        ).fetchall()
    return [json.loads(answers) for (answers,) in rows]


def test_the_demo_plays_to_the_end(demo: Demo) -> None:
    for seen in ("=== 1.", "/newdialogue", "Français", "العربية", "only program staff"):
        assert seen in demo.transcript
    with demo.db() as conn:
        roles = dict(conn.execute("SELECT role, COUNT(*) FROM memberships GROUP BY role"))
        assert roles["facilitator"] == 1 and roles["police"] == 5 and roles["official"] == 5
        assert roles["community"] == 5  # one of six asked to be forgotten
        assert conn.execute("SELECT COUNT(*) FROM grievances").fetchone() == (8,)
        alerts = conn.execute("SELECT category, reasons FROM grievance_alerts").fetchall()
        assert sorted(alerts) == [("armed_threats", "urgent"), ("police_conduct", "surge")]
        on_agenda = conn.execute("SELECT COUNT(*) FROM grievances WHERE on_agenda = 1")
        assert on_agenda.fetchone() == (1,)
        assert conn.execute("SELECT status FROM action_items").fetchall() == [("done",)]
    # Descriptions were deleted from the chats once filed; a status was read by receipt code.
    assert demo.transcript.count("bot deleted") >= 8
    assert "commandant" in demo.transcript.split("/status")[-1]
    assert "Écart de perception" in demo.transcript


def test_what_facilitators_and_staff_take_away(demo: Demo) -> None:
    for name in ("trust-index.png", "perception-gap.png"):
        assert (demo.out / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), name
    assert "<!DOCTYPE html>" in (demo.out / "summary.html").read_text(encoding="utf-8")
    for prefix in ("dialogue", "all-dialogues"):
        workbook = openpyxl.load_workbook(demo.out / f"export-{prefix}.xlsx")
        assert "trust_trends" in workbook.sheetnames and "README" in workbook.sheetnames
        with zipfile.ZipFile(demo.out / f"export-{prefix}.zip") as archive:
            assert "trust_trends.csv" in archive.namelist()


def test_people_press_the_buttons_they_see(demo: Demo) -> None:
    """No forged callback data: each survey press names a label the person reads, in the
    language they chose (Mariam's French since her switch)."""
    assert "forged" not in demo.transcript
    surveys = "".join(demo.scene(t) for t in ("first trust", "second survey", "third survey"))
    for name, language in (
        ("Aïcha", "fr"),
        ("Ibrahim", "ar"),
        ("Insp. Kane", "en"),
        ("Mariam", "fr"),
    ):
        labels = {c.label(language) for i in default_instrument().items for c in i.scale.choices}
        labels.add(Catalogs().translator(language)._("Skip this question"))
        pressed = re.findall(rf"^{re.escape(name)} pressed \[(.*)\]$", surveys, re.MULTILINE)
        assert len(pressed) >= 3 * 5, name
        assert set(pressed) <= labels, (name, set(pressed) - labels)


def test_survey_responses(demo: Demo) -> None:
    """Oumarou lets the first survey be; everyone answers the second (two after a reminder)
    and the third."""
    with demo.db() as conn:
        waves = conn.execute("SELECT closed, schedule_id IS NULL FROM survey_waves").fetchall()
        assert sorted(waves) == [(1, 0), (1, 0), (1, 1)]  # /surveynow, then the schedule twice
        assert conn.execute("SELECT COUNT(*) FROM survey_responses").fetchone() == (47,)
        assert conn.execute("SELECT COUNT(*) FROM survey_participation").fetchone() == (0,)
    counts = [
        {role: len(_responses(demo, wave, role)) for role in ("community", "police", "official")}
        for wave in _waves(demo)
    ]
    assert counts == [
        {"community": 5, "police": 5, "official": 5},
        {"community": 6, "police": 5, "official": 5},
        {"community": 6, "police": 5, "official": 5},
    ]


def test_a_reminder_is_answered_before_the_wave_closes(demo: Demo) -> None:
    """Hadiza stopped at the fourth question, Officer Musa never began: the reminder shows each
    where they stopped, and both finish before the wave closes."""
    second = demo.scene("second survey")
    reminded, closed = second.index("(a day passes"), second.index(CLOSE_NOTE)
    for name, reminder, where, thanks in (
        ("Hadiza", "Petit rappel", "(4/8)", "Merci !"),
        ("Officer Musa", "A reminder", "(1/8)", "Thank you!"),
    ):
        got = second.index(f"bot → {name}: {reminder}", reminded)
        pressed = second.index(f"{name} pressed [", got)
        assert where in second[got:pressed], f"{name}'s reminder does not show {where}"
        done = second.index(f"bot edited its message to {name}: {thanks}", pressed)
        assert done < closed, f"{name} finished after the wave closed"
    assert second[reminded:closed].count("Petit rappel") == 1  # nobody else was reminded
    assert second[reminded:closed].count("A reminder") == 1
    first = demo.scene("first trust survey")
    assert first.count("bot → Oumarou: Petit rappel") == 2
    assert "Oumarou pressed" not in first


def test_no_answer_arrives_after_its_wave_closed(demo: Demo) -> None:
    """Nothing happens in a wave's chats once it closed: no late press, text or thanks."""
    for title in ("first trust survey", "second survey", "third survey"):
        after = demo.scene(title).split(CLOSE_NOTE, 1)[1]
        assert after.split("Moussa (facilitator) → /survey")[0].strip() == "", title
    for language in ("en", "fr", "ar"):
        refusal = Catalogs().translator(language)._(UNAVAILABLE["closed"])
        assert refusal not in demo.transcript


def test_open_answers_come_from_some_people_once_each(demo: Demo) -> None:
    """Only some people type an answer to the open question, each once, and each is kept."""
    typed = []
    for title in ("first trust survey", "second survey", "third survey"):
        lines = demo.scene(title).splitlines()
        typed += [
            line for line in lines if " → " in line and not line.startswith(("bot ", "Moussa", " "))
        ]
    with demo.db() as conn:
        stored = conn.execute("SELECT COUNT(*) FROM survey_open_answers").fetchone()[0]
    assert 0 < stored < 47  # some people typed an answer, not everyone
    assert len(typed) == stored  # each typed once, and each one kept


def test_language_switch_mid_dialogue(demo: Demo) -> None:
    """Mariam reads Arabic until /language; what she receives next is in French."""
    scene = demo.scene("switches to French")
    assert "Mariam → /language" in scene
    assert "bot → Mariam: ما اللغة التي تفضّلها؟" in scene  # asked in her language until now
    assert "Mariam pressed [Français]" in scene
    assert "bot edited its message to Mariam: Langue choisie : Français" in scene
    assert "bot → Mariam: Actions" in scene
    survey = demo.scene("first trust survey")
    assert "bot → Mariam: Point confiance et sécurité" in survey


def test_cancel_keeps_nothing(demo: Demo) -> None:
    """/cancel at the review: the typed description is deleted and no grievance is filed."""
    scene = demo.scene("/cancel")
    cancel = scene.index("Hadiza → /cancel")
    assert "bot deleted Hadiza's message" in scene[cancel:]
    assert "bot → Hadiza: Annulé. Rien n’a été conservé." in scene[cancel:]
    with demo.db() as conn:
        land = conn.execute("SELECT COUNT(*) FROM grievances WHERE category = 'land'")
        assert land.fetchone() == (0,)  # and the total is still the eight sent


def test_vote_resumes_where_it_stopped(demo: Demo) -> None:
    """Yusuf votes three times and stops; /vote shows him the fourth statement and he votes on
    the remaining three (the seventh is his own, agreed with by writing it): every voter's
    seven votes count."""
    voting = demo.scene("Everyone votes")
    assert voting.count("Yusuf pressed [") == 3
    resumed = demo.scene("/vote")
    assert resumed.startswith("/vote") and "Yusuf → /vote\nbot → Yusuf: " in resumed
    assert "Statement 4 of 6" in resumed.split("Yusuf pressed")[0]
    assert resumed.count("Yusuf pressed [") == 3
    assert "You have voted on every statement" in resumed
    with demo.db() as conn:
        assert conn.execute("SELECT COUNT(*) FROM votes").fetchone() == (16 * 7,)


def test_the_rejected_statement_goes_no_further(demo: Demo) -> None:
    """The statement naming an officer is shown to the facilitator, rejected, and never read by
    anyone else."""
    moderation = demo.scene("Moderation")
    after_card = moderation[moderation.index("«Le commissaire Garba") :]
    press = re.search(r"^.* pressed \[.*\]\n.*$", after_card, re.MULTILINE)
    assert press is not None
    assert press.group(0) == (
        "Moussa (facilitator) pressed [Rejeter]\nbot → Moussa (facilitator) (toast): Rejetée."
    )
    assert "Garba" not in demo.transcript.split("Everyone votes", 1)[1]


def test_figures_vary_and_tell_a_plausible_story(demo: Demo) -> None:
    """People of one group answer differently; the community's trust rises from wave to wave;
    the police think they are trusted more than they are; officials lie in between."""
    instrument = default_instrument()
    means: dict[str, list[float]] = {"community": [], "police": [], "official": []}
    for wave in _waves(demo):
        for role in means:
            answers = _responses(demo, wave, role)
            assert len({json.dumps(a, sort_keys=True) for a in answers}) > 1, (wave, role)
            indices = [respondent_index(instrument, a) for a in answers]
            assert len({round(i, 6) for i in indices if i is not None}) > 1, (wave, role)
            means[role].append(statistics.mean(i for i in indices if i is not None))
        community = _responses(demo, wave, "community")
        police = _responses(demo, wave, "police")
        trust = [item_scores(instrument, a).get("trust_police") for a in community]
        estimate = [item_scores(instrument, a).get("m_trust_police") for a in police]
        told = statistics.mean(s for s in trust if s is not None)
        assert statistics.mean(s for s in estimate if s is not None) > told  # police optimistic
    assert means["community"] == sorted(means["community"])  # trust rises
    assert len(set(means["community"])) == 3
    for wave in range(3):
        assert means["community"][wave] < means["official"][wave] < means["police"][wave]
    with demo.db() as conn:
        given = {
            a
            for (row,) in conn.execute("SELECT answers FROM survey_responses")
            for a in json.loads(row).values()
        }
    assert "dont_know" in given and "_skipped" in given


def test_no_confidence_interval_has_zero_width(demo: Demo) -> None:
    """Varied answers give real intervals in /survey, /summary, its page and the export."""
    page = (demo.out / "summary.html").read_text(encoding="utf-8")
    for where, text in (("transcript", demo.transcript), ("summary page", page)):
        intervals = [(int(low), int(high)) for low, high in INTERVAL.findall(text)]
        assert intervals, f"no interval in the {where}"
        assert all(low < high for low, high in intervals), (where, intervals)
    sheet = openpyxl.load_workbook(demo.out / "export-dialogue.xlsx")["trust_trends"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 10  # three waves of three groups, all shown
    # The community's own index, or the police's and officials' estimate of it: one per row.
    for kind in ("index", "estimate"):
        low, high = rows[0].index(f"{kind}_low"), rows[0].index(f"{kind}_high")
        given = [row for row in rows[1:] if row[low] is not None]
        assert len(given) == (3 if kind == "index" else 6)
        assert all(row[low] < row[high] for row in given)


def test_answers_are_the_same_at_every_run() -> None:
    """The leanings are seeded: the same person in the same wave answers alike."""
    items = [i for i in default_instrument().items_for(Role.POLICE) if not i.is_text]
    runs = [[Respondent("Insp. Kane", "police", 1, "en").choice(i) for i in items] for _ in "ab"]
    assert runs[0] == runs[1]
    other = [Respondent("Insp. Kane", "police", 2, "en").choice(i) for i in items]
    assert other != runs[0]


def test_the_demo_has_its_own_command(capsys: pytest.CaptureFixture[str]) -> None:
    from demo.__main__ import main

    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    assert "--out" in capsys.readouterr().out
