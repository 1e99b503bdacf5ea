"""Intake: coaches enrol clients (consent, ESF start data), keep their records and exits;
owns the personal-data store and serves the coaches' web UI.
"""
