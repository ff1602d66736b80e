import io
import logging

from bot.logs import RedactingFilter, configure_logging, redact

TOKEN = "7123456789:AAHk3x_Very-Secret-Token-Value-0123"


def test_redact_token_and_url_path() -> None:
    text = f"POST https://api.telegram.org/bot{TOKEN}/getUpdates failed; token={TOKEN}"
    clean = redact(text)
    assert TOKEN not in clean
    assert "Very-Secret" not in clean
    assert "getUpdates" in clean


def test_every_log_line_is_redacted_even_tracebacks() -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", stream)
    try:
        log = logging.getLogger("palabre.test")
        log.info("calling %s", f"http://127.0.0.1/bot{TOKEN}/sendMessage")
        try:
            raise RuntimeError(f"boom at /bot{TOKEN}/x")
        except RuntimeError:
            log.exception("failed")
        logging.getLogger("httpx").info("HTTP Request: POST /bot%s/getMe", TOKEN)
    finally:
        logging.getLogger().handlers[:] = []
    output = stream.getvalue()
    assert TOKEN not in output
    assert "Very-Secret" not in output
    assert "calling" in output and "RuntimeError" in output
    # httpx is held at WARNING: its request lines are not written at all.
    assert "HTTP Request" not in output


def test_filter_keeps_records() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "a %s", (TOKEN,), None)
    assert RedactingFilter().filter(record)
    assert TOKEN not in record.getMessage()
