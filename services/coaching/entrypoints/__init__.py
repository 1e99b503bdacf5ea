"""Entrypoints of coaching: API routes and workers that translate and call the bus."""
