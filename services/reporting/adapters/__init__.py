"""Adapters of reporting: database, Kafka and HTTP implementations of its ports."""
