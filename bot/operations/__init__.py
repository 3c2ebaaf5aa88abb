"""Running the bot as a service: setup diagnosis (``doctor``), health checks and the bot's heartbeat."""
