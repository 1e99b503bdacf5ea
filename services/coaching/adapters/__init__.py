"""Adapters of coaching: database, Kafka and HTTP implementations of its ports."""
