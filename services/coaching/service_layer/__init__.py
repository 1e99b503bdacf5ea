"""Handlers, ports (Protocols) and the message bus of coaching."""
