"""PyInstaller entry point of the bundled ``kiosk-app`` (same CLI as the pip install)."""

import sys

from kiosk_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
