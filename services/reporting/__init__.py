"""Reporting: ESF monitoring figures as projections rebuilt from the event log, reproducible
for any past date.
"""
