"""Pure domain model of reporting: commands and events in, events out; no I/O, no frameworks."""
