"""kneecoach: a terminal coach for runner's-knee rehab sessions."""

__version__ = "0.1.0"
