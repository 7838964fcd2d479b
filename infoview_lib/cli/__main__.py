"""``python -m infoview_lib.cli``: the ``infoview`` command."""

import sys

from infoview_lib.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
