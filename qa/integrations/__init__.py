"""Adapters that run tadqiq inside other engines. Each imports its engine itself, so the core
install never pulls one in."""
