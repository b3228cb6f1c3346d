"""Widgets of the workout screen; each renders one part of an engine snapshot."""
