"""Entrypoints of matching: API routes and workers that translate and call the bus."""
