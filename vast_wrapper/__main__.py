"""`python -m vast_wrapper`: the same as the `vast-wrapper` command."""

import sys

from vast_wrapper._cli import main

sys.exit(main())
