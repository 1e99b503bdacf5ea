"""Adapters of matching: database, Kafka and HTTP implementations of its ports."""
