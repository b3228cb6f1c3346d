"""Where things are and how the user set them: folders (``paths``), the config
file (``config``) and the files kneecoach ships (``resources``)."""
