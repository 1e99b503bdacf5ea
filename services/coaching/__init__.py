"""Coaching: individual sessions, group programmes with attendance, online courses, plans and
goals, and in-work coaching with employers.
"""
