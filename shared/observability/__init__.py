"""What operators see: JSON logs with correlation ids, Prometheus metrics, health probes."""
