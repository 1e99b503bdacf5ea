"""The four services. Each has the same inner shape:

- ``domain/``: pure model (commands, events, decide/evolve); imports no framework;
- ``service_layer/``: handlers, ports (Protocols) and the message bus;
- ``adapters/``: SQLAlchemy, Kafka and HTTP clients behind those ports;
- ``entrypoints/``: FastAPI routes, workers and CLI commands that only translate;
- ``bootstrap.py``: the one composition root, called at start-up, never at import;
- ``config.py``: typed settings from the environment.
"""
