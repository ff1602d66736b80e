from pathlib import Path

import pytest

from storage import Database


@pytest.fixture
async def db(tmp_path: Path):
    database = Database(tmp_path / "palabre.db")
    await database.open()
    yield database
    await database.close()
