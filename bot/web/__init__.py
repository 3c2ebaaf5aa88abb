"""The projector wall: a read-only web page for the big screen, served with aiohttp (see :mod:`bot.web.wall`)."""
