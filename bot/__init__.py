"""Vielfalt-Bot core: knowledge, matching, storage and services, free of any Discord dependency."""
