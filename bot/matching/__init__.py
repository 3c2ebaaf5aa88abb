"""Fuzzy question matching over the knowledge base."""
