FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VIELFALT_DB=/data/vielfalt.db \
    VIELFALT_KNOWLEDGE_DIR=/app/knowledge

WORKDIR /app
RUN useradd --create-home --uid 10001 vielfalt \
    && mkdir /data \
    && chown vielfalt /data

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
RUN pip install .
COPY knowledge ./knowledge

USER vielfalt
VOLUME ["/data"]
ENTRYPOINT ["vielfalt-bot"]
CMD ["run"]
