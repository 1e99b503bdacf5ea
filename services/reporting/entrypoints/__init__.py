"""Entrypoints of reporting: API routes and workers that translate and call the bus."""
