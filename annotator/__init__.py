"""Timeline Annotator: cited, dated chronologies from source articles."""

import time

STARTED = time.perf_counter()  # the app reports first paint from here

__version__ = "0.1.0"
APP_NAME = "Timeline Annotator"
ORG_NAME = "TimelineAnnotator"
