"""Phone numbers and e-mail addresses in descriptions: what warns and what must not."""

import pytest

from flows.grievances.identifying import IdentifyingKind, identifying_kinds, normalise_digits

PHONE = frozenset({IdentifyingKind.PHONE})
EMAIL = frozenset({IdentifyingKind.EMAIL})
NOTHING: frozenset[IdentifyingKind] = frozenset()


@pytest.mark.parametrize(
    "text",
    [
        "+227 90 12 34 56",
        "appelez le +227 90 12 34 56 ce soir",
        "00227 90 12 34 56",
        "90 12 34 56",
        "90123456",
        "90.12.34.56",
        "0803 123 4567",
        "08031234567",
        "(0803) 123-4567",
        "+234 (0) 803 123 4567",
        "07-12-34-56-78",
        "07 12 34 56 78",
        "+33 7 12 34 56 78",
        "677 12 34 56",
        "call 0803-123-4567 now",
        "son 90123456",
        "appelez 90 12 34 56 n'importe quand",
        "tel:+22790123456",
        "رقمه ٩٠ ١٢ ٣٤ ٥٦",
        "اتصل على +٢٢٧٩٠١٢٣٤٥٦",
        "۰۸۰۳ ۱۲۳ ۴۵۶۷",
        "０８０３ １２３ ４５６７",
    ],
)
def test_phone_numbers_warn(text: str) -> None:
    assert identifying_kinds(text) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "It happened in 2023",
        "between 2019 2020 and 2021",
        "from 2019-2020",
        "on 12/05/2024 at 10:30",
        "on 12-05-2024",
        "on 12.05.2024",
        "le 2024-05-12",
        "on 05/12/2024",
        "they asked for 5000 CFA",
        "ils ont demandé 50 000 FCFA",
        "a fine of 15 000 000 CFA",
        "15 000 000 francs",
        "₦ 25 000 000",
        "N25,000,000 was taken",
        "1 500 000",
        "15,000,000",
        "3 men, 2 women and 12 children",
        "house 12, street 45",
        "طلبوا ٥٠٠٠ فرنك",
        "دفعنا ١٥ ٠٠٠ ٠٠٠ فرنك",
        "room 1234567",
        "a 16-digit card 1234 5678 9012 3456",
        "the 3rd and 4th of May",
        "",
    ],
)
def test_years_dates_amounts_and_short_numbers_do_not_warn(text: str) -> None:
    assert identifying_kinds(text) == NOTHING


@pytest.mark.parametrize(
    "text",
    [
        "write to chef.poste@example.org",
        "mail: a_b+c@mail.co.uk",
        "خالد@example.com",
        "adresse: moussa (at) gmail.com",
        "moussa [at] gmail [dot] com",
        "moussa [arobase] yahoo [point] fr",
    ],
)
def test_email_addresses_warn(text: str) -> None:
    assert identifying_kinds(text) == EMAIL


@pytest.mark.parametrize(
    "text", ["@police_niamey on Telegram", "meet at the market", "price @ 500", "a@b"]
)
def test_things_that_are_not_email_addresses(text: str) -> None:
    assert IdentifyingKind.EMAIL not in identifying_kinds(text)


def test_both_kinds_at_once_and_never_the_text() -> None:
    found = identifying_kinds("Call 0803 123 4567 or mail me@example.com")
    assert found == PHONE | EMAIL
    assert all(isinstance(kind, IdentifyingKind) for kind in found)


def test_arabic_indic_digits_become_ascii() -> None:
    assert normalise_digits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹") == "0123456789 0123456789"
