"""Receipt codes: short, readable, 50 bits, forgiving when typed back; statuses."""

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.grievances.receipts import (
    ALPHABET,
    CODE_BITS,
    CODE_LENGTH,
    RANDOM_BYTES,
    STATUS_LABELS,
    GrievanceStatus,
    format_code,
    normalise_code,
    parse_status,
    receipt_code,
    receipt_key,
)

SECRET = b"s" * 32
CODE_SHAPE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}$")


def _number(code: str) -> int:
    value = 0
    for c in code.replace("-", ""):
        value = value * len(ALPHABET) + ALPHABET.index(c)
    return value


def test_the_alphabet_has_no_ambiguous_characters() -> None:
    assert len(ALPHABET) == 32 == len(set(ALPHABET))
    assert not set("IOLU") & set(ALPHABET)
    assert ALPHABET == "".join(sorted(ALPHABET))


def test_codes_carry_at_least_50_bits() -> None:
    assert CODE_BITS >= 50
    assert CODE_LENGTH * math.log2(len(ALPHABET)) >= 50
    assert RANDOM_BYTES * 8 >= CODE_BITS


def test_known_codes() -> None:
    assert receipt_code(bytes(7)) == "0000-0000-00"
    assert receipt_code(b"\xff" * 7) == "ZZZZ-ZZZZ-ZZ"
    assert receipt_code(b"\xff" * 7 + b"\x00" * 9) == "ZZZZ-ZZZZ-ZZ"  # extra bytes unused


def test_too_few_random_bytes_are_refused() -> None:
    with pytest.raises(ValueError):
        receipt_code(bytes(6))


@given(st.binary(min_size=RANDOM_BYTES, max_size=RANDOM_BYTES))
def test_every_code_has_the_shape_and_keeps_the_first_50_bits(random: bytes) -> None:
    code = receipt_code(random)
    assert CODE_SHAPE.match(code)
    assert _number(code) == int.from_bytes(random, "big") >> (RANDOM_BYTES * 8 - CODE_BITS)


@settings(max_examples=300)
@given(st.binary(min_size=RANDOM_BYTES, max_size=RANDOM_BYTES), st.randoms())
def test_sloppy_typing_normalises_back(random: bytes, rnd) -> None:
    code = receipt_code(random)
    typed = []
    for c in code.replace("-", ""):
        c = {"0": rnd.choice("0Oo"), "1": rnd.choice("1IiLl")}.get(c, c)
        typed.append(c.lower() if rnd.random() < 0.5 else c)
        typed.append(rnd.choice(["", "", " ", "-", "."]))
    assert normalise_code("".join(typed)) == code
    assert receipt_key(SECRET, "".join(typed)) == receipt_key(SECRET, code)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("k7mx-p3qd-9t", "K7MX-P3QD-9T"),
        ("K7MX P3QD 9T", "K7MX-P3QD-9T"),
        ("k7mxp3qd9t", "K7MX-P3QD-9T"),
        ("  K7MX-P3QD-9T\n", "K7MX-P3QD-9T"),
        ("OOOO-IIII-LL", "0000-1111-11"),
        ("٠١٢٣-٤٥٦٧-٨٩", "0123-4567-89"),
        ("Ｋ７ＭＸ－Ｐ３ＱＤ－９Ｔ", "K7MX-P3QD-9T"),
    ],
)
def test_normalisation(typed: str, expected: str) -> None:
    assert normalise_code(typed) == expected


@pytest.mark.parametrize(
    "typed", ["", "K7MX-P3QD-9", "K7MX-P3QD-9TT", "K7MX-P3QD-9U", "K7MX-P3QD-9!", "/status"]
)
def test_what_cannot_be_a_code(typed: str) -> None:
    assert normalise_code(typed) is None
    assert receipt_key(SECRET, typed) is None


def test_receipt_keys_are_keyed() -> None:
    key = receipt_key(SECRET, "K7MX-P3QD-9T")
    assert key is not None and re.fullmatch(r"[0-9a-f]{64}", key)
    assert receipt_key(b"t" * 32, "K7MX-P3QD-9T") != key
    assert receipt_key(SECRET, "K7MX-P3QD-9V") != key
    with pytest.raises(ValueError):
        receipt_key(b"short", "K7MX-P3QD-9T")


def test_format_code() -> None:
    assert format_code("ABCDEFGHJK") == "ABCD-EFGH-JK"


def test_statuses_and_their_labels() -> None:
    assert [s.value for s in GrievanceStatus] == [
        "received",
        "on_agenda",
        "action_taken",
        "closed",
    ]
    assert set(STATUS_LABELS) == set(GrievanceStatus)
    assert STATUS_LABELS[GrievanceStatus.ON_AGENDA] == "To be discussed at the dialogue"
    assert parse_status("closed") is GrievanceStatus.CLOSED
    assert parse_status("deleted") is None
