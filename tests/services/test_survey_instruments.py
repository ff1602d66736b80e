"""The instruments a deployment asks: the shipped ones, and its own file read by the use case."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from flows.surveys.instruments import InstrumentError, shipped_instruments
from services import surveys
from services.runtime import Runtime
from services.settings import Settings
from tests.flows.surveys.test_instruments import EXTRA


def test_without_a_file_the_shipped_instruments_are_asked() -> None:
    assert surveys.read_instruments(Settings()) is shipped_instruments()


def test_the_deployment_s_file_is_read_on_top_of_the_shipped_ones(tmp_path: Path) -> None:
    path = tmp_path / "surveys.toml"
    path.write_text(EXTRA, encoding="utf-8")
    combined = surveys.read_instruments(Settings(instruments_file=path))
    assert set(combined.instruments) == {"jsd_trust_v1", "local_v1"}
    path.write_text(EXTRA.replace("spec_version = 1", "spec_version = 7"), encoding="utf-8")
    with pytest.raises(InstrumentError, match="spec_version 7"):
        surveys.read_instruments(Settings(instruments_file=path))


def test_the_runtime_reads_the_file_once(rt: Runtime, tmp_path: Path) -> None:
    path = tmp_path / "surveys.toml"
    path.write_text(EXTRA, encoding="utf-8")
    rt.settings = replace(rt.settings, instruments_file=path)
    first = surveys.instruments(rt)
    path.unlink()
    assert surveys.instruments(rt) is first
    assert surveys.instrument(rt, "local_v1").id == "local_v1"
