"""Matching: companies and contacts, hidden and gig job leads, explained client-lead ranking,
referrals and placements.
"""
