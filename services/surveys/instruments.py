"""The survey instruments a deployment asks, and how long its waves stay open.

The shipped instruments are the package's own data; a deployment may add its own file
(``PALABRE_INSTRUMENTS``), read here and handed to :mod:`flows.surveys.instruments` as text.
"""

from __future__ import annotations

from datetime import timedelta

from flows.surveys.instruments import InstrumentSet, parse_instruments, shipped_instruments
from flows.surveys.items import Instrument
from flows.surveys.waves import WaveSettings
from services.runtime import Runtime
from services.settings import Settings


def read_instruments(settings: Settings) -> InstrumentSet:
    """The shipped instruments, with the deployment's own file on top (PALABRE_INSTRUMENTS).

    Raises OSError when the file cannot be read and InstrumentError when it is not valid.
    """
    path = settings.instruments_file
    if not path:
        return shipped_instruments()
    text = path.read_text(encoding="utf-8")
    return parse_instruments(text, base=shipped_instruments())


def instruments(rt: Runtime) -> InstrumentSet:
    """:func:`read_instruments`, read once per process."""
    found = rt.instrument_set
    if found is None:
        found = read_instruments(rt.settings)
        rt.instrument_set = found
    return found


def instrument(rt: Runtime, instrument_id: str) -> Instrument:
    return instruments(rt).instrument(instrument_id)


def wave_settings(rt: Runtime) -> WaveSettings:
    return WaveSettings(
        timedelta(hours=rt.settings.wave_hours),
        tuple(timedelta(hours=h) for h in rt.settings.reminder_hours),
    )
