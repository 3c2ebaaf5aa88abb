# Vielfalt-Bot: the Discord bot, its SQLite data on a volume, the knowledge base replaceable by a bind mount.
#   docker build -t vielfalt-bot .
#   docker run -d --name vielfalt-bot --env-file .env -v vielfalt-data:/data \
#     -v "$PWD/knowledge:/app/knowledge:ro" --stop-timeout 30 vielfalt-bot
# A host folder instead of the named volume must belong to the bot's user first:
#   sudo chown 10001:10001 /srv/vielfalt-data && sudo chmod 700 /srv/vielfalt-data
FROM python:3.11-slim

# UTF-8 everywhere, so German health and doctor output reads right in docker logs and docker inspect.
ENV LANG=C.UTF-8 \
    PYTHONUTF8=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIELFALT_DATA_DIR=/data \
    VIELFALT_KNOWLEDGE_DIR=/app/knowledge

RUN useradd --create-home --uid 10001 vielfalt \
    && mkdir -m 700 /data /data/exports \
    && chown 10001:10001 /data /data/exports

WORKDIR /app
# Every dependency ships as a binary wheel for this base, so no compiler is installed.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
RUN pip install --no-cache-dir .
# Last, so that editing theses or answers rebuilds only this layer; or mount a folder over it (see above).
COPY knowledge ./knowledge

USER 10001:10001
VOLUME ["/data"]

# The bot finishes running handlers and pending writes on SIGTERM (up to 10 s), then closes the database:
# give it more than Docker's default 10 s with --stop-timeout 30 or stop_grace_period: 30s.
STOPSIGNAL SIGTERM
# Unhealthy when the database or knowledge base is unusable or the bot has lost its Discord connection.
HEALTHCHECK --interval=60s --timeout=15s --start-period=90s --retries=3 \
    CMD ["vielfalt-bot", "health", "--bot"]

ENTRYPOINT ["vielfalt-bot"]
CMD ["run"]
