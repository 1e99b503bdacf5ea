"""Pure domain model of intake: commands and events in, events out; no I/O, no frameworks."""
