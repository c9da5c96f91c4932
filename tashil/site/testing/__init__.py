"""Test utilities shared by every app: factories, the two-county world, generic view tests, the role matrix."""
