"""The Kafka engine (adapter layer): the relational log stays the log of record.

``OutboxRelay`` publishes committed events from a service's own log to its topic, in
order, until acknowledged; ``KafkaSubscription`` runs the same handlers as the polling
subscription, as an aiokafka consumer group whose offsets of record live in the
consumer's database, next to its effects.
"""

from shared.eventlog.kafka.consumer import GroupTimeouts, KafkaSubscription
from shared.eventlog.kafka.relay import OutboxRelay
from shared.eventlog.kafka.topics import dead_letter_topic, ensure_topics, events_topic

__all__ = [
    "GroupTimeouts",
    "KafkaSubscription",
    "OutboxRelay",
    "dead_letter_topic",
    "ensure_topics",
    "events_topic",
]
