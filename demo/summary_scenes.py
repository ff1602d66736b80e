"""Demo scenes for what facilitators and program staff take away: the summary (and its HTML
document), the trend charts and the exports. Files land in the demo's output folder."""

from __future__ import annotations

from demo.cast import Cast
from demo.round_scenes import press_choice


async def summary(cast: Cast) -> None:
    """Where the dialogue stands, in one message, and the same as an HTML page."""
    f = cast.facilitator
    f.unread.clear()
    await f.send("/summary")
    await cast.sandbox.settle()
    messages = list(f.unread)
    f.unread.clear()
    assert messages, "no summary"
    cast.notes["summary"] = "\n".join(m.plain_text for m in messages)
    await press_choice(f, messages[-1], "sm:html")
    document = await f.expect()
    assert document.document is not None, "no summary document"
    cast.outputs["summary.html"] = document.document


async def charts(cast: Cast) -> None:
    """The trust index over the three waves and the latest perception gap, as PNG charts."""
    f = cast.facilitator
    f.unread.clear()
    await f.send("/trends")
    photos = [await f.expect(timeout=30), await f.expect(timeout=30)]  # drawn, then sent
    photos = [m for m in photos if m.kind == "photo" and m.document]
    assert len(photos) == 2, f"expected two charts, got {len(photos)}"
    cast.outputs["trust-index.png"] = photos[0].document or b""
    cast.outputs["perception-gap.png"] = photos[1].document or b""


async def exports(cast: Cast) -> None:
    """The facilitator exports the dialogue; program staff export every dialogue."""
    for who, prefix in ((cast.facilitator, "dialogue"), (cast.staff, "all-dialogues")):
        who.unread.clear()
        await who.send("/export")
        menu = await who.expect()
        for data, suffix in (("ex:xlsx", "xlsx"), ("ex:csv", "zip")):
            await press_choice(who, menu, data)
            document = await _document(who)
            cast.outputs[f"export-{prefix}.{suffix}"] = document


async def _document(who) -> bytes:
    for _ in range(5):
        message = await who.expect(timeout=30)
        if message.kind == "document" and message.document:
            return message.document
    raise AssertionError("no export file")


SCENES = [
    ("The facilitator's summary, and the same as a page to share", summary),
    ("Charts of the trust index and the perception gap", charts),
    ("Exports: the dialogue for its facilitator, every dialogue for program staff", exports),
]
