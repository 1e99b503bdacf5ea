"""The ``duuni`` command and the single-process composition of all four services."""
