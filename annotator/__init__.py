"""Timeline Annotator: cited, dated chronologies from source articles."""

__version__ = "0.1.0"
APP_NAME = "Timeline Annotator"
ORG_NAME = "TimelineAnnotator"
