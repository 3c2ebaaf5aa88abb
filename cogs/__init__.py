"""Discord extensions: thin adapters that parse interactions, call ``bot`` services and render replies."""
