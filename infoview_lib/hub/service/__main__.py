"""``python -m infoview_lib.hub.service``: run the workshop service (see :func:`.app.main`)."""

import sys

from .app import main

if __name__ == "__main__":
    sys.exit(main())
