"""The after-the-event report for the research team (``vielfalt-bot report``)."""
