"""Proposals of new places and their moderation by the coordinators."""
