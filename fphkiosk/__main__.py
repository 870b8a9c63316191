import sys

from fphkiosk.cli import main

sys.exit(main())
