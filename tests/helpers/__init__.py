"""Modules the tests import by name: paths, database dumps, fixture data, the window fixture."""
