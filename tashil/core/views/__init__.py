"""Core views: the generic object views, the working-day calendar and the change log."""

from .generic import Button, ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, RegisteredTab, Tab
from .pages import (
    ChangeLogEntryListView,
    ChangeLogEntryView,
    HolidayDeleteView,
    HolidayEditView,
    HolidayListView,
    SavedViewDeleteView,
    SavedViewEditView,
    SavedViewListView,
)

__all__ = [
    "Button",
    "ChangeLogEntryListView",
    "ChangeLogEntryView",
    "HolidayDeleteView",
    "HolidayEditView",
    "HolidayListView",
    "ObjectDeleteView",
    "ObjectEditView",
    "ObjectListView",
    "ObjectView",
    "RegisteredTab",
    "SavedViewDeleteView",
    "SavedViewEditView",
    "SavedViewListView",
    "Tab",
]
