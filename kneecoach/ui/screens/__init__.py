"""One screen per file: picker, safety notice, workout, summary, quit dialog."""
