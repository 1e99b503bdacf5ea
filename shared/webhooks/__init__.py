"""Webhooks for partner projects: the partner feeds, POSTed to an HTTPS endpoint.

A partner that cannot run a Kafka consumer registers an endpoint in the partners file
(``shared.partners``); each service's webhook relay POSTs it the same filtered contract
events the partner's topic carries, signed (``signing``), from the log as outbox, with
retries that back off (``backoff``) and a delivery state per partner kept beside the
Kafka relays' checkpoints (``relay``).
"""

from shared.webhooks.config import Webhook, WebhookRefused, WebhookSettings, load_webhooks
from shared.webhooks.relay import DeliveryState, WebhookRelay, delivery_states, webhook_relays

__all__ = [
    "DeliveryState",
    "Webhook",
    "WebhookRefused",
    "WebhookRelay",
    "WebhookSettings",
    "delivery_states",
    "load_webhooks",
    "webhook_relays",
]
