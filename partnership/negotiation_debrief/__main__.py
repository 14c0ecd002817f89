"""``python -m partnership.negotiation_debrief``: the command line of :mod:`.cli`."""

import sys

from .cli import main

sys.exit(main())
