"""The console: an offline chat in the terminal over the same services as the Discord bot.

``app`` holds the conversation loop, ``feedback`` the step-by-step feedback dialog and ``terminal`` the input
and output, so the dialog logic never depends on whether a person types or a script pipes lines in.
"""
