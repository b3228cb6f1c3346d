"""What the command line and the app share, above the engine and the store:
finding sessions (``catalog``), today's doses (``doses``), the log as the app
writes it (``logbook``), history statistics (``history``), the safety notices
acknowledged (``acknowledgements``) and what a live workout asks (``coach``)."""
