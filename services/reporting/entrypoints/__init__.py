"""Entrypoints of reporting: the JSON API, the pages and the command line, which only
translate: they read the views and hand commands to the bus that ``bootstrap`` built."""
