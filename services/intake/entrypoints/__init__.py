"""Entrypoints of intake: API routes and workers that translate and call the bus."""
