"""Pure domain model of coaching: commands and events in, events out; no I/O, no frameworks."""
