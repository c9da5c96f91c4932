"""Helpers for browser tests: where screenshots go (var/screenshots, or docs/screenshots for the README)."""

import os
from pathlib import Path

from django.conf import settings


def screenshot(page, name, full_page=False):
    """Save a screenshot; ``make screenshots`` points TASHIL_SCREENSHOT_DIR at docs/screenshots."""
    folder = Path(os.environ.get("TASHIL_SCREENSHOT_DIR") or settings.BASE_DIR / "var" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def sign_in(page, username):
    """Sign in through the real login form (clearing any earlier session first)."""
    from tashil.core.demo import DEMO_PASSWORD

    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("[data-testid=login-submit]")
    page.wait_for_load_state("domcontentloaded")


def choose(page, field, text):
    """Pick from an autocomplete field: type, and wait until the first match is selected."""
    page.locator(f"[data-field={field}] .autocomplete-search").fill(text)
    select = page.locator(f"[data-field={field}] select")
    page.wait_for_function("s => s.value !== ''", arg=select.element_handle())
