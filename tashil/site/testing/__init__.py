"""Test helpers that build the assembled site: the two-county world of every app, its factories and builders."""
