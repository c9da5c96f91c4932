"""Core views: the home page, the working-day calendar and the change log."""

from .generic import Button, ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, RegisteredTab, Tab
from .pages import (
    ChangeLogEntryListView,
    ChangeLogEntryView,
    HolidayDeleteView,
    HolidayEditView,
    HolidayListView,
    HomeView,
)

__all__ = [
    "Button",
    "ChangeLogEntryListView",
    "ChangeLogEntryView",
    "HolidayDeleteView",
    "HolidayEditView",
    "HolidayListView",
    "HomeView",
    "ObjectDeleteView",
    "ObjectEditView",
    "ObjectListView",
    "ObjectView",
    "RegisteredTab",
    "Tab",
]
