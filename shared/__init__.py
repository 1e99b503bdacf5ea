"""Code shared by all four services: the event envelope and contracts, the event-log
interface with its engines (SQLite, PostgreSQL, Kafka relay), subscriptions and logging.

Never domain rules: those live in each service's own ``domain`` package.
"""
