"""Adapters of intake: database, Kafka and HTTP implementations of its ports."""
