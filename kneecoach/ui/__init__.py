"""The Textual app: ``app`` (thin: messages in, screens out), ``flows`` (the
questions around a workout), ``screens/`` (one per file), ``widgets/`` (draw only)
and ``wording`` (what the workout screen says, as plain functions)."""
