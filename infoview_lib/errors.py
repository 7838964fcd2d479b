"""The one root of every error infoview raises on purpose.

Anything derived from :class:`InfoviewError` carries a message written for the
person at the keyboard: what went wrong and how to put it right. The command
line and the forms show that message as it is, never a traceback.
"""


class InfoviewError(Exception):
    """An error whose message is meant for the user, in plain words."""
