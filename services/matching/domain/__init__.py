"""Pure domain model of matching: commands and events in, events out; no I/O, no frameworks."""
